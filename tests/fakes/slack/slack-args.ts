/**
 * Reading Web API requests the way Slack does: form-encoded (nested JSON as strings), multipart, or JSON
 * bodies; plus the reply shapes and the argument readers every method shares.
 */
import type { IncomingMessage } from "node:http";
import type { FakeChannel, FakeUser, SlackState } from "./slack-state.ts";

/** Parsed method arguments: strings from forms, any JSON value from JSON bodies. */
export type SlackArgs = Record<string, unknown>;

/** A method's answer: `{ ok: true, … }` or `{ ok: false, error, … }`. */
export type SlackReply = { ok: boolean; error?: string } & Record<string, unknown>;

/** What a method sees of a request. */
export interface MethodContext {
  state: SlackState;
  args: SlackArgs;
  caller: FakeUser;
}

/** One Web API method of the fake. */
export type MethodHandler = (ctx: MethodContext) => SlackReply;

/** A successful reply. */
export function ok(fields: Record<string, unknown> = {}): SlackReply {
  return { ok: true, ...fields };
}

/** A platform error (HTTP 200, `ok: false`). */
export function fail(error: string, fields: Record<string, unknown> = {}): SlackReply {
  return { ok: false, error, ...fields };
}

/** Slack's shape for a missing or malformed argument. */
export function invalidArguments(...messages: string[]): SlackReply {
  return fail("invalid_arguments", { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
}

/** The raw body of a request. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Parsed arguments, or the Slack error for a body it would refuse. */
export async function parseArgs(
  contentType: string,
  body: Buffer,
): Promise<{ args: SlackArgs; json: boolean } | { error: string }> {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (body.length === 0) return { args: {}, json: false };
  if (type === "application/json") {
    try {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      if (!isRecord(parsed)) return { error: "invalid_json" };
      return { args: parsed, json: true };
    } catch {
      return { error: "invalid_json" };
    }
  }
  if (type === "application/x-www-form-urlencoded" || type === "") {
    return { args: Object.fromEntries(new URLSearchParams(body.toString("utf8"))), json: false };
  }
  if (type === "multipart/form-data") {
    const form = await multipart(contentType, body);
    if (!form) return { error: "invalid_form_data" };
    const args: SlackArgs = {};
    for (const [key, value] of form) args[key] = typeof value === "string" ? value : "[binary]";
    return { args, json: false };
  }
  return { error: "invalid_post_type" };
}

/** A multipart body parsed by undici's FormData reader, or undefined when it is malformed. */
export async function multipart(contentType: string, body: Buffer): Promise<FormData | undefined> {
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return undefined;
  }
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string argument (numbers and booleans are stringified, as a form would); "" counts as absent. */
export function readString(args: SlackArgs, key: string): string | undefined {
  const value = args[key];
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A boolean argument: `true`, `"true"` or `"1"`. */
export function readBool(args: SlackArgs, key: string): boolean {
  const value = args[key];
  return value === true || value === "true" || value === "1" || value === 1;
}

/** An integer argument, or undefined when absent or not a number. */
export function readInt(args: SlackArgs, key: string): number | undefined {
  const text = readString(args, key);
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number.parseInt(text, 10);
}

/** A JSON argument: parsed when it arrived as a form string, as-is from a JSON body. */
export function readJson(args: SlackArgs, key: string): { value: unknown } | { invalid: true } | undefined {
  const value = args[key];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") return { value };
  try {
    return { value: JSON.parse(value) };
  } catch {
    return { invalid: true };
  }
}

/** The channel named by `args[key]` (an id or `#name`) as the caller may see it. */
export function findChannel(ctx: MethodContext, key = "channel"): FakeChannel | undefined {
  const ref = readString(ctx.args, key);
  if (!ref) return undefined;
  const byName = ref.startsWith("#") ? ref.slice(1) : undefined;
  const channel = byName
    ? [...ctx.state.channels.values()].find((c) => c.name === byName)
    : ctx.state.channels.get(ref);
  // Slack hides private channels from non-members: they look like they do not exist.
  if (channel?.is_private && !channel.members.includes(ctx.caller.id)) return undefined;
  return channel;
}

/** The channel as Slack serialises it for the caller. */
export function channelJson(
  channel: FakeChannel,
  callerId: string,
  withCount = false,
): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.is_private,
    is_archived: channel.is_archived,
    is_general: channel.is_general,
    is_member: channel.members.includes(callerId),
    created: channel.created,
    creator: channel.creator,
    topic: { ...channel.topic },
    purpose: { ...channel.purpose },
    ...(withCount ? { num_members: channel.members.length } : {}),
  };
}

/** Characters as Slack counts them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
