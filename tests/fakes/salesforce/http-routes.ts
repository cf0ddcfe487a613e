/**
 * The HTTP side of the fake Salesforce. An API call (`/services/data/…`) goes through, in order: a scripted
 * failure, the bearer token (401 INVALID_SESSION_ID), the daily allocation (403 REQUEST_LIMIT_EXCEEDED, else
 * one more call used), then the resource: the query resource and its locators, `limits`, and the sObject
 * resource (sobject-routes.ts: creating, updating and reading records, with the user's scripted access). Authenticated
 * answers carry `Sforce-Limit-Info: api-usage=N/M`. `POST /services/oauth2/token` is the OAuth token endpoint,
 * which costs no API call. Everything else is 404 NOT_FOUND.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { exchangeToken, type TokenEndpoint } from "./oauth-jwt.ts";
import type { OrgState } from "./org-state.ts";
import type { CursorStore, QueryPage } from "./query-cursors.ts";
import { notImplemented, SalesforceError, STANDARD_MESSAGES, standardError } from "./salesforce-errors.ts";
import { type AccessRules, routeSObject } from "./sobject-routes.ts";
import { compileSoql } from "./soql-compile.ts";
import { runQuery } from "./soql-run.ts";

/** One request to the fake, as tests read it. */
export interface FakeSalesforceCall {
  method: string;
  path: string;
  /** The SOQL of a query call. */
  soql?: string;
  status: number;
  /** Salesforce's errorCode (or OAuth's `error`) when the call failed. */
  errorCode?: string;
  at: number;
}

/** A failure to inject into the next API call(s). */
export interface ScriptedFailure {
  status: number;
  errorCode: string;
  message?: string;
  /** How many consecutive API calls fail (default 1). */
  times?: number;
  /** The call does its work and then fails: an answer lost on the way back (a write that did happen). */
  afterWork?: boolean;
  /** Only calls with this HTTP method fail (e.g. "POST": a create, not the query before it). */
  method?: string;
}

/** What the routes need from the running fake. */
export interface RouteContext {
  org: OrgState;
  version: string;
  cursors: CursorStore;
  sessions: { current: string; valid: Set<string> };
  usage: { used: number; max: number };
  failures: ScriptedFailure[];
  calls: FakeSalesforceCall[];
  token: TokenEndpoint;
  /** What the integration user may not write, by sObject. */
  access: AccessRules;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

function takeFailure(ctx: RouteContext, afterWork: boolean, method: string): SalesforceError | undefined {
  const next = ctx.failures[0];
  if (!next || Boolean(next.afterWork) !== afterWork) return undefined;
  if (next.method && next.method !== method) return undefined;
  next.times = (next.times ?? 1) - 1;
  if (next.times <= 0) ctx.failures.shift();
  const message = next.message ?? STANDARD_MESSAGES[next.errorCode] ?? next.errorCode;
  return new SalesforceError(next.status, next.errorCode, message);
}

function authenticate(ctx: RouteContext, req: IncomingMessage): void {
  // Salesforce takes the session in an `Authorization: Bearer` (or the older `OAuth`) header.
  const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (!token || !ctx.sessions.valid.has(token)) throw standardError(401, "INVALID_SESSION_ID");
}

function chargeApiCall(ctx: RouteContext): void {
  if (ctx.usage.used >= ctx.usage.max) throw standardError(403, "REQUEST_LIMIT_EXCEEDED");
  ctx.usage.used += 1;
}

function runSoql(ctx: RouteContext, soql: string | null): QueryPage {
  if (!soql) throw new SalesforceError(400, "MALFORMED_QUERY", "A query string has to be specified");
  const compiled = compileSoql(ctx.org.schema, soql, ctx.org.now());
  return ctx.cursors.first(runQuery(ctx.org, compiled, ctx.version));
}

function routeApi(
  ctx: RouteContext,
  url: URL,
  method: string,
  body: string,
): { status: number; body?: unknown } {
  const match = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(url.pathname);
  if (!match || match[1] !== ctx.version) throw standardError(404, "NOT_FOUND");
  const resource = (match[2] ?? "").replace(/\/$/, "");
  if (/^\/sobjects\/[^/]+(?:\/[^/]+)?$/.test(resource))
    return routeSObject(ctx.org, ctx.access, method, resource, body);
  const known = resource === "/limits" || /^\/query(?:All)?(?:\/[^/]+)?$/.test(resource);
  if (!known) throw standardError(404, "NOT_FOUND");
  if (method !== "GET") {
    const text = `HTTP Method '${method}' not allowed. Allowed are GET,HEAD`;
    throw new SalesforceError(405, "METHOD_NOT_ALLOWED", text);
  }
  if (resource === "/limits") {
    return {
      status: 200,
      body: { DailyApiRequests: { Max: ctx.usage.max, Remaining: ctx.usage.max - ctx.usage.used } },
    };
  }
  if (url.searchParams.has("explain")) throw notImplemented("the query explain plan");
  const locator = /^\/query(?:All)?\/([^/]+)$/.exec(resource)?.[1];
  return { status: 200, body: locator ? ctx.cursors.next(locator) : runSoql(ctx, url.searchParams.get("q")) };
}

function fail(res: ServerResponse, call: FakeSalesforceCall, error: SalesforceError, headers = {}): void {
  call.status = error.status;
  call.errorCode = error.errorCode;
  send(res, error.status, error.body(), headers);
}

async function handleApi(
  ctx: RouteContext,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  call: FakeSalesforceCall,
) {
  const soql = url.searchParams.get("q");
  if (soql !== null) call.soql = soql;
  let headers: Record<string, string> = {};
  try {
    const scripted = takeFailure(ctx, false, req.method ?? "GET");
    if (scripted) throw scripted;
    authenticate(ctx, req);
    chargeApiCall(ctx);
    headers = { "Sforce-Limit-Info": `api-usage=${ctx.usage.used}/${ctx.usage.max}` };
    const body = req.method === "GET" ? "" : await readBody(req);
    const answer = routeApi(ctx, url, req.method ?? "GET", body);
    const lost = takeFailure(ctx, true, req.method ?? "GET");
    if (lost) throw lost;
    call.status = answer.status;
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers);
      res.end();
    } else send(res, answer.status, answer.body, headers);
  } catch (error: unknown) {
    if (!(error instanceof SalesforceError)) throw error;
    fail(res, call, error, headers);
  }
}

async function handleToken(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  call: FakeSalesforceCall,
) {
  const text = await readBody(req);
  const isForm = (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
  const reply = await exchangeToken(ctx.token, new URLSearchParams(isForm ? text : ""));
  call.status = reply.status;
  if (typeof reply.body.error === "string") call.errorCode = reply.body.error;
  send(res, reply.status, reply.body);
}

/** Answers one request and records it in `ctx.calls`. */
export async function handleRequest(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake");
  const call: FakeSalesforceCall = {
    method: req.method ?? "GET",
    path: url.pathname,
    status: 200,
    at: Date.now(),
  };
  ctx.calls.push(call);
  if (url.pathname === "/services/oauth2/token" && req.method === "POST")
    return handleToken(ctx, req, res, call);
  if (url.pathname.startsWith("/services/data/")) return handleApi(ctx, url, req, res, call);
  fail(res, call, standardError(404, "NOT_FOUND"));
}
