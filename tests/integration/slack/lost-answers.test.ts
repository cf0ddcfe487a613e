/**
 * Every Slack write happens once when its answer is lost (the request took effect, the connection was cut
 * before the reply): the real WebClient talks to the fake through a proxy that loses answers.
 */
import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackChatPlatform } from "../../../integrations/slack/slack-chat-platform.ts";
import type { ChatPlatform } from "../../../src/ports/chat-platform.ts";
import { type FakeSlack, startFakeSlack } from "../../fakes/slack/slack-api-server.ts";
import { type LossyProxy, startLossyProxy } from "../../support/lossy-proxy.ts";

const silent = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => "error" as never,
  setName: () => {},
};

describe("Slack writes when answers are lost", () => {
  let fake: FakeSlack;
  let proxy: LossyProxy;
  let slack: ChatPlatform;
  beforeEach(async () => {
    fake = await startFakeSlack();
    proxy = await startLossyProxy(new URL(fake.apiUrl).origin);
    const slackApiUrl = `${proxy.url}${new URL(fake.apiUrl).pathname}`;
    // As `serve` builds them: a reading client that retries, a writer that does not.
    const options = { slackApiUrl, logger: silent, timeout: 5_000 };
    slack = createSlackChatPlatform(
      new WebClient(fake.token, { ...options, retryConfig: { retries: 2, minTimeout: 50, maxTimeout: 100 } }),
      fake.botUserId,
      new WebClient(fake.token, { ...options, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
    );
  });
  afterEach(async () => {
    await proxy.close();
    await fake.close();
  });
  const named = (prefix: string) => fake.channels.filter((c) => c.name.startsWith(prefix));

  it("finds the channel it created when the answer to conversations.create was lost, and marks it", async () => {
    proxy.loseAnswers("POST", /conversations\.create/);
    const room = await slack.createRoom({ name: "wr-acme-dec06", private: false, key: "WR-2026-0001" });
    expect(proxy.lost).toBe(1);
    expect(named("wr-acme-dec06").map((c) => c.name)).toEqual(["wr-acme-dec06"]);
    expect(room.id).toBe(named("wr-acme-dec06")[0]!.id);
    expect(fake.channel(room.id)!.purpose.value).toContain("WR-2026-0001");
  });

  it("takes the next name when the name belongs to a channel it did not make for this escalation", async () => {
    const first = await slack.createRoom({ name: "wr-acme-dec06", private: true, key: "WR-2026-0001" });
    const second = await slack.createRoom({ name: "wr-acme-dec06", private: true, key: "WR-2026-0002" });
    expect(second.name).toBe("wr-acme-dec06-2");
    // Asked again for the first escalation (a retried job), it finds its own channel.
    expect((await slack.createRoom({ name: "wr-acme-dec06", private: true, key: "WR-2026-0001" })).id).toBe(
      first.id,
    );
    expect(named("wr-acme-dec06")).toHaveLength(2);
  });

  it("posts a keyed message once when the answer to chat.postMessage was lost, and finds it later", async () => {
    const room = await slack.createRoom({ name: "wr-acme-dec06", private: false, key: "WR-2026-0001" });
    proxy.loseAnswers("POST", /chat\.postMessage/);
    const key = { escalationId: "WR-2026-0001", name: "hypothesis:7" };
    const ref = await slack.post(room, { kind: "text", text: "hypothesis seven" }, { key });
    expect(proxy.lost).toBe(1);
    const posted = fake.messages(room.id);
    expect(posted.map((m) => m.text)).toEqual(["hypothesis seven"]);
    expect(ref).toBe(`slack:${room.id}:${posted[0]!.ts}`);
    await slack.post(room, { kind: "text", text: "unrelated" });
    expect(await slack.findPosted!(room, "WR-2026-0001")).toEqual(new Map([["hypothesis:7", ref]]));
    expect(await slack.findPosted!(room, "WR-2026-0002")).toEqual(new Map());
  });
});
