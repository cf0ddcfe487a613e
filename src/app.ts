/**
 * The composition root: builds every service from a validated Config, in one place, explicitly. Entry
 * points (handlers/) call `openServices` and hand the pieces to use-cases.
 */

import { openLocalCrm } from "../integrations/local/index.ts";
import type { Config } from "./config.ts";
import { NotYetAvailableError } from "./errors.ts";
import { housekeepingJob, housekeepingSchedule } from "./jobs/housekeeping.ts";
import { JobQueue } from "./jobs/job-queue.ts";
import { Scheduler } from "./jobs/scheduler.ts";
import type { Logger } from "./logger.ts";
import type { Clock } from "./ports/clock.ts";
import type { CrmSource } from "./ports/crm-source.ts";
import type { Database } from "./storage/database.ts";
import { openDatabase } from "./storage/open-database.ts";

/** Everything a running warroom holds. */
export interface Services {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Database;
  queue: JobQueue;
  scheduler: Scheduler;
  crm: CrmSource;
}

/** What the entry point provides. */
export interface ServiceDeps {
  logger: Logger;
  clock: Clock;
  /** Idle workers' polling interval (tests shorten it). */
  pollingIntervalSeconds?: number;
}

/** Opens the CRM the configuration names. */
export async function openCrm(config: Config, clock: Clock): Promise<CrmSource> {
  if (config.crm.kind === "salesforce") throw new NotYetAvailableError("Salesforce as the CRM", 5);
  return openLocalCrm(config.crm.dataDir, clock.now());
}

/** Opens the database (migrated), the CRM, the queue and the scheduler; nothing runs until `startServices`. */
export async function openServices(config: Config, deps: ServiceDeps): Promise<Services> {
  const crm = await openCrm(config, deps.clock);
  const db = await openDatabase(config.database, deps.logger);
  const queue = new JobQueue({
    db,
    logger: deps.logger,
    pollingIntervalSeconds: deps.pollingIntervalSeconds,
  });
  const scheduler = new Scheduler({ db, queue, logger: deps.logger });
  queue.define(housekeepingJob(db));
  scheduler.add(housekeepingSchedule);
  return { config, logger: deps.logger, clock: deps.clock, db, queue, scheduler, crm };
}

/** Starts the workers and the schedules. */
export async function startServices(services: Services): Promise<void> {
  await services.queue.start();
  services.scheduler.start();
}

/** Stops schedules, lets running jobs finish (or return to the queue), then closes the database. */
export async function closeServices(services: Services): Promise<void> {
  await services.scheduler.stop();
  await services.queue.stop();
  await services.db.close();
}
