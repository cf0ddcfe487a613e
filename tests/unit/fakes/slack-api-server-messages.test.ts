import type { ModalView } from "@slack/types";
import { ErrorCode } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { clientFor, slackError, useFakeSlack } from "./slack-test-support.ts";

const env = useFakeSlack();

describe("messages", () => {
  const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

  it("posts and updates a message with blocks", async () => {
    const { channel } = await env.client.conversations.create({ name: "esc-msg" });
    const id = channel?.id ?? "";
    const posted = await env.client.chat.postMessage({
      channel: id,
      text: "Case card",
      blocks: [section("*Acme*")],
    });
    expect(posted.ts).toBe(env.fake.messages(id)[0]?.ts);
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    await env.client.chat.update({
      channel: id,
      ts: posted.ts ?? "",
      text: "Case card v2",
      blocks: [section("v2")],
    });
    expect(env.fake.messages(id)[0]).toMatchObject({ text: "Case card v2", blocks: [section("v2")] });
    expect(env.fake.callsTo("chat.update")[0]?.args.blocks).toEqual([section("v2")]);
    const second = await env.client.chat.postMessage({ channel: id, text: "next" });
    expect(Number(second.ts)).toBeGreaterThan(Number(posted.ts));
    const link = await env.client.chat.getPermalink({ channel: id, message_ts: posted.ts ?? "" });
    expect(link.permalink).toBe(
      `https://warroom-test.slack.com/archives/${id}/p${posted.ts?.replace(".", "")}`,
    );
    expect(await slackError(env.client.chat.update({ channel: id, ts: "1.000001", text: "x" }))).toBe(
      "message_not_found",
    );
  });

  it("refuses blocks over Block Kit limits with Slack's explanation", async () => {
    const { channel } = await env.client.conversations.create({ name: "esc-blocks" });
    const id = channel?.id ?? "";
    const refused = env.client.chat.postMessage({
      channel: id,
      text: "x",
      blocks: [section("a"), section("b".repeat(3001))],
    });
    await expect(refused).rejects.toMatchObject({
      data: {
        error: "invalid_blocks",
        errors: ["must be less than 3001 characters [json-pointer:/blocks/1/text/text]"],
      },
    });
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" }));
    await expect(
      env.client.chat.postMessage({ channel: id, text: "x", blocks: tooMany }),
    ).rejects.toMatchObject({
      data: { errors: ["no more than 50 items allowed [json-pointer:/blocks]"] },
    });
    const header = { type: "header", text: { type: "mrkdwn", text: "*no*" } };
    expect(await slackError(env.client.chat.postMessage({ channel: id, text: "x", blocks: [header] }))).toBe(
      "invalid_blocks",
    );
    expect(await slackError(env.client.chat.postMessage({ channel: id, text: "x".repeat(40_001) }))).toBe(
      "msg_too_long",
    );
    expect(await slackError(env.client.chat.postMessage({ channel: "C0GENERAL", text: "hi" }))).toBe(
      "not_in_channel",
    );
    expect(env.fake.messages(id)).toEqual([]);
  });

  it("refuses to update someone else's message", async () => {
    await env.restart({ tokens: { "xoxp-alice": "U01ALICE0" } });
    const alice = clientFor(env.fake, "xoxp-alice");
    const { ts } = await alice.chat.postMessage({ channel: "C0GENERAL", text: "mine" });
    expect(await slackError(env.client.chat.update({ channel: "C0GENERAL", ts: ts ?? "", text: "x" }))).toBe(
      "cant_update_message",
    );
  });

  it("records ephemeral messages and response_url posts", async () => {
    await env.client.conversations.join({ channel: "C0GENERAL" });
    await env.client.chat.postEphemeral({ channel: "C0GENERAL", user: "U01ALICE0", text: "only you" });
    expect(env.fake.ephemerals).toMatchObject([
      { channel: "C0GENERAL", user: "U01ALICE0", text: "only you" },
    ]);
    const url = env.fake.responseUrl("r1");
    const answer = await fetch(url, {
      method: "POST",
      body: JSON.stringify({ text: "done", replace_original: true }),
    });
    expect(answer.status).toBe(200);
    expect(env.fake.responses).toMatchObject([{ id: "r1", body: { text: "done", replace_original: true } }]);
  });
});

describe("failures and rate limits", () => {
  it("surfaces a scripted 429 as WebClient's rate-limited error", async () => {
    env.fake.failNext("conversations.create", { status: 429, retryAfter: 7 });
    const strict = clientFor(env.fake, env.fake.token, { rejectRateLimitedCalls: true });
    await expect(strict.conversations.create({ name: "esc-limited" })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    expect(await slackError(strict.conversations.create({ name: "esc-limited" }))).toBe("ok");
  });

  it("injects platform errors a given number of times", async () => {
    env.fake.failNext("conversations.create", { error: "restricted_action", times: 2 });
    expect(await slackError(env.client.conversations.create({ name: "esc-a" }))).toBe("restricted_action");
    expect(await slackError(env.client.conversations.create({ name: "esc-a" }))).toBe("restricted_action");
    expect(await slackError(env.client.conversations.create({ name: "esc-a" }))).toBe("ok");
  });

  it("answers 429 with Retry-After once a method's budget per minute is spent", async () => {
    await env.restart({ rateLimits: { "users.info": 2 } });
    const strict = clientFor(env.fake, env.fake.token, { rejectRateLimitedCalls: true });
    await strict.users.info({ user: "U01ALICE0" });
    await strict.users.info({ user: "U01ALICE0" });
    const response = await fetch(`${env.fake.apiUrl}users.info`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${env.fake.token}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "user=U01ALICE0",
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ ok: false, error: "ratelimited" });
  });
});

describe("views", () => {
  const modal: ModalView = { type: "modal", title: { type: "plain_text", text: "Verdict" }, blocks: [] };

  it("opens a modal for an issued trigger id and refuses unknown or reused ones", async () => {
    const trigger = env.fake.issueTriggerId();
    const opened = await env.client.views.open({ trigger_id: trigger, view: modal });
    expect(opened.view?.id).toMatch(/^V/);
    expect(env.fake.views).toMatchObject([{ trigger_id: trigger, type: "modal" }]);
    expect(await slackError(env.client.views.open({ trigger_id: "123.456.nope", view: modal }))).toBe(
      "invalid_trigger_id",
    );
    expect(await slackError(env.client.views.open({ trigger_id: trigger, view: modal }))).toBe(
      "exchanged_trigger_id",
    );
    const updated = await env.client.views.update({
      view_id: opened.view?.id ?? "",
      view: { ...modal, blocks: [] },
    });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
  });

  it("pushes onto the modal's stack, at most three deep", async () => {
    const root = await env.client.views.open({ trigger_id: env.fake.issueTriggerId(), view: modal });
    const rootId = root.view?.id ?? "";
    for (let depth = 2; depth <= 3; depth++) {
      const pushed = await env.client.views.push({
        trigger_id: env.fake.issueTriggerId({ viewId: rootId }),
        view: modal,
      });
      expect(pushed.view).toMatchObject({ root_view_id: rootId });
    }
    const fourth = env.client.views.push({
      trigger_id: env.fake.issueTriggerId({ viewId: rootId }),
      view: modal,
    });
    expect(await slackError(fourth)).toBe("push_limit_reached");
  });

  it("refuses a modal over the view limits with invalid_arguments", async () => {
    const longTitle: ModalView = {
      ...modal,
      title: { type: "plain_text", text: "A title far too long for Slack" },
    };
    await expect(
      env.client.views.open({ trigger_id: env.fake.issueTriggerId(), view: longTitle }),
    ).rejects.toMatchObject({
      data: {
        error: "invalid_arguments",
        response_metadata: {
          messages: ["[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"],
        },
      },
    });
  });
});

describe("files", () => {
  it("takes a filesUploadV2 upload through upload_url and shares it", async () => {
    const { channel } = await env.client.conversations.create({ name: "esc-files" });
    const id = channel?.id ?? "";
    const result = await env.client.filesUploadV2({
      channel_id: id,
      content: "evidence pack",
      filename: "evidence.md",
      initial_comment: "Evidence attached",
    });
    expect(result.ok).toBe(true);
    expect(env.fake.callsTo("files.getUploadURLExternal")).toHaveLength(1);
    expect(env.fake.callsTo("files.completeUploadExternal")).toHaveLength(1);
    const [file] = env.fake.files;
    expect(file?.bytes?.toString("utf8")).toBe("evidence pack");
    expect(file).toMatchObject({ filename: "evidence.md", completed: true, channels: [id] });
    expect(env.fake.messages(id)).toMatchObject([{ text: "Evidence attached", files: [file?.id] }]);
  });
});
