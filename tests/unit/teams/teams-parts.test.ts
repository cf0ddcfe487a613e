/**
 * The Teams adapter's parts on their own: retries and the errors people see, pacing inside Teams' send
 * limits, cutting text at word boundaries, channel names, message references, reading Teams' markup,
 * validating activities, and the cached token source against the fake token endpoint.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { plainText } from "../../../integrations/teams/activity-schemas.ts";
import { escapeText } from "../../../integrations/teams/compose-activity.ts";
import { validateActivity } from "../../../integrations/teams/inbound.ts";
import { parseTeamsMessageRef, teamsMessageRef, threadOf } from "../../../integrations/teams/message-ref.ts";
import { cutWords } from "../../../integrations/teams/render-parts.ts";
import { retryMiddleware } from "../../../integrations/teams/retry-middleware.ts";
import { teamsChannelName } from "../../../integrations/teams/room-names.ts";
import { createSendPacer } from "../../../integrations/teams/send-pacing.ts";
import { createTokenSource } from "../../../integrations/teams/token-source.ts";
import { AuthError, NotFoundError, PermissionError, RateLimitedError } from "../../../src/errors.ts";
import { startFakeTeams } from "../../fakes/teams/index.ts";

const failure = (status: number, code: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`status ${status}`), {
    response: { status, data: { error: { code, message: code } }, headers },
  });

function run(errors: Error[], options: { maxWaitMs?: number } = {}) {
  const slept: number[] = [];
  let calls = 0;
  const middleware = retryMiddleware({
    sleep: async (ms) => void slept.push(ms),
    baseDelayMs: 100,
    ...options,
  });
  const result = middleware.invoke(
    { config: { method: "post", url: "/v3/conversations/c/activities" } },
    async () => {
      const error = errors[calls++];
      if (error) throw error;
      return "sent";
    },
  );
  return { result, slept, calls: () => calls };
}

describe("retries", () => {
  it("waits the Retry-After of a 429 and backs off on 412, 502, 503 and 504", async () => {
    const r = run([
      failure(429, "Throttled", { "retry-after": "2" }),
      failure(503, "ServiceUnavailable"),
      failure(412, "PreconditionFailed"),
    ]);
    expect(await r.result).toBe("sent");
    expect(r.calls()).toBe(4);
    expect(r.slept[0]).toBeGreaterThanOrEqual(2000);
    expect(r.slept[0]).toBeLessThan(2300);
    expect(r.slept[1]).toBeGreaterThanOrEqual(200);
  });

  it("never retries 403, 404 or 413, and says what to fix", async () => {
    const forbidden = run([failure(403, "BotNotInConversationRoster")]);
    await expect(forbidden.result).rejects.toThrow(/install the warroom app package/);
    await expect(forbidden.result).rejects.toBeInstanceOf(PermissionError);
    expect(forbidden.calls()).toBe(1);
    await expect(run([failure(404, "ConversationNotFound")]).result).rejects.toBeInstanceOf(NotFoundError);
    await expect(run([failure(413, "MessageSizeTooBig")]).result).rejects.toThrow(/over Teams' size limit/);
    await expect(run([failure(401, "Unauthorized")]).result).rejects.toBeInstanceOf(AuthError);
  });

  it("gives up after its retries, and hands a long Retry-After to the job as rate-limited", async () => {
    const busy = run(Array.from({ length: 6 }, () => failure(503, "ServiceUnavailable")));
    await expect(busy.result).rejects.toThrow(/503/);
    expect(busy.calls()).toBe(5);
    const long = run([failure(429, "Throttled", { "retry-after": "120" })], { maxWaitMs: 15_000 });
    await expect(long.result).rejects.toBeInstanceOf(RateLimitedError);
    expect(long.calls()).toBe(1);
  });
});

describe("send pacing", () => {
  afterEach(() => vi.useRealTimers());

  it("holds a send until it fits every window of its conversation, and not another conversation's", async () => {
    vi.useFakeTimers();
    const pace = createSendPacer([[2, 1_000]]);
    await pace("a");
    await pace("a");
    let third = false;
    const waiting = pace("a").then(() => (third = true));
    await pace("b");
    await vi.advanceTimersByTimeAsync(900);
    expect(third).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    await waiting;
    expect(third).toBe(true);
  });
});

describe("text and names", () => {
  it("cuts text at a word boundary with an ellipsis, never mid-word", () => {
    expect(cutWords("short", 10)).toBe("short");
    const cut = cutWords("the worker pool was raised from two to eight", 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut).toBe("the worker pool was…");
    expect(cutWords("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("names channels within 50 characters, keeping the date and the suffix, without forbidden characters", () => {
    const name = teamsChannelName(
      "esc-the-extremely-long-name-of-a-holding-company-international-20261124",
      3,
    );
    expect(name.length).toBeLessThanOrEqual(50);
    expect(name).toMatch(/-20261124-3$/);
    expect(teamsChannelName("esc-a/b:c?-20261124", 1)).toBe("esc-a-b-c--20261124");
  });

  it("references messages by conversation and activity, a thread's replies by its channel", () => {
    const ref = teamsMessageRef("19:abc@thread.tacv2;messageid=1700", "1701");
    expect(parseTeamsMessageRef(ref)).toEqual({ conversationId: "19:abc@thread.tacv2", activityId: "1701" });
    expect(parseTeamsMessageRef("slack:C1:1.2")).toBeNull();
    expect(threadOf("19:abc@thread.tacv2", "1700", true)).toBe("19:abc@thread.tacv2;messageid=1700");
  });

  it("reads Teams' markup as plain text, and escapes text it sends", () => {
    expect(plainText("<p>Acme &amp; Co said &quot;hi&quot;&nbsp;<b>now</b></p>")).toBe(
      'Acme & Co said "hi" now',
    );
    expect(escapeText("<b>[link](x)</b> & *bold*")).toBe("&lt;b&gt;\\[link\\](x)&lt;/b&gt; &amp; \\*bold\\*");
  });
});

describe("activity validation", () => {
  const base = {
    type: "message",
    id: "1",
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    channelId: "msteams",
    from: { id: "29:1a", aadObjectId: "a" },
    recipient: { id: "28:b" },
    conversation: { id: "19:c@thread.tacv2" },
  };
  it("accepts what it can read and names the first field it cannot", () => {
    expect(validateActivity(base)).toBeNull();
    expect(validateActivity({ ...base, channelId: "webchat" })).toMatch(/^channelId/);
    expect(validateActivity({ ...base, type: "invoke", name: "adaptiveCard/action", value: {} })).toMatch(
      /^value\.action/,
    );
    expect(validateActivity({ ...base, serviceUrl: "not a url" })).toMatch(/^serviceUrl/);
  });
});

describe("token source", () => {
  it("asks once per scope until five minutes before expiry, then again; and says which variables when refused", async () => {
    const fake = await startFakeTeams();
    try {
      let now = Date.now();
      const env = fake.env();
      const source = createTokenSource({
        loginUrl: env.MICROSOFT_LOGIN_URL!,
        tenantId: fake.tenantId,
        clientId: fake.appId,
        clientSecret: fake.appPassword,
        now: () => now,
      });
      const scope = `${fake.issuer}/.default`;
      const tokens = await Promise.all([source.get(scope), source.get(scope), source.get(scope)]);
      expect(new Set(tokens).size).toBe(1);
      expect(source.requests).toBe(1);
      now += 3_599_000 - 4 * 60_000;
      await source.get(scope);
      expect(source.requests).toBe(2);
      const wrong = createTokenSource({
        loginUrl: env.MICROSOFT_LOGIN_URL!,
        tenantId: fake.tenantId,
        clientId: fake.appId,
        clientSecret: "wrong",
      });
      await expect(wrong.get(scope)).rejects.toThrow(/AADSTS7000215.*MICROSOFT_APP_PASSWORD/);
      await expect(wrong.get(scope)).rejects.toBeInstanceOf(AuthError);
    } finally {
      await fake.close();
    }
  });
});
