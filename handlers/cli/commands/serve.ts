/**
 * `warroom serve`: starts everything the environment configures and runs until SIGTERM or SIGINT, then
 * stops taking requests, lets running jobs and requests finish within the grace period
 * (SHUTDOWN_GRACE_SECONDS; what is left returns to the queue and resumes after a restart or elsewhere),
 * closes the database and exits, whatever client call may still be hanging.
 */
import type { Command } from "commander";
import { closeServices, openServices, type Services, startServices } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { createLogger } from "../../../src/logger.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { describeSubsystems, formatSubsystems } from "../../../src/subsystems.ts";
import { importLocalTickets } from "../../../src/use-cases/triage-service.ts";
import { startHttp } from "../../http/index.ts";
import type { CliIo } from "../io.ts";
import { handleProcessFault } from "../process-faults.ts";

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
  io.onProcessFault?.((kind, error) => handleProcessFault(logger, kind, error));
  const services = await openServices(config, { logger, clock: systemClock });
  try {
    await startServices(services);
    const server = await startHttp(services, {
      port: config.port,
      ...(config.host ? { hostname: config.host } : {}),
      subsystems,
    });
    const shown =
      config.host === null ? "localhost" : config.host.includes(":") ? `[${config.host}]` : config.host;
    io.stdout.write(
      `listening on http://${shown}:${server.port} (GET /healthz)${config.host === null ? " on every interface; HOST=127.0.0.1 for this machine only" : ""}\n`,
    );
    const imported = importLocalDataset(services);
    const signal = await io.stopSignal();
    io.stdout.write(`${signal}: shutting down\n`);
    await server.close({ graceMs: config.shutdownGraceMs });
    await imported;
  } finally {
    await closeServices(services);
  }
  io.stdout.write("stopped\n");
  // Everything warroom owns is closed; a client call still in flight would only fail later. Leave stdout
  // a moment to drain, then go.
  io.exitAfter?.(EXIT_MARGIN_MS);
}

/**
 * A local dataset's tickets are triaged and stored at start, in the background: the HTTP API answers
 * meanwhile. A failure is logged and the import runs again at the next start (unchanged tickets are skipped).
 */
async function importLocalDataset(services: Services): Promise<void> {
  if (services.config.crm.kind !== "local") return;
  try {
    const result = await importLocalTickets(services.crm, services.triage);
    services.logger.info(
      { created: result.created.length, updated: result.updated.length, unchanged: result.unchanged.length },
      "triaged the local dataset's tickets",
    );
  } catch (error) {
    services.logger.warn(
      { err: error },
      "could not triage the local dataset's tickets; the next start retries",
    );
  }
}

/** How long after "stopped" the process may still take to end by itself. */
const EXIT_MARGIN_MS = 500;
