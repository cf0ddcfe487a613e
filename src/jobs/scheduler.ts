/**
 * Scheduled jobs: node-cron ticks on every replica, and each tick tries to claim its slot (schedule name +
 * fire time) in the database. The claim and the job it enqueues commit together, so exactly one replica
 * enqueues each slot and a crash between the two loses nothing.
 */
import { hostname } from "node:os";
import { CronExpressionParser } from "cron-parser";
import cron, { type ScheduledTask } from "node-cron";
import { v5 as uuidv5 } from "uuid";
import type { Logger } from "../logger.ts";
import type { Database } from "../storage/database.ts";
import type { JobQueue } from "./job-queue.ts";

/** Namespace of catch-up job ids (uuid v5 of schedule, slot and hour). */
const CATCH_UP_NAMESPACE = "8f3b2c1e-6d4a-4e9b-9a7c-3e1f5d2b8c64";

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
   * Whether the latest slot before start still owes its work (a digest not posted: missed while no replica
   * ran, or its job ran out of retries). Each replica asks at start; the job it then enqueues has an id of
   * the slot and the hour, so replicas starting together enqueue it once. Absent: missed slots are skipped.
   */
  catchUp?(slot: Date, now: Date): Promise<boolean>;
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
   * Enqueues, for each schedule whose `catchUp` says its latest slot before `now` still owes its work,
   * that slot's job (a weekly digest missed while the service was down). Returns the schedules it caught up.
   */
  async catchUp(now: Date = new Date()): Promise<string[]> {
    const caught: string[] = [];
    for (const definition of this.#schedules.values()) {
      if (!definition.catchUp) continue;
      const slot = CronExpressionParser.parse(definition.cron, {
        currentDate: now,
        ...(definition.timeZone ? { tz: definition.timeZone } : {}),
      })
        .prev()
        .toDate();
      if (!(await definition.catchUp(slot, now))) continue;
      const id = uuidv5(
        `${definition.name}:${slot.toISOString()}:${now.toISOString().slice(0, 13)}`,
        CATCH_UP_NAMESPACE,
      );
      if (await this.#options.queue.send(definition.job, definition.payload(slot), { id }))
        caught.push(definition.name);
    }
    if (caught.length > 0) this.#logger.info({ schedules: caught }, "missed slots caught up on start");
    return caught;
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
