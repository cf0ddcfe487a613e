/**
 * The Slack adapter: a Bolt app (HTTP through Bolt's own HTTPReceiver, or Socket Mode) and the
 * ChatPlatform over its WebClient. The HTTP receiver is not started on a port of its own: warroom's
 * server hands it the raw requests of POST /slack/events once the edge (read-request.ts) has read, verified
 * and validated them, so Bolt does not verify the signature a second time.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { Logger } from "../../src/logger.ts";
import { meteredFetch } from "../../src/metrics/metered-fetch.ts";
import type { ChatPlatform } from "../../src/ports/chat-platform.ts";
import { readSlackRequest } from "./read-request.ts";
import { createSlackChatPlatform } from "./slack-chat-platform.ts";

/** Configuration of the Slack adapter. */
export interface SlackAdapterConfig {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** Base URL of the Web API (proxies, tests). */
  apiUrl?: string;
  logger: Logger;
  /** Retries of a failed Web API call (default 2; a job retries beyond that). */
  retries?: number;
}

/** The running Slack adapter. */
export interface SlackAdapter {
  app: App;
  platform: ChatPlatform;
  botUserId: string;
  /** Whether a user is a bot (our own user, or users.info says so; only answers are cached). */
  isBot(userId: string): Promise<boolean>;
  /** Handles one HTTP request to /slack/events (HTTP mode only). */
  handleHttp(req: IncomingMessage, res: ServerResponse): void;
  /** Connects Socket Mode (no-op over HTTP). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

function boltLogger(logger: Logger) {
  const child = logger.child({ component: "slack" });
  return {
    // Bolt logs a few debug lines per request: build them only when someone reads them.
    debug: (...msg: unknown[]) => {
      if (child.isLevelEnabled("debug")) child.debug(msg.join(" "));
    },
    info: (...msg: unknown[]) => child.info(msg.join(" ")),
    warn: (...msg: unknown[]) => child.warn(msg.join(" ")),
    error: (...msg: unknown[]) => child.error(msg.join(" ")),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/** Creates the Bolt app and checks the token (auth.test). */
export async function createSlackAdapter(config: SlackAdapterConfig): Promise<SlackAdapter> {
  const logger = boltLogger(config.logger);
  const edgeLogger = config.logger.child({ component: "slack" });
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: config.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    // Every Web API attempt is counted for GET /metrics (429s as rate-limited, "ok": false as errors).
    fetch: meteredFetch("slack", { okField: true }),
    // A hung request must fail rather than hold a job (and a digest's claim) forever.
    timeout: 30_000,
  };
  const receiver = config.appToken
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.signingSecret,
        // The edge verified it (verify-request.ts), with the stricter clock rule; once is enough.
        signatureVerification: false,
        endpoints: "/slack/events",
        logger,
        unhandledRequestTimeoutMillis: 3_001,
      });
  const app = new App({
    token: config.botToken,
    logger,
    clientOptions,
    deferInitialization: true,
    extendedErrorHandler: true,
    // Bolt's conversation store (context.updateConversation) is unused here, and its default keeps state in
    // this process's memory, which replicas would not share; it also costs a lookup on every request.
    convoStore: false,
    ...(receiver
      ? { receiver }
      : { socketMode: true, appToken: config.appToken, signingSecret: config.signingSecret }),
  });
  await app.init();
  const auth = await app.client.auth.test();
  const botUserId = auth.user_id as string;
  // Whether a user is a bot never changes: a per-process cache is safe; a failed lookup is not cached.
  const bots = new Map<string, boolean>([[botUserId, true]]);
  return {
    app,
    // Writes that must happen once get no automatic retry: a lost answer is looked up first.
    platform: createSlackChatPlatform(
      app.client,
      botUserId,
      new WebClient(config.botToken, {
        ...clientOptions,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      }),
    ),
    botUserId,
    async isBot(userId) {
      const known = bots.get(userId);
      if (known !== undefined) return known;
      const info = await app.client.users.info({ user: userId }).catch((error: unknown) => {
        // No such user is no bot; not cached, so made-up ids cannot grow the map.
        if ((error as { data?: { error?: string } }).data?.error === "user_not_found") return null;
        throw error;
      });
      if (!info) return false;
      const isBot = info.user?.is_bot === true || info.user?.id === "USLACKBOT";
      bots.set(userId, isBot);
      return isBot;
    },
    handleHttp(req, res) {
      if (!receiver) {
        res.writeHead(404).end();
        return;
      }
      // Bolt reads whatever it is given and throws deep inside on a null or mistyped field (a 500, or an
      // unhandled rejection for a null body): the edge answers those, and Bolt gets only what it can read.
      readSlackRequest(req, config.signingSecret)
        .then((verdict) => {
          if (!verdict.ok) {
            edgeLogger.warn({ status: verdict.status, problem: verdict.problem }, "slack request refused");
            res.writeHead(verdict.status, { "content-type": "text/plain" }).end(`${verdict.problem}\n`);
            return;
          }
          Object.assign(req, { rawBody: verdict.rawBody });
          receiver.requestListener(req, res);
        })
        .catch((error: unknown) => {
          edgeLogger.warn({ code: "request_unreadable", problem: String(error) }, "slack request refused");
          if (!res.headersSent) res.writeHead(400).end();
        });
    },
    start: async () => {
      if (!receiver) await app.start();
    },
    stop: async () => {
      if (!receiver) await app.stop();
    },
  };
}
