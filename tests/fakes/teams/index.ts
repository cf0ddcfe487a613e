/**
 * A fake Microsoft on 127.0.0.1 for the real Teams SDK: the Bot Framework's OpenID metadata and signing
 * keys, the Entra token endpoint, the Bot Connector and Microsoft Graph, each under a prefix so that
 * warroom's four endpoint overrides point at it (`env()`). It keeps a tenant in memory, checks tokens and
 * permissions, answers with Teams' and Graph's error shapes and limits, and can fail on cue and add
 * latency. Tests read what the app did through `calls`, `channels`, `activities()` and friends.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  entraToken,
  type FakeSigningKey,
  grantToken,
  type IssuedToken,
  makeSigningKey,
  openIdMetadata,
  signInboundToken,
} from "./bot-framework-auth.ts";
import { type FakeRequest, handleConnector } from "./connector-routes.ts";
import { handleGraph } from "./graph-routes.ts";
import {
  createConversationLimiter,
  createFailureScript,
  errorAnswer,
  type FakeAnswer,
  type ScriptedFailure,
} from "./limits.ts";
import {
  addUser,
  baseOf,
  createState,
  type FakeActivity,
  type FakeCall,
  type FakeChannel,
  type FakeChat,
  type FakeUser,
  type TeamsState,
} from "./teams-state.ts";

export type { FakeSigningKey } from "./bot-framework-auth.ts";
export type { ScriptedFailure } from "./limits.ts";
export type { FakeActivity, FakeCall, FakeChannel, FakeChat, FakeUser } from "./teams-state.ts";

/** A running fake Microsoft. */
export interface FakeTeams {
  url: string;
  appId: string;
  appPassword: string;
  tenantId: string;
  teamId: string;
  /** The Bot Connector URL activities carry as `serviceUrl`. */
  serviceUrl: string;
  /** The inbound tokens' issuer. */
  issuer: string;
  /** The key inbound tokens are signed with (endorsed for msteams), and one endorsed for another channel. */
  keys: { endorsed: FakeSigningKey; otherChannel: FakeSigningKey };
  /** The MICROSOFT_* and TEAMS_* variables that point warroom here. */
  env(): Record<string, string>;
  readonly state: TeamsState;
  readonly calls: FakeCall[];
  callsTo(api: FakeCall["api"], pattern?: RegExp): FakeCall[];
  addUser(seed: { name: string; email: string; inTeam?: boolean }): FakeUser;
  /** A personal chat between `user` and the bot (the app installed for them). */
  personalChat(user: FakeUser): string;
  channels(): FakeChannel[];
  chats(): FakeChat[];
  activities(conversationId: string): FakeActivity[];
  /** A Bot Framework token for an inbound activity to warroom. */
  signInbound(options?: {
    serviceUrl?: string;
    audience?: string;
    key?: FakeSigningKey;
    expiresIn?: number;
  }): Promise<string>;
  /** Makes the next calls matching `METHOD /path` (a RegExp source) fail. */
  failNext(pattern: string, failure: ScriptedFailure): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

interface Context {
  state: TeamsState;
  keys: FakeSigningKey[];
  tokens: Map<string, IssuedToken>;
  script: ReturnType<typeof createFailureScript>;
  limit: ReturnType<typeof createConversationLimiter>;
}

async function readBody(req: IncomingMessage): Promise<{ text: string; size: number }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const buffer = Buffer.concat(chunks);
  return { text: buffer.toString("utf8"), size: buffer.length };
}

function authorised(ctx: Context, req: IncomingMessage, scope: string): boolean {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  const issued = token ? ctx.tokens.get(token) : undefined;
  return !!issued && issued.scope === scope && issued.expiresAt > Date.now();
}

async function route(ctx: Context, req: IncomingMessage, url: URL): Promise<FakeAnswer> {
  const { state } = ctx;
  const { text, size } = await readBody(req);
  const issuer = `${state.baseUrl}/botframework`;
  const path = url.pathname;
  if (path === "/botframework/v1/.well-known/openidconfiguration")
    return { status: 200, body: openIdMetadata(issuer, `${state.baseUrl}/botframework/v1/.well-known/keys`) };
  if (path === "/botframework/v1/.well-known/keys")
    return { status: 200, body: { keys: ctx.keys.map((k) => k.jwk) } };
  const login = /^\/login\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
  if (login && req.method === "POST") {
    const grant = grantToken(new URLSearchParams(text), state, decodeURIComponent(login[1]!));
    if (grant.scope) {
      // Entra's access tokens are JWTs (the SDK decodes them): audience = the scope's resource.
      const token = await entraToken(grant.scope, state);
      ctx.tokens.set(token, { scope: grant.scope, expiresAt: Date.now() + 3_599_000 });
      return {
        status: 200,
        body: { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: token },
      };
    }
    return grant;
  }
  const api = path.startsWith("/connector/") ? "connector" : path.startsWith("/graph/v1.0/") ? "graph" : null;
  if (!api) return errorAnswer(404, "NotFound", `no route ${req.method} ${path}`);
  const inner = api === "connector" ? path.slice("/connector".length) : path.slice("/graph/v1.0".length);
  const scripted = ctx.script.take(`${req.method} ${inner}`);
  if (scripted) return scripted;
  const scope = api === "connector" ? `${issuer}/.default` : `${new URL(state.baseUrl).origin}/.default`;
  if (!authorised(ctx, req, scope))
    return api === "connector"
      ? { status: 401, body: { message: "Authorization has been denied for this request." } }
      : errorAnswer(401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    return errorAnswer(400, "BadRequest", "The request body is not JSON.");
  }
  const request: FakeRequest = {
    method: req.method ?? "GET",
    path: inner,
    query: url.searchParams,
    body,
    rawSize: size,
  };
  return api === "connector"
    ? handleConnector({ state, limit: ctx.limit }, request)
    : handleGraph(state, request);
}

function apiOf(path: string): FakeCall["api"] {
  if (path.startsWith("/connector/")) return "connector";
  if (path.startsWith("/graph/")) return "graph";
  return path.startsWith("/login/") ? "token" : "openid";
}

function listen(ctx: Context, latency: { ms: number }): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const delay = latency.ms > 0 ? new Promise((r) => setTimeout(r, latency.ms)) : Promise.resolve();
    delay
      .then(() => route(ctx, req, url))
      .catch((error: unknown) => errorAnswer(500, "InternalServerError", String(error)))
      .then((answer) => {
        const path = url.pathname;
        const inner = path.replace(/^\/(connector|graph\/v1\.0)/, "");
        ctx.state.calls.push({
          api: apiOf(path),
          method: req.method ?? "GET",
          path: inner,
          status: answer.status,
        });
        res.writeHead(answer.status, {
          "content-type": "application/json; charset=utf-8",
          ...answer.headers,
        });
        res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
      });
  });
}

/** Starts the fake on a free port of 127.0.0.1, with a tenant, its Escalations team and three people. */
export async function startFakeTeams(): Promise<FakeTeams> {
  const state = createState({
    appId: randomUUID(),
    appPassword: "fake~app~password",
    tenantId: randomUUID(),
  });
  const endorsed = await makeSigningKey("fake-key-msteams", ["msteams"]);
  const otherChannel = await makeSigningKey("fake-key-webchat", ["webchat"]);
  const ctx: Context = {
    state,
    keys: [endorsed, otherChannel],
    tokens: new Map(),
    script: createFailureScript(),
    limit: createConversationLimiter(),
  };
  const latency = { ms: 0 };
  const server = listen(ctx, latency);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const seed of DEFAULT_PEOPLE) state.team.members.push(addUser(state, seed).aadObjectId);
  return fakeTeams(ctx, server, latency, { endorsed, otherChannel });
}

const DEFAULT_PEOPLE = [
  { name: "Alice Archer", email: "alice@example.com" },
  { name: "Bob Baker", email: "bob@example.com" },
  { name: "Carol Chen", email: "carol@example.com" },
];

function fakeTeams(
  ctx: Context,
  server: Server,
  latency: { ms: number },
  keys: FakeTeams["keys"],
): FakeTeams {
  const { state } = ctx;
  const base = state.baseUrl;
  const issuer = `${base}/botframework`;
  return {
    url: base,
    appId: state.appId,
    appPassword: state.appPassword,
    tenantId: state.tenantId,
    teamId: state.team.id,
    serviceUrl: `${base}/connector/`,
    issuer,
    keys,
    env: () => ({
      MICROSOFT_APP_ID: state.appId,
      MICROSOFT_APP_PASSWORD: state.appPassword,
      MICROSOFT_APP_TENANT_ID: state.tenantId,
      TEAMS_ESCALATIONS_TEAM_ID: state.team.id,
      MICROSOFT_OPENID_METADATA_URL: `${issuer}/v1/.well-known/openidconfiguration`,
      MICROSOFT_TOKEN_ISSUER: issuer,
      MICROSOFT_LOGIN_URL: `${base}/login`,
      MICROSOFT_GRAPH_URL: `${base}/graph`,
    }),
    state,
    calls: state.calls,
    callsTo: (api, pattern) =>
      state.calls.filter((c) => c.api === api && (!pattern || pattern.test(`${c.method} ${c.path}`))),
    addUser(seed) {
      const user = addUser(state, seed);
      if (seed.inTeam !== false) state.team.members.push(user.aadObjectId);
      return user;
    },
    personalChat(user) {
      const id = `a:1${randomUUID().replaceAll("-", "")}`;
      state.conversations.set(id, [user.aadObjectId]);
      return id;
    },
    channels: () => [...state.channels.values()],
    chats: () => [...state.chats.values()],
    activities: (conversationId) => state.activities.get(baseOf(conversationId)) ?? [],
    signInbound: (options = {}) =>
      signInboundToken(options.key ?? keys.endorsed, {
        issuer,
        audience: options.audience ?? state.appId,
        serviceUrl: options.serviceUrl ?? `${base}/connector/`,
        expiresIn: options.expiresIn,
      }),
    failNext: (pattern, failure) => ctx.script.add(pattern, failure),
    setLatency: (ms) => {
      latency.ms = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
