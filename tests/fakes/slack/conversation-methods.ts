/** conversations.* of the fake Slack, with Slack's naming rules and membership errors. */

import { messageJson } from "./chat-methods.ts";
import {
  channelJson,
  fail,
  findChannel,
  invalidArguments,
  type MethodContext,
  type MethodHandler,
  ok,
  readBool,
  readInt,
  readString,
  type SlackArgs,
  type SlackReply,
} from "./slack-args.ts";
import { addChannel, announceJoin, type FakeChannel, unixNow } from "./slack-state.ts";

const MAX_NAME = 80;
const MAX_TOPIC = 250;
const MAX_INVITES = 1000;

/** Slack's error for a channel name it refuses, or undefined for a good one. */
export function channelNameError(name: string | undefined): string | undefined {
  if (!name) return "invalid_name_required";
  if ([...name].length > MAX_NAME) return "invalid_name_maxlength";
  if (!/[\p{L}\p{N}]/u.test(name)) return "invalid_name_punctuation";
  if (!/^[a-z0-9_-]+$/.test(name)) return "invalid_name_specials";
  return undefined;
}

/** One page of `items` by Slack's cursor convention (`response_metadata.next_cursor`, "" at the end). */
export function paginate<T>(
  items: T[],
  args: SlackArgs,
  defaultLimit = 100,
): { page: T[]; next_cursor: string } | { error: string } {
  const cursor = readString(args, "cursor");
  let start = 0;
  if (cursor) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
    if (!match?.[1]) return { error: "invalid_cursor" };
    start = Number.parseInt(match[1], 10);
  }
  const requested = readInt(args, "limit") ?? defaultLimit;
  const limit = Math.min(Math.max(requested <= 0 ? defaultLimit : requested, 1), 1000);
  const end = start + limit;
  const next_cursor = end < items.length ? Buffer.from(`offset:${end}`).toString("base64") : "";
  return { page: items.slice(start, end), next_cursor };
}

/** A channel the caller may change: it exists, is not archived and the caller is in it. */
function writableChannel(ctx: MethodContext): FakeChannel | SlackReply {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  if (channel.is_archived) return fail("is_archived");
  if (!channel.members.includes(ctx.caller.id)) return fail("not_in_channel");
  return channel;
}

function isReply(value: FakeChannel | SlackReply): value is SlackReply {
  return "ok" in value;
}

const create: MethodHandler = (ctx) => {
  const name = readString(ctx.args, "name");
  const nameError = channelNameError(name);
  if (nameError || !name) return fail(nameError ?? "invalid_name_required");
  // Archived channels keep their name, so it stays taken.
  if ([...ctx.state.channels.values()].some((c) => c.name === name)) return fail("name_taken");
  const channel = addChannel(
    ctx.state,
    { name, is_private: readBool(ctx.args, "is_private"), members: [ctx.caller.id] },
    ctx.caller.id,
  );
  return ok({ channel: channelJson(channel, ctx.caller.id) });
};

function setText(field: "topic" | "purpose"): MethodHandler {
  return (ctx) => {
    const channel = writableChannel(ctx);
    if (isReply(channel)) return channel;
    const value = readString(ctx.args, field) ?? "";
    if ([...value].length > MAX_TOPIC) return fail("too_long");
    channel[field] = { value, creator: ctx.caller.id, last_set: unixNow() };
    return ok({ channel: channelJson(channel, ctx.caller.id) });
  };
}

const invite: MethodHandler = (ctx) => {
  const channel = writableChannel(ctx);
  if (isReply(channel)) return channel;
  const ids = (readString(ctx.args, "users") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) return fail("no_user");
  if (ids.length > MAX_INVITES) return fail("too_many_users");
  for (const id of ids) {
    if (!ctx.state.users.has(id)) return fail("user_not_found");
    if (id === ctx.caller.id) return fail("cant_invite_self");
  }
  const newcomers = ids.filter((id) => !channel.members.includes(id));
  // Slack reports already_in_channel only when nobody in the list was new.
  if (newcomers.length === 0) return fail("already_in_channel");
  for (const id of newcomers) {
    channel.members.push(id);
    announceJoin(ctx.state, channel, id, ctx.caller.id);
  }
  return ok({ channel: channelJson(channel, ctx.caller.id) });
};

const members: MethodHandler = (ctx) => {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  const result = paginate(channel.members, ctx.args);
  if ("error" in result) return fail(result.error);
  return ok({ members: result.page, response_metadata: { next_cursor: result.next_cursor } });
};

const info: MethodHandler = (ctx) => {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  return ok({ channel: channelJson(channel, ctx.caller.id, readBool(ctx.args, "include_num_members")) });
};

const archive: MethodHandler = (ctx) => {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  if (channel.is_archived) return fail("already_archived");
  if (channel.is_general) return fail("cant_archive_general");
  if (!channel.members.includes(ctx.caller.id)) return fail("not_in_channel");
  channel.is_archived = true;
  return ok();
};

const unarchive: MethodHandler = (ctx) => {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  if (!channel.is_archived) return fail("not_archived");
  channel.is_archived = false;
  return ok();
};

const join: MethodHandler = (ctx) => {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  if (channel.is_private) return fail("method_not_supported_for_channel_type");
  if (channel.is_archived) return fail("is_archived");
  const already = channel.members.includes(ctx.caller.id);
  if (!already) {
    channel.members.push(ctx.caller.id);
    announceJoin(ctx.state, channel, ctx.caller.id);
  }
  const warning = already ? { warning: "already_in_channel" } : {};
  return ok({ channel: channelJson(channel, ctx.caller.id), ...warning });
};

const list: MethodHandler = (ctx) => {
  const types = (readString(ctx.args, "types") ?? "public_channel").split(",").map((t) => t.trim());
  const excludeArchived = readBool(ctx.args, "exclude_archived");
  const visible = [...ctx.state.channels.values()].filter(
    (c) =>
      (c.is_private
        ? types.includes("private_channel") && c.members.includes(ctx.caller.id)
        : types.includes("public_channel")) && !(excludeArchived && c.is_archived),
  );
  const result = paginate(visible, ctx.args);
  if ("error" in result) return fail(result.error);
  return ok({
    channels: result.page.map((c) => channelJson(c, ctx.caller.id)),
    response_metadata: { next_cursor: result.next_cursor },
  });
};

const history: MethodHandler = (ctx) => {
  if (!readString(ctx.args, "channel")) return invalidArguments("missing required field: channel");
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  if (!channel.members.includes(ctx.caller.id)) return fail("not_in_channel");
  const newestFirst = [...(ctx.state.messages.get(channel.id) ?? [])].reverse();
  const result = paginate(newestFirst, ctx.args);
  if ("error" in result) return fail(result.error);
  const metadata = readBool(ctx.args, "include_all_metadata");
  return ok({
    messages: result.page.map((m) => messageJson(m, ctx.state.team.id, { metadata })),
    has_more: result.next_cursor !== "",
    response_metadata: { next_cursor: result.next_cursor },
  });
};

/** The conversations methods by name. */
export const conversationMethods: Record<string, MethodHandler> = {
  "conversations.create": create,
  "conversations.setTopic": setText("topic"),
  "conversations.setPurpose": setText("purpose"),
  "conversations.invite": invite,
  "conversations.members": members,
  "conversations.info": info,
  "conversations.archive": archive,
  "conversations.unarchive": unarchive,
  "conversations.join": join,
  "conversations.list": list,
  "conversations.history": history,
};
