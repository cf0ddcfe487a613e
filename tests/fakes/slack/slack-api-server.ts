/**
 * A fake Slack Web API on 127.0.0.1 for the real `@slack/web-api` WebClient (and so @slack/bolt):
 * `new WebClient(fake.token, { slackApiUrl: fake.apiUrl })`. It keeps a workspace in memory, answers with
 * Slack's shapes and errors (Block Kit limits, channel-name rules, membership), and can rate-limit, fail on
 * cue and add latency. Tests read what the app did through `calls`, `channels`, `messages()` and friends.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApi, handleResponse, handleUpload, type RouteContext } from "./http-routes.ts";
import {
  createFailureScript,
  createRateLimiter,
  type RateLimitOption,
  type ScriptedFailure,
} from "./rate-limits.ts";
import { readString } from "./slack-args.ts";
import {
  addChannel,
  addMember,
  addUser,
  addUsergroup,
  type ChannelSeed,
  createState,
  type FakeCall,
  type FakeChannel,
  type FakeEphemeral,
  type FakeFile,
  type FakeMessage,
  type FakeResponse,
  type FakeUser,
  type FakeUsergroup,
  type FakeView,
  type SlackState,
  type UsergroupSeed,
  type UserSeed,
} from "./slack-state.ts";

export type { RateLimitOption, ScriptedFailure } from "./rate-limits.ts";
export { SLACK_TIERS } from "./rate-limits.ts";
export type * from "./slack-state.ts";

/** How to start the fake; everything has a default. */
export interface FakeSlackOptions {
  /** The bot token WebClient sends (default `xoxb-fake-token`). */
  token?: string;
  /** More tokens and the user each one acts as (e.g. a user token). */
  tokens?: Record<string, string>;
  team?: { id?: string; name?: string; domain?: string };
  bot?: { userId?: string; botId?: string; name?: string };
  /** Humans in the workspace (default alice, bob and carol @example.com). */
  users?: UserSeed[];
  /** User groups (default `@oncall` with alice and bob). */
  usergroups?: UsergroupSeed[];
  /** Channels (default `#general` with every human, the bot not in it). */
  channels?: ChannelSeed[];
  /** Requests per minute by method, or `"slack-tiers"`; off by default. */
  rateLimits?: RateLimitOption;
  /** Delay before every answer, for benchmarks. */
  latencyMs?: number;
  /** How long a trigger id can be exchanged (Slack: 3 s). */
  triggerTtlMs?: number;
}

/** A running fake Slack. */
export interface FakeSlack {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `http://127.0.0.1:<port>/api/`, for WebClient's `slackApiUrl`. */
  apiUrl: string;
  token: string;
  teamId: string;
  botUserId: string;
  botId: string;
  /** Every Web API request, in order, whatever its outcome. */
  readonly calls: FakeCall[];
  readonly users: FakeUser[];
  readonly usergroups: FakeUsergroup[];
  readonly channels: FakeChannel[];
  readonly ephemerals: FakeEphemeral[];
  readonly responses: FakeResponse[];
  readonly views: FakeView[];
  /** Published App Home views by user id. */
  readonly homes: Map<string, Record<string, unknown>>;
  readonly files: FakeFile[];
  callsTo(method: string): FakeCall[];
  channel(idOrName: string): FakeChannel | undefined;
  messages(channelId: string): FakeMessage[];
  addUser(seed: UserSeed): FakeUser;
  addUsergroup(seed: UsergroupSeed): FakeUsergroup;
  addChannel(seed: ChannelSeed): FakeChannel;
  /** Adds a member as if they joined themselves (raising `member_joined_channel`). */
  addMember(channelId: string, userId: string): void;
  /** Hears the Events API events the fake raises (`member_joined_channel`). */
  onEvent(listener: (event: Record<string, unknown>) => void): void;
  /** A trigger_id to put in an interaction payload; `viewId` when it comes from inside a modal. */
  issueTriggerId(options?: { viewId?: string }): string;
  /** A response_url on the fake; POSTs to it land in `responses`. */
  responseUrl(id?: string): string;
  /** Makes the next call(s) to `method` (`"*"`: any method) fail. */
  failNext(method: string, failure?: ScriptedFailure): void;
  setLatency(ms: number): void;
  /**
   * Calls to `method` get no answer at all from now on (Slack hanging: the client waits for its own
   * timeout); they are held until `close`.
   */
  hang(method: string): void;
  /** Calls being held by `hang` whose client is still waiting. */
  hanging(): number;
  close(): Promise<void>;
}

/** What the tests steer besides the state: scripted failures, latency, methods that hang. */
interface Controls {
  failNext: (method: string, failure: ScriptedFailure) => void;
  latency: { ms: number };
  hang: { methods: Set<string>; held: Set<ServerResponse> };
}

const DEFAULT_USERS: UserSeed[] = [
  { id: "U01ALICE0", name: "alice", real_name: "Alice Archer", email: "alice@example.com" },
  { id: "U01BOB000", name: "bob", real_name: "Bob Baker", email: "bob@example.com" },
  { id: "U01CAROL0", name: "carol", real_name: "Carol Chen", email: "carol@example.com" },
];

function seedState(options: FakeSlackOptions): SlackState {
  const token = options.token ?? "xoxb-fake-token";
  const team = { id: "T0001", name: "Warroom Test", domain: "warroom-test", ...options.team };
  const bot: FakeUser = {
    id: options.bot?.userId ?? "U0BOT0001",
    name: options.bot?.name ?? "warroom",
    real_name: options.bot?.name ?? "warroom",
    is_bot: true,
    bot_id: options.bot?.botId ?? "B0BOT0001",
    deleted: false,
  };
  const state = createState({ team, bot, token, triggerTtlMs: options.triggerTtlMs ?? 3000 });
  const humans = (options.users ?? DEFAULT_USERS).map((seed) => addUser(state, seed));
  for (const [extra, userId] of Object.entries(options.tokens ?? {})) state.tokens.set(extra, userId);
  const ids = humans.map((u) => u.id);
  const groups = options.usergroups ?? [{ id: "S0ONCALL1", handle: "oncall", users: ids.slice(0, 2) }];
  for (const group of groups) addUsergroup(state, group);
  const channels = options.channels ?? [{ id: "C0GENERAL", name: "general", members: ids }];
  for (const channel of channels) addChannel(state, channel, ids[0] ?? bot.id);
  return state;
}

function route(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://fake").pathname;
  const api = /^\/api\/([\w.]+)$/.exec(path)?.[1];
  if (api) return handleApi(ctx, api, req, res);
  const upload = /^\/upload\/v1\/(\w+)$/.exec(path)?.[1];
  if (upload && req.method === "POST") return handleUpload(ctx, upload, req, res);
  const response = /^\/response\/([\w-]+)$/.exec(path)?.[1];
  if (response && req.method === "POST") return handleResponse(ctx, response, req, res);
  res.writeHead(404, { "content-type": "text/plain" });
  res.end(`no route ${req.method} ${path}`);
  return Promise.resolve();
}

function listen(ctx: RouteContext, latency: { ms: number }, hang: Controls["hang"]): Server {
  return createServer((req, res) => {
    const method = /^\/api\/([\w.]+)/.exec(req.url ?? "")?.[1];
    if (method && hang.methods.has(method)) {
      hang.held.add(res);
      res.on("close", () => hang.held.delete(res));
      return;
    }
    const delay =
      latency.ms > 0 ? new Promise((resolve) => setTimeout(resolve, latency.ms)) : Promise.resolve();
    delay
      .then(() => route(ctx, req, res))
      .catch((error: unknown) => {
        // A bug in the fake surfaces as Slack's own 500 shape rather than a hung request.
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: "fatal_error", detail: String(error) }));
      });
  });
}

/** Starts the fake Slack on a free port of 127.0.0.1. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const state = seedState(options);
  const script = createFailureScript();
  const limit = createRateLimiter(options.rateLimits);
  const ctx: RouteContext = {
    state,
    refuse: (method, args) => script.take(method) ?? limit(method, readString(args, "channel")),
  };
  const latency = { ms: options.latencyMs ?? 0 };
  const hang = { methods: new Set<string>(), held: new Set<ServerResponse>() };
  const server = listen(ctx, latency, hang);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;
  return fakeSlack(state, server, { failNext: script.add, latency, hang });
}

function fakeSlack(state: SlackState, server: Server, controls: Controls): FakeSlack {
  const token = [...state.tokens.keys()][0] ?? "";
  return {
    url: state.baseUrl,
    apiUrl: `${state.baseUrl}/api/`,
    token,
    teamId: state.team.id,
    botUserId: state.bot.id,
    botId: state.bot.bot_id ?? "",
    calls: state.calls,
    ephemerals: state.ephemerals,
    responses: state.responses,
    get users() {
      return [...state.users.values()];
    },
    get usergroups() {
      return [...state.usergroups.values()];
    },
    get channels() {
      return [...state.channels.values()];
    },
    get views() {
      return [...state.views.values()];
    },
    get homes() {
      return state.homes;
    },
    get files() {
      return [...state.files.values()];
    },
    callsTo: (method) => state.calls.filter((call) => call.method === method),
    channel: (ref) => state.channels.get(ref) ?? [...state.channels.values()].find((c) => c.name === ref),
    messages: (channelId) => state.messages.get(channelId) ?? [],
    addUser: (seed) => addUser(state, seed),
    addUsergroup: (seed) => addUsergroup(state, seed),
    addChannel: (seed) => addChannel(state, seed, state.bot.id),
    addMember: (channelId, userId) => addMember(state, channelId, userId),
    onEvent: (listener) => void state.eventListeners.push(listener),
    issueTriggerId: (options) => issueTriggerId(state, options?.viewId),
    responseUrl: (id) => registerResponseUrl(state, id),
    failNext: (method, failure = {}) => controls.failNext(method, failure),
    setLatency: (ms) => {
      controls.latency.ms = ms;
    },
    hang: (method) => void controls.hang.methods.add(method),
    hanging: () => controls.hang.held.size,
    close: () => closeServer(server),
  };
}

function registerResponseUrl(state: SlackState, id: string | undefined): string {
  const key = id ?? randomBytes(6).toString("hex");
  if (!state.responseUrls.has(key)) state.responseUrls.set(key, 0);
  return `${state.baseUrl}/response/${key}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Keep-alive sockets (WebClient's fetch keeps them) would hold close() open.
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function issueTriggerId(state: SlackState, viewId: string | undefined): string {
  state.sequence += 1;
  const id = `${state.sequence}.${state.team.id.replace(/\D/g, "") || "1"}.${randomBytes(8).toString("hex")}`;
  state.triggers.set(id, { issuedAt: Date.now(), used: false, ...(viewId ? { viewId } : {}) });
  return id;
}
