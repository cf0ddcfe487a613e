/** Shared set-up for the fake Slack tests: a silent real WebClient and Slack's error code of a call. */
import { ErrorCode, type Logger, LogLevel, WebClient, type WebClientOptions } from "@slack/web-api";
import { afterEach, beforeEach } from "vitest";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "../../fakes/slack/slack-api-server.ts";

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A real WebClient pointed at the fake, without retries or log noise. */
export function clientFor(
  fake: FakeSlack,
  token: string | undefined,
  options: WebClientOptions = {},
): WebClient {
  return new WebClient(token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: silent,
    ...options,
  });
}

/** The Slack error a WebClient call was refused with, or "ok". */
export async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (error: unknown) {
    if (
      error instanceof Error &&
      "code" in error &&
      error.code === ErrorCode.PlatformError &&
      "data" in error
    ) {
      const data = error.data;
      if (typeof data === "object" && data !== null && "error" in data) return String(data.error);
    }
    throw error;
  }
}

/** A fake started before each test and closed after it; `restart` swaps in one with other options. */
export function useFakeSlack() {
  let current: { fake: FakeSlack; client: WebClient } | undefined;
  const start = async (options: FakeSlackOptions = {}) => {
    const fake = await startFakeSlack(options);
    current = { fake, client: clientFor(fake, fake.token) };
  };
  const started = () => {
    if (!current) throw new Error("the fake Slack starts in beforeEach");
    return current;
  };
  beforeEach(() => start());
  afterEach(() => started().fake.close());
  return {
    get fake() {
      return started().fake;
    },
    get client() {
      return started().client;
    },
    async restart(options: FakeSlackOptions) {
      await started().fake.close();
      await start(options);
    },
  };
}
