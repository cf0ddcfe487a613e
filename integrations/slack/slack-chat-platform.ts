/**
 * ChatPlatform over the Slack Web API (the WebClient that Bolt also uses).
 */
import { ErrorCode, type WebClient } from "@slack/web-api";
import {
  AuthError,
  IntegrationError,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  ValidationError,
} from "../../src/errors.ts";
import type { ChatPlatform, InviteResult, RoomRef, RoomSpec } from "../../src/ports/chat-platform.ts";
import { withCollisionSuffix } from "../../src/war-room/channel-name.ts";
import { renderSlackText } from "./escape-mrkdwn.ts";
import {
  channelPurpose,
  findChannelByName,
  findPostedMessages,
  messageMetadata,
  writeOnce,
} from "./idempotent-writes.ts";
import { parseSlackMessageRef, slackMessageRef } from "./message-ref.ts";
import { renderMessage } from "./render-blocks.ts";

const AUTH = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"]);
const PERMISSION = new Set([
  "missing_scope",
  "restricted_action",
  "not_allowed_token_type",
  "ekm_access_denied",
]);
const NOT_FOUND = new Set([
  "channel_not_found",
  "user_not_found",
  "users_not_found",
  "message_not_found",
  "no_such_subteam",
]);

/** Maps a WebClient failure to warroom's error family, naming Slack and what it said. */
export function toIntegrationError(error: unknown): IntegrationError {
  const e = error as {
    code?: string;
    data?: { error?: string; errors?: string[] };
    retryAfter?: number;
    message?: string;
  };
  if (e.code === ErrorCode.RateLimitedError)
    return new RateLimitedError("slack", (e.retryAfter ?? 30) * 1000, { cause: error });
  const slackError = e.data?.error;
  if (e.code === ErrorCode.PlatformError && slackError) {
    const detail = e.data?.errors?.length ? `${slackError} (${e.data.errors.join("; ")})` : slackError;
    if (AUTH.has(slackError)) {
      const fix =
        "an admin should check SLACK_BOT_TOKEN (the app may have been uninstalled or its token revoked)";
      return new AuthError("slack", `${detail}: check SLACK_BOT_TOKEN`, { cause: error, fix });
    }
    if (PERMISSION.has(slackError)) {
      const fix = `the app lacks a scope or a workspace setting forbids it (${slackError}): an admin should compare the app's scopes with manifest.json`;
      return new PermissionError(
        "slack",
        `${detail}: the app lacks a scope or a workspace setting forbids it`,
        { cause: error, fix },
      );
    }
    if (NOT_FOUND.has(slackError)) return new NotFoundError("slack", detail, { cause: error });
    return new ValidationError("slack", detail, { cause: error });
  }
  return new IntegrationError("slack", "request_failed", e.message ?? String(error), { cause: error });
}

async function call<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw toIntegrationError(error);
  }
}

function slackErrorOf(error: unknown): string | undefined {
  return (error as { cause?: { data?: { error?: string } } }).cause?.data?.error ?? undefined;
}

const roomRef = (id: string, name: string): RoomRef => ({
  platform: "slack",
  id,
  name,
  url: `https://slack.com/app_redirect?channel=${id}`,
});

async function inviteOne(client: WebClient, channel: string, user: string): Promise<string | null> {
  try {
    await call(client.conversations.invite({ channel, users: user }));
    return null;
  } catch (error) {
    const reason = slackErrorOf(error) ?? (error as Error).message;
    return reason === "already_in_channel" ? null : reason;
  }
}

/**
 * Creates the channel `name`, or finds the one warroom made for `spec.key` under that name (an earlier
 * answer was lost); null when the name belongs to another channel. The key's marker goes in the purpose.
 */
async function createNamed(
  clients: { client: WebClient; writer: WebClient; botUserId: string },
  name: string,
  spec: RoomSpec,
): Promise<RoomRef | null> {
  const { client, writer, botUserId } = clients;
  let room: RoomRef;
  try {
    // A lost answer is simply retried: the retry's name_taken leads to the lookup below.
    const created = await writeOnce(
      () => writer.conversations.create({ name, is_private: spec.private }),
      async () => null,
    );
    room = roomRef(created.channel?.id as string, created.channel?.name ?? name);
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error !== "name_taken")
      throw toIntegrationError(error);
    if (!spec.key) return null;
    const found = await call(findChannelByName(client, name, spec.key, botUserId));
    if (!found || !(found.marked || found.unclaimed)) return null;
    room = roomRef(found.id, name);
    if (found.marked) return room;
  }
  if (spec.key)
    await call(client.conversations.setPurpose({ channel: room.id, purpose: channelPurpose(spec.key) }));
  return room;
}

/**
 * Creates the Slack ChatPlatform over a WebClient. `writer` makes the writes that must happen once
 * (channels, keyed messages): a client without retries of its own, so a lost answer is looked up
 * before the write is tried again (see idempotent-writes.ts).
 */
export function createSlackChatPlatform(
  client: WebClient,
  botUserId: string,
  writer: WebClient = client,
): ChatPlatform {
  return {
    kind: "slack",
    existingRoom: (id) => roomRef(id, id),
    async createRoom(spec) {
      for (let attempt = 1; attempt <= 20; attempt++) {
        const room = await createNamed(
          { client, writer, botUserId },
          withCollisionSuffix(spec.name, attempt),
          spec,
        );
        if (room) return room;
      }
      throw new ValidationError("slack", `every name from ${spec.name} to ${spec.name}-20 is taken`);
    },
    async setTopic(room, topic) {
      await call(client.conversations.setTopic({ channel: room.id, topic }));
    },
    async invite(room, userIds): Promise<InviteResult> {
      const users = [...new Set(userIds)].filter((u) => u !== botUserId);
      if (users.length === 0) return { invited: [], failed: [] };
      try {
        await call(client.conversations.invite({ channel: room.id, users: users.join(",") }));
        return { invited: users, failed: [] };
      } catch {
        // Slack fails the whole call for one bad user; one at a time tells who.
        const result: InviteResult = { invited: [], failed: [] };
        for (const user of users) {
          const reason = await inviteOne(client, room.id, user);
          if (reason) result.failed.push({ user, reason });
          else result.invited.push(user);
        }
        return result;
      }
    },
    async findUserByEmail(email) {
      try {
        return (await call(client.users.lookupByEmail({ email }))).user?.id ?? null;
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
    async post(room, message, options = {}) {
      const { text, blocks } = renderMessage(message);
      const args = { channel: room.id, text, blocks, unfurl_links: false };
      const key = options.key;
      if (!key) return slackMessageRef(room.id, (await call(client.chat.postMessage(args))).ts as string);
      return call(
        writeOnce(
          async () =>
            slackMessageRef(
              room.id,
              (await writer.chat.postMessage({ ...args, metadata: messageMetadata(key) })).ts as string,
            ),
          async () => (await findPostedMessages(client, room.id, key.escalationId)).get(key.name) ?? null,
        ),
      );
    },
    findPosted: (room, escalationId) => call(findPostedMessages(client, room.id, escalationId)),
    async update(ref, message) {
      const where = parseSlackMessageRef(ref);
      if (!where) throw new ValidationError("slack", `not a Slack message reference: ${ref}`);
      const { text, blocks } = renderMessage(message);
      await call(client.chat.update({ channel: where.channel, ts: where.ts, text, blocks }));
    },
    async members(room) {
      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(
          client.conversations.members({ channel: room.id, limit: 200, ...(cursor ? { cursor } : {}) }),
        );
        members.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return members;
    },
    async usersInGroup(groupId) {
      return (await call(client.usergroups.users.list({ usergroup: groupId }))).users ?? [];
    },
    async archive(room) {
      await call(client.conversations.archive({ channel: room.id }));
    },
    async uploadFile(room, file) {
      const uploaded = await call(
        client.filesUploadV2({
          channel_id: room.id,
          file: Buffer.from(file.bytes),
          filename: file.name,
          title: file.title,
          ...(file.comment ? { initial_comment: file.comment } : {}),
        }),
      );
      const shared = (uploaded as { files?: { files?: { id?: string }[] }[] }).files?.[0]?.files?.[0]?.id;
      return shared ? `slack-file:${shared}` : `slack-file:${file.name}`;
    },
    async whisper(room, userId, text) {
      await call(client.chat.postEphemeral({ channel: room.id, user: userId, text: renderSlackText(text) }));
    },
    async reply(responseUrl, text) {
      const response = await fetch(responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          response_type: "ephemeral",
          replace_original: false,
          text: renderSlackText(text),
        }),
      });
      if (!response.ok)
        throw new IntegrationError("slack", `http_${response.status}`, "the response_url refused the reply");
    },
  };
}
