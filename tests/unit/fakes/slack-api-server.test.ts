import { describe, expect, it } from "vitest";
import { clientFor, slackError, useFakeSlack } from "./slack-test-support.ts";

const env = useFakeSlack();

describe("auth", () => {
  it("answers auth.test for the bot token", async () => {
    const result = await env.client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: "T0001",
      user_id: env.fake.botUserId,
      bot_id: env.fake.botId,
    });
    expect(result.url).toBe("https://warroom-test.slack.com/");
  });

  it("refuses an unknown token and a missing one", async () => {
    expect(await slackError(clientFor(env.fake, "xoxb-wrong").auth.test())).toBe("invalid_auth");
    expect(await slackError(clientFor(env.fake, undefined).auth.test())).toBe("not_authed");
    expect(env.fake.callsTo("auth.test").map((c) => c.error)).toEqual(["invalid_auth", "not_authed"]);
  });

  it("answers unknown_method for a method Slack does not have", async () => {
    expect(await slackError(env.client.apiCall("conversations.teleport"))).toBe("unknown_method");
  });

  it("accepts JSON bodies with a bearer token", async () => {
    const response = await fetch(`${env.fake.apiUrl}conversations.create`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${env.fake.token}`,
        "content-type": "application/json; charset=utf-8",
      },
      body: JSON.stringify({ name: "json-room", is_private: true }),
    });
    expect(await response.json()).toMatchObject({
      ok: true,
      channel: { name: "json-room", is_private: true },
    });
  });
});

describe("conversations", () => {
  it("creates a channel the bot is in, then refuses the name again, archived or not", async () => {
    const created = await env.client.conversations.create({ name: "esc-acme-1234", is_private: true });
    const id = created.channel?.id ?? "";
    expect(id).toMatch(/^C/);
    expect(env.fake.channel("esc-acme-1234")).toMatchObject({
      is_private: true,
      members: [env.fake.botUserId],
    });
    expect(await slackError(env.client.conversations.create({ name: "esc-acme-1234" }))).toBe("name_taken");
    await env.client.conversations.archive({ channel: id });
    expect(await slackError(env.client.conversations.archive({ channel: id }))).toBe("already_archived");
    expect(await slackError(env.client.conversations.create({ name: "esc-acme-1234" }))).toBe("name_taken");
  });

  it("applies Slack's channel-name rules", async () => {
    expect(await slackError(env.client.conversations.create({ name: "Esc Acme" }))).toBe(
      "invalid_name_specials",
    );
    expect(await slackError(env.client.conversations.create({ name: "esc.acme" }))).toBe(
      "invalid_name_specials",
    );
    expect(await slackError(env.client.conversations.create({ name: "e".repeat(81) }))).toBe(
      "invalid_name_maxlength",
    );
    expect(await slackError(env.client.conversations.create({ name: "--__" }))).toBe(
      "invalid_name_punctuation",
    );
    expect(await slackError(env.client.conversations.create({ name: "e".repeat(80) }))).toBe("ok");
  });

  it("sets topic and purpose, with Slack's 250-character limit", async () => {
    const { channel } = await env.client.conversations.create({ name: "esc-topic" });
    const id = channel?.id ?? "";
    await env.client.conversations.setTopic({ channel: id, topic: "Acme: checkout failing" });
    await env.client.conversations.setPurpose({ channel: id, purpose: "War room for case 00001234" });
    expect(env.fake.channel(id)?.topic.value).toBe("Acme: checkout failing");
    expect(env.fake.channel(id)?.purpose.value).toBe("War room for case 00001234");
    expect(await slackError(env.client.conversations.setTopic({ channel: id, topic: "x".repeat(251) }))).toBe(
      "too_long",
    );
  });

  it("reports invite errors the way Slack does", async () => {
    const { channel } = await env.client.conversations.create({ name: "esc-invite" });
    const id = channel?.id ?? "";
    expect(
      await slackError(env.client.conversations.invite({ channel: "C0GENERAL", users: "U01ALICE0" })),
    ).toBe("not_in_channel");
    expect(await slackError(env.client.conversations.invite({ channel: id, users: "U0NOBODY1" }))).toBe(
      "user_not_found",
    );
    expect(
      await slackError(env.client.conversations.invite({ channel: id, users: env.fake.botUserId })),
    ).toBe("cant_invite_self");
    await env.client.conversations.invite({ channel: id, users: "U01ALICE0" });
    expect(await slackError(env.client.conversations.invite({ channel: id, users: "U01ALICE0" }))).toBe(
      "already_in_channel",
    );
    // One newcomer in the list is enough for success.
    await env.client.conversations.invite({ channel: id, users: "U01ALICE0,U01BOB000" });
    expect(env.fake.channel(id)?.members).toEqual([env.fake.botUserId, "U01ALICE0", "U01BOB000"]);
    await env.client.conversations.archive({ channel: id });
    expect(await slackError(env.client.conversations.invite({ channel: id, users: "U01CAROL0" }))).toBe(
      "is_archived",
    );
    expect(
      await slackError(env.client.conversations.invite({ channel: "C0MISSING", users: "U01CAROL0" })),
    ).toBe("channel_not_found");
  });

  it("pages conversations.members with a cursor", async () => {
    const { channel } = await env.client.conversations.create({ name: "esc-paging" });
    const id = channel?.id ?? "";
    for (let i = 0; i < 6; i++) env.fake.addMember(id, env.fake.addUser({ name: `user${i}` }).id);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await env.client.conversations.members({
        channel: id,
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.members ?? []);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(env.fake.channel(id)?.members);
    expect(await slackError(env.client.conversations.members({ channel: id, cursor: "bm9wZQ==" }))).toBe(
      "invalid_cursor",
    );
  });

  it("hides private channels from non-members", async () => {
    env.fake.addChannel({ id: "C0SECRET1", name: "secret", is_private: true, members: ["U01ALICE0"] });
    expect(await slackError(env.client.conversations.info({ channel: "C0SECRET1" }))).toBe(
      "channel_not_found",
    );
    expect(await slackError(env.client.conversations.join({ channel: "C0GENERAL" }))).toBe("ok");
  });
});

describe("users", () => {
  it("looks users up by email", async () => {
    const found = await env.client.users.lookupByEmail({ email: "bob@example.com" });
    expect(found.user).toMatchObject({ id: "U01BOB000", name: "bob", profile: { email: "bob@example.com" } });
    expect(await slackError(env.client.users.lookupByEmail({ email: "nobody@example.com" }))).toBe(
      "users_not_found",
    );
  });

  it("lists user-group members", async () => {
    const group = env.fake.addUsergroup({ handle: "sre", users: ["U01CAROL0"] });
    expect((await env.client.usergroups.users.list({ usergroup: group.id })).users).toEqual(["U01CAROL0"]);
    expect(await slackError(env.client.usergroups.users.list({ usergroup: "S0NOPE" }))).toBe(
      "no_such_subteam",
    );
  });
});
