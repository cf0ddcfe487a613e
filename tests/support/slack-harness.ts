/**
 * A running warroom with Slack on, started exactly as `warroom serve` starts it (the composition root and
 * its HTTP wiring): real services (PGlite, queue, local CRM on the sample dataset), the real Bolt app
 * behind warroom's HTTP server, and the fake Slack Web API. Requests are signed with a test
 * secret exactly as Slack signs them.
 */
import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHttp } from "../../handlers/http/index.ts";
import { closeServices, openServices, type Services, startServices } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { HttpServer } from "../../src/http-server.ts";
import { systemClock } from "../../src/ports/clock.ts";
import type { CrmSource } from "../../src/ports/crm-source.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/slack-api-server.ts";
import { testLogger } from "./databases.ts";

export const SIGNING_SECRET = "test-signing-secret";

/** The harness. */
export interface SlackHarness {
  fake: FakeSlack;
  services: Services;
  url: string;
  /** POSTs a form body (slash command or interactivity) signed by Slack. */
  postForm(fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  /** POSTs an Events API callback signed by Slack. */
  postEvent(
    event: Record<string, unknown>,
    eventId: string,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** A Block Kit button clicked on a message, as Slack sends it (a form with its `payload`). */
  button(
    user: string,
    actionId: string,
    value: string,
    channel: string,
    messageTs: string,
  ): Record<string, string>;
  /** The slash command as Slack sends it. */
  command(user: string, text: string, channel?: string): Promise<Response>;
  close(): Promise<void>;
}

export function sign(
  body: string,
  secret = SIGNING_SECRET,
  ts = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`;
  return { "x-slack-signature": signature, "x-slack-request-timestamp": String(ts) };
}

/** Options of the harness. */
export interface SlackHarnessOptions {
  /** Extra variables (ROUTING_RULES_FILE, ...). */
  env?: Record<string, string>;
  decorateCrm?: (crm: CrmSource) => CrmSource;
  pollingIntervalSeconds?: number;
}

/** Starts everything. */
export async function startSlackHarness(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const env = options.env ?? {};
  const fake = await startFakeSlack();
  const dataDir = await mkdtemp(join(tmpdir(), "warroom-slack-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...env,
  });
  const services = await openServices(config, {
    logger: testLogger,
    clock: systemClock,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
    ...(options.decorateCrm ? { decorateCrm: options.decorateCrm } : {}),
  });
  await startServices(services);
  // The same wiring as `warroom serve`: Slack's listeners are registered by the composition root.
  const server: HttpServer = await startHttp(services, { port: 0, hostname: "127.0.0.1", subsystems: [] });
  const url = `http://127.0.0.1:${server.port}/slack/events`;
  const post = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: "POST", body, headers: { "content-type": contentType, ...sign(body), ...headers } });
  const envelope = (event: Record<string, unknown>, eventId: string) =>
    JSON.stringify({
      token: "x",
      team_id: fake.teamId,
      api_app_id: "A1",
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event,
      authorizations: [{ team_id: fake.teamId, user_id: fake.botUserId, is_bot: true }],
    });
  // Events the fake raises (someone joined a channel) reach the app as Slack delivers them: signed, once.
  const delivered: Promise<unknown>[] = [];
  let raised = 0;
  fake.onEvent((event) => {
    const body = envelope(event, `EvFAKE${++raised}`);
    delivered.push(
      post(body, "application/json").then(
        (r) => r.text(),
        () => undefined,
      ),
    );
  });
  return {
    fake,
    services,
    url,
    postForm: (fields, headers) =>
      post(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", headers),
    postEvent: (event, eventId, headers) => post(envelope(event, eventId), "application/json", headers),
    button: (user, actionId, value, channel, messageTs) => ({
      payload: JSON.stringify({
        type: "block_actions",
        user: { id: user, username: user, team_id: fake.teamId },
        team: { id: fake.teamId, domain: "acme" },
        api_app_id: "A1",
        token: "x",
        container: { type: "message", message_ts: messageTs, channel_id: channel, is_ephemeral: false },
        channel: { id: channel, name: "war-room" },
        trigger_id: fake.issueTriggerId(),
        response_url: fake.responseUrl(),
        message: { type: "message", ts: messageTs, text: "" },
        actions: [
          { action_id: actionId, block_id: "b", value, type: "button", action_ts: String(Date.now() / 1000) },
        ],
      }),
    }),
    command: (user, text, channel = "C-GENERAL") =>
      post(
        new URLSearchParams({
          token: "x",
          team_id: fake.teamId,
          team_domain: "acme",
          channel_id: channel,
          channel_name: "general",
          user_id: user,
          user_name: user,
          command: "/escalate",
          text,
          api_app_id: "A1",
          is_enterprise_install: "false",
          response_url: fake.responseUrl(),
          trigger_id: fake.issueTriggerId(),
        }).toString(),
        "application/x-www-form-urlencoded",
      ),
    close: async () => {
      await Promise.all(delivered);
      await server.close();
      await closeServices(services);
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
