/**
 * `warroom serve`: starts everything the environment configures and runs until SIGTERM or SIGINT, then
 * stops taking requests, lets running jobs finish (or return to the queue) and closes the database.
 */
import type { Command } from "commander";
import { closeServices, openServices, startServices } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { createHttpApp, startHttpServer } from "../../../src/http-server.ts";
import { createLogger } from "../../../src/logger.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { describeSubsystems, formatSubsystems } from "../../../src/subsystems.ts";
import { checkHealth } from "../../../src/use-cases/check-health.ts";
import { recordChanges } from "../../../src/use-cases/record-changes.ts";
import { registerHttpRoutes } from "../../http/index.ts";
import { registerSlackHandlers } from "../../slack/index.ts";
import type { CliIo } from "../io.ts";

/** Registers `serve`. */
export function registerServe(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("start Slack, Teams, schedulers and the HTTP API as the environment configures them")
    .action(() => serve(io));
}

async function serve(io: CliIo): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const subsystems = describeSubsystems(config);
  io.stdout.write(`warroom starting\n${formatSubsystems(subsystems)}\n`);
  const logger = createLogger(config.logLevel);
  const services = await openServices(config, { logger, clock: systemClock });
  try {
    await startServices(services);
    const app = createHttpApp(logger);
    if (services.slack)
      registerSlackHandlers(services.slack.app, {
        warRoom: services.warRoom,
        botUserId: services.slack.botUserId,
        isBot: services.slack.isBot,
      });
    registerHttpRoutes(app, {
      health: () => checkHealth(services.db, subsystems),
      ...(services.slack ? { slack: services.slack.handleHttp } : {}),
      ...(config.changesToken
        ? {
            changes: {
              token: config.changesToken,
              record: (input: unknown) => recordChanges(services.db, input, "api"),
            },
          }
        : {}),
    });
    const server = await startHttpServer(app, config.port);
    io.stdout.write(`listening on http://localhost:${server.port} (GET /healthz)\n`);
    const signal = await io.stopSignal();
    io.stdout.write(`${signal}: shutting down\n`);
    await server.close();
  } finally {
    await closeServices(services);
  }
  io.stdout.write("stopped\n");
}
