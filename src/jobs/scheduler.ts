/**
 * Scheduled jobs: node-cron ticks on every replica, and each tick tries to claim its slot (schedule name +
 * fire time) in the database. The claim and the job it enqueues commit together, so exactly one replica
 * enqueues each slot and a crash between the two loses nothing.
 */
import { hostname } from "node:os";
import { CronExpressionParser } from "cron-parser";
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.ts";
import type { Database } from "../storage/database.ts";
import type { JobQueue } from "./job-queue.ts";

/** A recurring job. */
export interface ScheduleDefinition<T> {
  /** Unique name of the schedule (e.g. "weekly-digest"). */
  name: string;
  /** 5-field (minute resolution) or 6-field (second resolution) cron expression. */
  cron: string;
  timeZone?: string;
  /** The job to enqueue and its payload for a slot. */
  job: string;
  payload(slot: Date): T;
  /**
   * Whether a slot missed while no replica ran (the latest one before start) should still fire now. Each
   * replica asks at start; the slot's claim makes it fire once. Absent: missed slots are skipped.
   */
  catchUp?(slot: Date, now: Date): boolean;
}

/** Options of the scheduler. */
export interface SchedulerOptions {
  db: Database;
  queue: JobQueue;
  logger: Logger;
  /** Who claims slots, for the record (default hostname:pid). */
  instanceId?: string;
}

/** Runs schedules once per slot across replicas. */
export class Scheduler {
  readonly #options: SchedulerOptions;
  readonly #schedules = new Map<string, ScheduleDefinition<unknown>>();
  readonly #tasks: ScheduledTask[] = [];
  readonly #logger: Logger;
  readonly #instanceId: string;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ component: "scheduler" });
    this.#instanceId = options.instanceId ?? `${hostname()}:${process.pid}`;
  }

  /** Adds a schedule; it starts ticking on `start`. */
  add<T>(definition: ScheduleDefinition<T>): void {
    if (!cron.validate(definition.cron))
      throw new Error(`schedule ${definition.name}: invalid cron "${definition.cron}"`);
    this.#schedules.set(definition.name, definition as ScheduleDefinition<unknown>);
  }

  /**
   * Fires, once across replicas, each schedule's latest slot before `now` when its `catchUp` says so (a
   * weekly digest missed while the service was down). Returns the names of the schedules it fired.
   */
  async catchUp(now: Date = new Date()): Promise<string[]> {
    const fired: string[] = [];
    for (const definition of this.#schedules.values()) {
      if (!definition.catchUp) continue;
      const slot = CronExpressionParser.parse(definition.cron, {
        currentDate: now,
        ...(definition.timeZone ? { tz: definition.timeZone } : {}),
      })
        .prev()
        .toDate();
      if (definition.catchUp(slot, now) && (await this.fire(definition.name, slot)))
        fired.push(definition.name);
    }
    if (fired.length > 0) this.#logger.info({ schedules: fired }, "missed slots fired on start");
    return fired;
  }

  /** Starts every schedule's cron task. */
  start(): void {
    for (const definition of this.#schedules.values()) {
      const resolution = definition.cron.trim().split(/\s+/).length === 6 ? 1_000 : 60_000;
      const task = cron.schedule(
        definition.cron,
        async (context) => {
          const slot = new Date(Math.floor(context.date.getTime() / resolution) * resolution);
          await this.fire(definition.name, slot).catch((error: unknown) =>
            this.#logger.error({ err: error, schedule: definition.name }, "could not enqueue scheduled job"),
          );
        },
        { name: definition.name, timezone: definition.timeZone, noOverlap: true },
      );
      this.#tasks.push(task);
    }
  }

  /**
   * Claims `slot` of a schedule and enqueues its job in one transaction. Returns true when this call
   * claimed it, false when another replica (or an earlier call) already had.
   */
  async fire(name: string, slot: Date): Promise<boolean> {
    const definition = this.#schedules.get(name);
    if (!definition) throw new Error(`unknown schedule "${name}"`);
    return this.#options.db.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO schedule_runs (schedule, slot, claimed_by) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING schedule`,
        [name, slot, this.#instanceId],
      );
      if (claimed.length === 0) return false;
      const jobId = await this.#options.queue.send(definition.job, definition.payload(slot), { tx });
      await tx.query("UPDATE schedule_runs SET job_id = $3 WHERE schedule = $1 AND slot = $2", [
        name,
        slot,
        jobId,
      ]);
      this.#logger.info({ schedule: name, slot, jobId }, "scheduled job enqueued");
      return true;
    });
  }

  /** Stops ticking; slots already enqueued run through the queue as usual. */
  async stop(): Promise<void> {
    await Promise.all(this.#tasks.splice(0).map((task) => task.destroy()));
  }
}
