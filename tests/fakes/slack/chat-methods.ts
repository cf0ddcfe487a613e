/** chat.* and reactions.* of the fake Slack, with Block Kit limits checked on every message. */
import {
  fail,
  findChannel,
  type MethodContext,
  type MethodHandler,
  ok,
  readJson,
  readString,
  type SlackReply,
} from "./slack-args.ts";
import { type FakeChannel, type FakeMessage, nextTs } from "./slack-state.ts";
import { validateBlocks } from "./validate-blocks.ts";

const MAX_TEXT = 40_000;
const MAX_MESSAGE_BLOCKS = 50;

/** A message as the Web API returns it; its metadata only when asked for (include_all_metadata). */
export function messageJson(
  message: FakeMessage,
  teamId: string,
  options: { metadata?: boolean } = {},
): Record<string, unknown> {
  const { channel: _channel, reactions, metadata, ...rest } = message;
  return {
    ...rest,
    ...(metadata && options.metadata ? { metadata } : {}),
    team: teamId,
    ...(reactions.length > 0
      ? { reactions: reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length })) }
      : {}),
  };
}

/** Slack's `invalid_blocks` reply for a list of explanations. */
export function invalidBlocks(issues: string[]): SlackReply {
  return fail("invalid_blocks", {
    errors: issues,
    response_metadata: { messages: issues.map((issue) => `[ERROR] ${issue}`) },
  });
}

interface Content {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown;
}

/** `text` / `blocks` / `attachments` checked against Slack's limits. */
function readContent(ctx: MethodContext): Content | SlackReply {
  const text = readString(ctx.args, "text");
  const blocksArg = readJson(ctx.args, "blocks");
  if (blocksArg && "invalid" in blocksArg) return fail("invalid_blocks_format");
  const attachmentsArg = readJson(ctx.args, "attachments");
  if (attachmentsArg && "invalid" in attachmentsArg) return fail("invalid_attachments");
  const blocks = blocksArg?.value;
  if (blocks !== undefined) {
    const issues = validateBlocks(blocks, "/blocks", MAX_MESSAGE_BLOCKS);
    if (issues.length > 0) return invalidBlocks(issues);
  }
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (!text && !hasBlocks && attachmentsArg === undefined) return fail("no_text");
  if (text && [...text].length > MAX_TEXT) return fail("msg_too_long");
  return {
    ...(text ? { text } : {}),
    ...(hasBlocks ? { blocks } : {}),
    ...(attachmentsArg ? { attachments: attachmentsArg.value } : {}),
  };
}

function isReply(value: object): value is SlackReply {
  return "ok" in value;
}

/** The channel a message goes to: it exists, is open and the caller is in it. */
function postableChannel(ctx: MethodContext): FakeChannel | SlackReply {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  if (channel.is_archived) return fail("is_archived");
  if (!channel.members.includes(ctx.caller.id)) return fail("not_in_channel");
  return channel;
}

function findMessage(ctx: MethodContext, channel: FakeChannel, key: string): FakeMessage | undefined {
  const ts = readString(ctx.args, key);
  return ctx.state.messages.get(channel.id)?.find((m) => m.ts === ts);
}

/** `metadata` as Slack checks it: an event_type (letters, digits, `_`, `.`) and an object payload. */
function readMetadata(ctx: MethodContext): FakeMessage["metadata"] | SlackReply | undefined {
  const arg = readJson(ctx.args, "metadata");
  if (!arg) return undefined;
  if ("invalid" in arg) return fail("invalid_metadata_format");
  const m = arg.value as { event_type?: unknown; event_payload?: unknown };
  const payload = m.event_payload;
  if (typeof m.event_type !== "string" || !/^[A-Za-z0-9_.]{1,255}$/.test(m.event_type))
    return fail("invalid_metadata_schema");
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return fail("invalid_metadata_schema");
  if (JSON.stringify(payload).length > 8_000) return fail("metadata_too_large");
  return { event_type: m.event_type, event_payload: payload as Record<string, unknown> };
}

const postMessage: MethodHandler = (ctx) => {
  const channel = postableChannel(ctx);
  if (isReply(channel)) return channel;
  const content = readContent(ctx);
  if (isReply(content)) return content;
  const metadata = readMetadata(ctx);
  if (metadata && "ok" in metadata) return metadata;
  const threadTs = readString(ctx.args, "thread_ts");
  const message: FakeMessage = {
    type: "message",
    channel: channel.id,
    ts: nextTs(ctx.state),
    text: content.text ?? "",
    ...(content.blocks ? { blocks: content.blocks } : {}),
    user: ctx.caller.id,
    ...(ctx.caller.bot_id ? { bot_id: ctx.caller.bot_id } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    reactions: [],
    ...(metadata ? { metadata } : {}),
  };
  ctx.state.messages.get(channel.id)?.push(message);
  return ok({
    channel: channel.id,
    ts: message.ts,
    message: messageJson(message, ctx.state.team.id, { metadata: true }),
  });
};

const update: MethodHandler = (ctx) => {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  if (channel.is_archived) return fail("is_archived");
  const message = findMessage(ctx, channel, "ts");
  if (!message) return fail("message_not_found");
  if (message.user !== ctx.caller.id) return fail("cant_update_message");
  const content = readContent(ctx);
  if (isReply(content)) return content;
  // Omitted fields keep their previous value, as in Slack.
  if (content.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined) message.blocks = content.blocks;
  message.edited = { user: ctx.caller.id, ts: nextTs(ctx.state) };
  return ok({
    channel: channel.id,
    ts: message.ts,
    text: message.text,
    message: messageJson(message, ctx.state.team.id),
  });
};

const deleteMessage: MethodHandler = (ctx) => {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  const message = findMessage(ctx, channel, "ts");
  if (!message) return fail("message_not_found");
  if (message.user !== ctx.caller.id) return fail("cant_delete_message");
  const list = ctx.state.messages.get(channel.id) ?? [];
  list.splice(list.indexOf(message), 1);
  return ok({ channel: channel.id, ts: message.ts });
};

const postEphemeral: MethodHandler = (ctx) => {
  const channel = postableChannel(ctx);
  if (isReply(channel)) return channel;
  const userId = readString(ctx.args, "user");
  if (!userId || !ctx.state.users.has(userId)) return fail("user_not_found");
  if (!channel.members.includes(userId)) return fail("user_not_in_channel");
  const content = readContent(ctx);
  if (isReply(content)) return content;
  const threadTs = readString(ctx.args, "thread_ts");
  const messageTs = nextTs(ctx.state);
  ctx.state.ephemerals.push({
    channel: channel.id,
    user: userId,
    sender: ctx.caller.id,
    text: content.text ?? "",
    ...(content.blocks ? { blocks: content.blocks } : {}),
    message_ts: messageTs,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return ok({ message_ts: messageTs });
};

const getPermalink: MethodHandler = (ctx) => {
  const channel = findChannel(ctx);
  if (!channel) return fail("channel_not_found");
  const message = findMessage(ctx, channel, "message_ts");
  if (!message) return fail("message_not_found");
  const base = `https://${ctx.state.team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace(".", "")}`;
  const thread = message.thread_ts ? `?thread_ts=${message.thread_ts}&cid=${channel.id}` : "";
  return ok({ channel: channel.id, permalink: base + thread });
};

function reaction(add: boolean): MethodHandler {
  return (ctx) => {
    const name = readString(ctx.args, "name")?.replace(/^:|:$/g, "");
    if (!name || !/^[a-z0-9_+'-]+$/.test(name)) return fail("invalid_name");
    const channel = findChannel(ctx);
    if (!channel) return fail("channel_not_found");
    if (channel.is_archived) return fail("is_archived");
    const message = findMessage(ctx, channel, "timestamp");
    if (!message) return fail("message_not_found");
    const existing = message.reactions.find((r) => r.name === name);
    const reacted = existing?.users.includes(ctx.caller.id) ?? false;
    if (add && reacted) return fail("already_reacted");
    if (!add && !reacted) return fail("no_reaction");
    if (add) {
      if (existing) existing.users.push(ctx.caller.id);
      else message.reactions.push({ name, users: [ctx.caller.id] });
    } else if (existing) {
      existing.users = existing.users.filter((u) => u !== ctx.caller.id);
      if (existing.users.length === 0) message.reactions.splice(message.reactions.indexOf(existing), 1);
    }
    return ok();
  };
}

/** The chat and reactions methods by name. */
export const chatMethods: Record<string, MethodHandler> = {
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.delete": deleteMessage,
  "chat.postEphemeral": postEphemeral,
  "chat.getPermalink": getPermalink,
  "reactions.add": reaction(true),
  "reactions.remove": reaction(false),
};
