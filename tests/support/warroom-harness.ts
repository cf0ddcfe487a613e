/**
 * A whole warroom in this process, on the terminal as its chat platform (what it prints is captured) or on
 * one the test gives, with whatever the environment configures: the real composition root, jobs and
 * schedules.
 */
import { PassThrough } from "node:stream";
import { createTerminalChatAdapter } from "../../integrations/local/index.ts";
import { closeServices, openServices, type Services, startServices } from "../../src/app.ts";
import type { DatabaseConfig } from "../../src/config.ts";
import { loadConfig } from "../../src/config.ts";
import type { ChatPlatform } from "../../src/ports/chat-platform.ts";
import type { Clock } from "../../src/ports/clock.ts";
import { systemClock } from "../../src/ports/clock.ts";
import { testLogger } from "./databases.ts";

/** A running warroom. */
export interface WarroomHarness {
  services: Services;
  /** Everything the terminal platform printed so far. */
  output(): string;
  close(): Promise<void>;
}

/** The variables that point warroom at a test database. */
export function databaseEnv(config: DatabaseConfig): Record<string, string> {
  return config.kind === "pglite" ? { DATA_DIR: config.dataDir } : { DATABASE_URL: config.url };
}

/** Opens and starts warroom on `database` with `env`. */
export async function startWarroom(
  database: DatabaseConfig,
  env: Record<string, string>,
  options: { clock?: Clock; start?: boolean; chat?: ChatPlatform } = {},
): Promise<WarroomHarness> {
  const out = new PassThrough();
  let printed = "";
  out.on("data", (chunk) => (printed += chunk));
  const config = loadConfig({ ...databaseEnv(database), ...env });
  const services = await openServices(config, {
    logger: testLogger,
    clock: options.clock ?? systemClock,
    pollingIntervalSeconds: 0.5,
    chat: options.chat ?? createTerminalChatAdapter({ out, user: "terminal" }),
  });
  if (options.start !== false) await startServices(services);
  return { services, output: () => printed, close: () => closeServices(services) };
}
