/**
 * The HTTP side of the fake Notion: every request is recorded, then checked in Notion's order of concerns
 * (outage, bearer token, Notion-Version, scripted failures, rate limit, body size and JSON) before its route
 * runs. Errors go out as Notion's error object with content-type application/json, the only shape the SDK
 * turns into an APIResponseError.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  DEFAULT_MESSAGES,
  failedValidation,
  isRecord,
  NotionApiError,
  validationError,
} from "./notion-errors.ts";
import { findRoute } from "./notion-routes.ts";
import type { FakeNotionCall, NotionState } from "./notion-state.ts";
import type { Refusal } from "./rate-limit.ts";

/** The only API version the fake speaks (the SDK's default since v5). */
export const NOTION_VERSION = "2025-09-03";

/** Notion caps a request body at 500 KB. */
export const BODY_LIMIT_BYTES = 500 * 1000;

/** The switches a running fake exposes to tests. */
export interface HttpControls {
  state: NotionState;
  down: { value: boolean };
  latency: { ms: number };
  takeFailure: (method?: string, path?: string) => Refusal | undefined;
  rateLimit: () => Refusal | undefined;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function refusalError(refusal: Refusal): NotionApiError {
  const headers: Record<string, string> =
    refusal.retryAfter === undefined ? {} : { "retry-after": String(refusal.retryAfter) };
  return new NotionApiError(refusal.status, refusal.code, refusal.message, headers);
}

/** The first reason to refuse a request before reading its body, if any. */
function gate(controls: HttpControls, req: IncomingMessage): NotionApiError | undefined {
  if (controls.down.value) {
    return new NotionApiError(503, "service_unavailable", DEFAULT_MESSAGES.service_unavailable ?? "");
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (bearer !== controls.state.token)
    return new NotionApiError(401, "unauthorized", "API token is invalid.");
  const version = req.headers["notion-version"];
  if (version === undefined || version === "") {
    return new NotionApiError(
      400,
      "missing_version",
      "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.",
    );
  }
  if (version !== NOTION_VERSION) {
    return validationError(
      `Notion-Version header failed validation: Notion-Version header should be "${NOTION_VERSION}", instead was "${String(version)}".`,
    );
  }
  const path = (req.url ?? "").split("?")[0];
  const scripted = controls.takeFailure(req.method, path) ?? controls.rateLimit();
  return scripted ? refusalError(scripted) : undefined;
}

function parseBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (raw.length > BODY_LIMIT_BYTES) {
    // Notion documents the 500 KB cap but not its message.
    throw validationError(
      `body failed validation: body should be ≤ \`${BODY_LIMIT_BYTES}\` bytes, instead was \`${raw.length}\`.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new NotionApiError(400, "invalid_json", "Error parsing JSON body.");
  }
  if (!isRecord(parsed)) throw failedValidation("body", "should be an object", parsed);
  return parsed;
}

function tryJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return raw.toString("utf8");
  }
}

function newCall(req: IncomingMessage, url: URL, raw: Buffer): FakeNotionCall {
  const call: FakeNotionCall = { method: req.method ?? "GET", path: url.pathname, status: 0, at: Date.now() };
  const body = tryJson(raw);
  if (body !== undefined) call.body = body;
  if (url.searchParams.size > 0) call.query = Object.fromEntries(url.searchParams);
  return call;
}

function answer(
  controls: HttpControls,
  req: IncomingMessage,
  url: URL,
  raw: Buffer,
): { status: number; body: unknown } {
  const refused = gate(controls, req);
  if (refused) throw refused;
  const method = req.method ?? "GET";
  const found = findRoute(method, url.pathname);
  if (!found) throw new NotionApiError(400, "invalid_request_url", "Invalid request URL.");
  const body = method === "GET" || method === "DELETE" ? {} : parseBody(raw);
  const result = found.route.handle({
    state: controls.state,
    params: found.params,
    body,
    query: url.searchParams,
  });
  return { status: 200, body: result };
}

async function handle(controls: HttpControls, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake");
  const raw = await readBody(req);
  const call = newCall(req, url, raw);
  controls.state.calls.push(call);
  if (controls.latency.ms > 0) await new Promise((resolve) => setTimeout(resolve, controls.latency.ms));
  const requestId = randomUUID();
  try {
    const { status, body } = answer(controls, req, url, raw);
    call.status = status;
    send(res, status, body, { "x-notion-request-id": requestId });
  } catch (error: unknown) {
    // A bug in the fake surfaces as Notion's 500 (with the cause) rather than a hung request.
    const failure =
      error instanceof NotionApiError
        ? error
        : new NotionApiError(500, "internal_server_error", `Fake Notion failed: ${String(error)}`);
    call.status = failure.status;
    call.code = failure.code;
    const body = {
      object: "error",
      status: failure.status,
      code: failure.code,
      message: failure.message,
      request_id: requestId,
    };
    send(res, failure.status, body, { "x-notion-request-id": requestId, ...failure.headers });
  }
}

/** An HTTP server answering as the Notion API; not yet listening. */
export function createNotionServer(controls: HttpControls): Server {
  return createServer((req, res) => {
    handle(controls, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`fake notion: ${String(error)}`);
    });
  });
}
