/**
 * manifest.json must match what the handlers listen for: the command, the shortcut, the events, the
 * interactivity, and the scopes the Web API calls need.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND, SHORTCUT } from "../../../integrations/slack/ids.ts";

const ROOT = join(import.meta.dirname, "../../..");
const manifest = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8"));
const handlers = [
  "escalate-command.ts",
  "verdict-listeners.ts",
  "escalation-listeners.ts",
  "follow-up-listeners.ts",
  "member-listeners.ts",
  "app-home.ts",
]
  .map((f) => readFileSync(join(ROOT, "handlers/slack", f), "utf8"))
  .join("\n");
const integration = ["slack-chat-platform.ts", "index.ts"]
  .map((f) => readFileSync(join(ROOT, "integrations/slack", f), "utf8"))
  .join("\n");

describe("manifest.json", () => {
  it("declares the slash command the handlers register, on /slack/events", () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([COMMAND]);
    expect(handlers).toContain("app.command(COMMAND");
    expect(manifest.features.slash_commands[0].url).toMatch(/\/slack\/events$/);
  });

  it("declares the message shortcut the handlers register", () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: "message", callback_id: SHORTCUT, name: "Escalate from this message" }),
    ]);
    expect(handlers).toContain("app.shortcut(SHORTCUT");
  });

  it("subscribes to exactly the events the handlers listen to", () => {
    const listened = [...handlers.matchAll(/app\.event\("(\w+)"/g)].map((m) => m[1]);
    const looped = [...handlers.matchAll(/\["(reaction_added)", "(reaction_removed)"\]/g)].flatMap((m) => [
      m[1],
      m[2],
    ]);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...new Set([...listened, ...looped])].sort(),
    );
  });

  it("turns on interactivity and external select options for the buttons, modals and account search", () => {
    expect(manifest.settings.interactivity).toMatchObject({
      is_enabled: true,
      request_url: expect.stringMatching(/\/slack\/events$/),
      message_menu_options_url: expect.stringMatching(/\/slack\/events$/),
    });
    expect(handlers).toMatch(/app\.action\(/);
    expect(handlers).toMatch(/app\.view\(/);
    expect(handlers).toMatch(/app\.options\(/);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it("asks for the scopes of every Web API method warroom calls", () => {
    const needs: Record<string, string[]> = {
      "conversations.create": ["channels:manage", "groups:write"],
      "conversations.invite": ["channels:manage", "groups:write"],
      "conversations.setTopic": ["channels:manage", "groups:write"],
      "conversations.members": ["channels:read", "groups:read"],
      "conversations.archive": ["channels:manage", "groups:write"],
      "chat.postMessage": ["chat:write"],
      "chat.postEphemeral": ["chat:write"],
      "users.lookupByEmail": ["users:read.email"],
      "users.info": ["users:read"],
      "usergroups.users.list": ["usergroups:read"],
    };
    const code = handlers + integration;
    for (const [method, scopes] of Object.entries(needs)) {
      const [family, ...rest] = method.split(".");
      if (!code.includes(`${family}.${rest.join(".")}(`)) continue;
      for (const scope of scopes)
        expect(manifest.oauth_config.scopes.bot, `${method} needs ${scope}`).toContain(scope);
    }
    expect(manifest.oauth_config.scopes.bot).toContain("commands");
    expect(manifest.oauth_config.scopes.bot).toContain("reactions:read");
    // member_joined_channel is delivered for public channels with channels:read, private ones with groups:read.
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["channels:read", "groups:read"]),
    );
  });
});
