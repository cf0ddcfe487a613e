/**
 * Text from people, the CRM and the engine reaches Slack escaped (&amp; &lt; &gt;): posted through the
 * real WebClient to the fake Slack, every mrkdwn text and every message's notification text shows it
 * literally, so it notifies, mentions and links nobody; only the mention warroom made is a mention.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackChatPlatform } from "../../../integrations/slack/slack-chat-platform.ts";
import type { ChatPlatform } from "../../../src/ports/chat-platform.ts";
import { HOSTILE, hostileMessages } from "../../contracts/chat-platform.contract.ts";
import { type FakeSlack, startFakeSlack } from "../../fakes/slack/slack-api-server.ts";
import { clientFor } from "../../unit/fakes/slack-test-support.ts";

/** Every mrkdwn string of a message as Slack stores it: its `text` and its blocks' mrkdwn objects. */
function mrkdwnOf(message: { text?: string; blocks?: unknown[] }): string[] {
  const found: string[] = message.text ? [message.text] : [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (o.type === "mrkdwn" && typeof o.text === "string") found.push(o.text);
    for (const value of Object.values(o)) walk(value);
  };
  walk(message.blocks ?? []);
  return found;
}

describe("Slack escaping", () => {
  let fake: FakeSlack;
  let platform: ChatPlatform;
  beforeAll(async () => {
    fake = await startFakeSlack();
    platform = createSlackChatPlatform(clientFor(fake, fake.token), fake.botUserId);
  });
  afterAll(() => fake?.close());

  it("posts user and CRM text literally in every kind of message; only warroom's own mention notifies", async () => {
    const room = await platform.createRoom({ name: "esc-escaping-20261124", private: false });
    for (const message of hostileMessages("U01ALICE0")) await platform.post(room, message);
    const texts = fake.messages(room.id).flatMap(mrkdwnOf);
    expect(texts.length).toBeGreaterThan(10);
    const all = texts.join("\n");
    // Slack reads <…> as a mention, a special mention or a link: none comes from the hostile text.
    expect(new Set(all.match(/<[^>]*>/g))).toEqual(new Set(["<@U01ALICE0>"]));
    expect(all).toContain(
      "&lt;!channel&gt; &lt;!here&gt; &lt;@U0HOSTILE&gt; &lt;http://evil.example|click&gt;",
    );
    expect(all).toContain("&amp; *co*");
    expect(all).not.toContain(HOSTILE);
  });

  it("answers a requester through response_url with the words escaped", async () => {
    await platform.reply!(fake.responseUrl(), `No account matches "${HOSTILE}".`);
    const body = fake.responses.at(-1)?.body as { text: string };
    expect(body.text).toBe(
      'No account matches "&lt;!channel&gt; &lt;!here&gt; &lt;@U0HOSTILE&gt; &lt;http://evil.example|click&gt; [docs](http://evil.example) &lt;at&gt;Eve&lt;/at&gt; &lt;b&gt;x&lt;/b&gt; &amp; *co*".',
    );
  });
});
