/**
 * The HTTP side of the fake Slack: Web API calls (auth, scripted failures, rate limits, then the method),
 * uploads to upload_url, and POSTs to response_url.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { chatMethods } from "./chat-methods.ts";
import { conversationMethods } from "./conversation-methods.ts";
import { fileMethods, receiveUpload } from "./file-methods.ts";
import type { Refusal } from "./rate-limits.ts";
import { fail, type MethodHandler, parseArgs, readBody, readString, type SlackArgs } from "./slack-args.ts";
import type { FakeUser, SlackState } from "./slack-state.ts";
import { userMethods } from "./user-methods.ts";
import { viewMethods } from "./view-methods.ts";

/** Every Web API method the fake implements. */
export const methods: Readonly<Record<string, MethodHandler>> = {
  ...userMethods,
  ...conversationMethods,
  ...chatMethods,
  ...viewMethods,
  ...fileMethods,
};

/** What the routes need from the running fake. */
export interface RouteContext {
  state: SlackState;
  refuse: (method: string, args: SlackArgs) => Refusal | undefined;
}

const RESPONSE_URL_USES = 5;
const JSON_ARGS = new Set(["blocks", "view", "attachments", "files", "metadata"]);

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** Arguments as tests want to read them: no token, nested JSON decoded. */
function recordedArgs(args: SlackArgs): SlackArgs {
  const out: SlackArgs = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === "token") continue;
    out[key] = value;
    if (!JSON_ARGS.has(key) || typeof value !== "string") continue;
    try {
      out[key] = JSON.parse(value);
    } catch {
      // Left as sent: the method reports the malformed JSON.
    }
  }
  return out;
}

function caller(ctx: RouteContext, req: IncomingMessage, args: SlackArgs, json: boolean) {
  const header = req.headers.authorization ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  // Slack reads a `token` form field too, but never from a JSON body.
  const token = bearer ?? (json ? undefined : readString(args, "token"));
  if (!token) return { error: "not_authed" };
  const userId = ctx.state.tokens.get(token);
  const user: FakeUser | undefined = userId ? ctx.state.users.get(userId) : undefined;
  return user ? { user } : { error: "invalid_auth" };
}

/** POST /api/<method>. */
export async function handleApi(
  ctx: RouteContext,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const query = Object.fromEntries(new URL(req.url ?? "/", "http://fake").searchParams);
  const parsed = await parseArgs(req.headers["content-type"] ?? "", await readBody(req));
  const args: SlackArgs = { ...query, ...("args" in parsed ? parsed.args : {}) };
  const record = (error?: string) =>
    ctx.state.calls.push({ method, args: recordedArgs(args), at: Date.now(), ...(error ? { error } : {}) });
  const refuse = (reply: { error: string; status?: number; retryAfter?: number }) => {
    record(reply.error);
    const headers: Record<string, string> = reply.retryAfter
      ? { "retry-after": String(reply.retryAfter) }
      : {};
    send(res, reply.status ?? 200, fail(reply.error), headers);
  };
  if ("error" in parsed) return refuse(parsed);
  const handler = methods[method];
  if (!handler) return refuse({ error: "unknown_method" });
  const who = caller(ctx, req, args, parsed.json);
  if (!who.user) return refuse({ error: who.error ?? "invalid_auth" });
  const refusal = ctx.refuse(method, args);
  if (refusal) return refuse(refusal);
  const reply = handler({ state: ctx.state, args, caller: who.user });
  record(reply.ok ? undefined : reply.error);
  send(res, 200, reply);
}

/** POST /upload/v1/<fileId>: the bytes of a file announced with files.getUploadURLExternal. */
export async function handleUpload(
  ctx: RouteContext,
  fileId: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const body = await readBody(req);
  const stored = await receiveUpload(ctx.state, fileId, req.headers["content-type"] ?? "", body);
  res.writeHead(stored ? 200 : 404, { "content-type": "text/plain" });
  res.end(stored ? `OK - ${body.length}` : "Not Found");
}

/** POST /response/<id>: a message sent to a response_url (JSON, or a form with a `payload` field). */
export async function handleResponse(
  ctx: RouteContext,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const uses = ctx.state.responseUrls.get(id);
  if (uses === undefined) return send(res, 404, fail("expired_url"));
  if (uses >= RESPONSE_URL_USES) return send(res, 404, fail("used_url"));
  const text = (await readBody(req)).toString("utf8");
  const isForm = (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
  let body: unknown;
  try {
    body = JSON.parse(isForm ? (new URLSearchParams(text).get("payload") ?? "") : text);
  } catch {
    return send(res, 400, fail("invalid_payload"));
  }
  ctx.state.responseUrls.set(id, uses + 1);
  ctx.state.responses.push({ id, body, at: Date.now() });
  send(res, 200, { ok: true });
}
