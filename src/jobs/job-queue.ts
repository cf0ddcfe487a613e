/**
 * The durable job queue: pg-boss in warroom's own database (PGlite or PostgreSQL), so a job survives a
 * restart and runs once even with several replicas. Slow work (opening a war-room, syncing a finding to the
 * knowledge base, posting a digest) goes through here; handlers only ack and enqueue.
 */

import PgBoss from "pg-boss";
import type { z } from "zod";
import { describeFirstIssue } from "../domain/describe-issue.ts";
import { InputError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { recordJobFailure } from "../metrics/metrics.ts";
import type { Database, Sql } from "../storage/database.ts";
import { JobLeases } from "./job-leases.ts";
import type { OpenRequests } from "./open-requests.ts";

/** The NOTIFY channel a replica's send wakes every replica's workers on (PostgreSQL). */
const WAKE_CHANNEL = "warroom_jobs";

/** What a job handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  /** 1 on the first try, 2 on the first retry, ... */
  attempt: number;
  logger: Logger;
}

/** A kind of job: its name, payload schema, retry policy and handler. */
export interface JobDefinition<T> {
  name: string;
  schema: z.ZodType<T>;
  /** Retries after the first failure (default 5), spaced by exponential backoff from `retryDelaySeconds`. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /**
   * An active job not finished after this long is considered lost and retried (default 15 min). A job
   * whose process died is retried sooner, through its lease (see job-leases.ts).
   */
  expireInSeconds?: number;
  /** How many of these jobs one process runs at once (default 1). */
  concurrency?: number;
  handle(data: T, context: JobContext): Promise<void>;
}

/** Options when enqueueing. */
export interface SendOptions {
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  tx?: Sql;
  /** A deterministic id: a second send with the same id is ignored. */
  id?: string;
  startAfter?: Date;
}

/** Options of the queue itself. */
export interface JobQueueOptions {
  db: Database;
  logger: Logger;
  /** How often idle workers look for work (default 2 s; tests use less). */
  pollingIntervalSeconds?: number;
  /** How long `stop` waits for running jobs before returning them to the queue (default 20 s). */
  stopTimeoutMs?: number;
  /** How long a process that stopped beating keeps its running jobs (default 15 s; JOB_LEASE_SECONDS). */
  leaseSeconds?: number;
  /** The HTTP requests this process is answering: a job starts once they are (see open-requests.ts). */
  requests?: OpenRequests;
}

/**
 * How many INSERTs of one queue may be under way at once. Under a burst the event loop reads many requests
 * in one go and only then sees a finished INSERT: with one at a time, jobs read meanwhile would wait for
 * that late notice before their own INSERT even starts. A few at once keep a burst's INSERTs going out as
 * the requests are read, while what arrives when all are busy still shares the next one (group commit).
 */
const MAX_INSERTS_IN_FLIGHT = 3;

/**
 * Jobs waiting for an INSERT go at once, in the middle of a turn of the event loop, once they are at least
 * this many and fewer than MAX_INSERTS_IN_FLIGHT are under way (as the eighth is enqueued, or as an INSERT
 * ends: the embedded database's answers are read between requests, see Database.deliverAnswers); fewer
 * wait for the end of the turn, with whatever else it brings. So a burst read in one long turn goes in
 * INSERTs of eight as it is read. Each INSERT costs the database about as much as twenty more jobs in one,
 * and under a burst its CPU is taken from the requests'.
 */
const FEWEST_JOBS_MID_TURN = 8;

/** Jobs waiting for one shared INSERT, and their callers. */
interface PendingBatch {
  jobs: PgBoss.JobInsert[];
  waiters: { resolve(): void; reject(error: unknown): void }[];
}

/** pg-boss's database: our connection, counting the statements under way (see `stop`). */
function bossDb(sql: Sql, pending?: { count: number }) {
  // pg-boss sends its multi-statement scripts without parameters; those must go through `exec`.
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (pending) pending.count++;
      try {
        const rows = values && values.length > 0 ? await sql.query(text, values) : await sql.exec(text);
        return { rows };
      } finally {
        if (pending) pending.count--;
      }
    },
  };
}

/** The queue; define every job before `start`. */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #logger: Logger;
  readonly #definitions = new Map<string, JobDefinition<unknown>>();
  readonly #workerIds = new Map<string, string[]>();
  readonly #leases: JobLeases;
  #unlisten: (() => Promise<void>) | undefined;
  readonly #options: JobQueueOptions;
  /** pg-boss statements under way, and jobs running, in this process. */
  readonly #pendingSql = { count: 0 };
  #running = 0;
  #started = false;
  /** Jobs `enqueue` has not stored yet, per job name: they share the next INSERT. */
  readonly #batches = new Map<string, PendingBatch>();
  /** INSERTs under way per job name: at MAX_INSERTS_IN_FLIGHT, what is enqueued waits for one, then goes in one. */
  readonly #storing = new Map<string, number>();

  constructor(options: JobQueueOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ component: "jobs" });
    this.#boss = new PgBoss({
      db: bossDb(options.db, this.#pendingSql),
      schedule: false,
      migrate: true,
      supervise: true,
    });
    this.#boss.on("error", (error) => this.#logger.error({ err: error }, "job queue error"));
    this.#leases = new JobLeases({
      db: options.db,
      logger: this.#logger,
      leaseSeconds: options.leaseSeconds,
      // A failed attempt: pg-boss retries it after the job's retry delay, keeping its retry count.
      onReclaim: async ({ jobId, queue }) => {
        await this.#boss.fail(queue, jobId, { message: "the process running it is gone" });
        this.wake(queue);
      },
    });
  }

  /** Registers a kind of job. */
  define<T>(definition: JobDefinition<T>): void {
    if (this.#started) throw new Error(`define job "${definition.name}" before the queue starts`);
    this.#definitions.set(definition.name, definition as JobDefinition<unknown>);
  }

  /** Creates pg-boss's schema and queues, then starts one worker per kind of job. */
  async start(): Promise<void> {
    // Replicas starting together on a fresh database would race to install pg-boss's schema; one installs,
    // the others wait and then find it installed.
    await this.#options.db.withLock("warroom:pg-boss:start", () => this.#boss.start());
    // Beat before any job is taken (a lease without a live owner would be reclaimed), and hand back the
    // jobs of processes that died, so the workers find them at their first fetch.
    await this.#leases.start();
    // Queues are independent: create them (and start their workers) concurrently.
    await Promise.all([...this.#definitions.values()].map((definition) => this.#startWorker(definition)));
    await Promise.all([...this.#definitions.keys()].map((name) => this.#rehearseInsert(name)));
    this.#started = true;
    // Jobs another replica queues wake this one's workers at once (PostgreSQL; PGlite has one process).
    this.#unlisten = await this.#options.db.listen?.(WAKE_CHANNEL, (name) => this.wake(name));
  }

  async #startWorker(definition: JobDefinition<unknown>): Promise<void> {
    await this.#boss.createQueue(definition.name, {
      retryLimit: definition.retryLimit ?? 5,
      retryDelay: definition.retryDelaySeconds ?? 5,
      retryBackoff: true,
      retryDelayMax: 15 * 60,
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
    });
    // pg-boss runs one job at a time per worker: several workers make several at once.
    const workers = Array.from({ length: Math.max(1, definition.concurrency ?? 1) }, () =>
      this.#boss.work(
        definition.name,
        {
          batchSize: 1,
          pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2,
          includeMetadata: true,
        },
        async ([job]) => {
          if (job) await this.#run(definition, job.id, job.data, job.retryCount + 1);
        },
      ),
    );
    this.#workerIds.set(definition.name, await Promise.all(workers));
  }

  /**
   * Runs the INSERT `enqueue` sends for `name` once, in a transaction that is rolled back, so the first burst
   * of requests after a start is stored by warm code: the embedded database compiles each of its WebAssembly
   * functions the first time it runs, and a PostgreSQL connection loads the job table's catalog entries at
   * its first use. (A first INSERT of 49 jobs: 15–34 ms cold, 4–11 ms rehearsed on PGlite; 4–5 and 2–3 ms
   * on PostgreSQL.) Nothing is stored; a failure only leaves the code cold.
   */
  async #rehearseInsert(name: string): Promise<void> {
    const rollback = new Error("rehearsal");
    await this.#options.db
      .transaction(async (tx) => {
        await this.#boss.insert(name, [{ name, data: {} }], { db: bossDb(tx) });
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback)
          this.#logger.debug({ err: error, job: name }, "could not rehearse the job INSERT");
      });
  }

  async #run(
    definition: JobDefinition<unknown>,
    jobId: string,
    data: unknown,
    attempt: number,
  ): Promise<void> {
    const logger = this.#logger.child({ job: definition.name, jobId, attempt });
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) throw new InputError(`job ${definition.name}: ${describeFirstIssue(parsed.error)}`);
    logger.debug("job started");
    this.#running++;
    try {
      await this.#leases.take(jobId, definition.name);
      // The acks of a burst go out before the jobs they queued start sharing the event loop with them
      // (leased first: a process that dies while waiting hands the job back like any other).
      await this.#options.requests?.idle();
      await definition.handle(parsed.data, { jobId, attempt, logger });
      logger.debug("job finished");
    } catch (error) {
      logger.warn({ err: error }, "job failed; pg-boss retries it while retries remain");
      recordJobFailure(definition.name);
      throw error;
    } finally {
      this.#running--;
      await this.#leases.release(jobId).catch((e: unknown) => logger.warn({ err: e }, "lease not released"));
    }
  }

  /** Enqueues a job; returns its id, or null when a job with the same `id` already exists. */
  async send<T>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const definition = this.#definitions.get(name);
    if (!definition) throw new Error(`unknown job "${name}"`);
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) throw new InputError(`job ${name}: ${describeFirstIssue(parsed.error)}`);
    const id = await this.#boss.send(name, parsed.data as object, {
      ...(options.id ? { id: options.id } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.tx ? { db: bossDb(options.tx) } : {}),
    });
    // Other replicas' workers wake too; inside a transaction the notice goes out at commit, with the job.
    if (id && this.#options.db.listen && !options.startAfter)
      await (options.tx ?? this.#options.db).query("SELECT pg_notify($1, $2)", [WAKE_CHANNEL, name]);
    // Inside a transaction the job is not visible until commit: the caller wakes the worker then.
    if (!options.tx && !options.startAfter) this.wake(name);
    return id;
  }

  /**
   * Enqueues a job as `send` does, in one INSERT with other jobs of `name`: those enqueued in the same turn
   * of the event loop (eight at most, see FEWEST_JOBS_MID_TURN), or while MAX_INSERTS_IN_FLIGHT INSERTs of
   * `name` ran (group commit). A burst of requests that must be stored before they are answered
   * (/escalate stores, then acks) costs a few statements on at most three connections instead of one each.
   * Resolves once stored; a job whose `id` exists already stores nothing. Not for transactions: use `send`
   * with `tx`.
   */
  enqueue<T>(name: string, data: T, options: { id?: string } = {}): Promise<void> {
    const definition = this.#definitions.get(name);
    if (!definition) throw new Error(`unknown job "${name}"`);
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) throw new InputError(`job ${name}: ${describeFirstIssue(parsed.error)}`);
    let batch = this.#batches.get(name);
    if (!batch) {
      batch = { jobs: [], waiters: [] };
      this.#batches.set(name, batch);
      // At the end of this turn; with as many INSERTs of `name` under way as may be, when one is done.
      setImmediate(() => void this.#flush(name));
    }
    batch.jobs.push({ name, data: parsed.data as object, ...(options.id ? { id: options.id } : {}) });
    const waiters = batch.waiters;
    const stored = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    // A burst read in one long turn: enough jobs go without waiting for its end.
    if (batch.jobs.length >= FEWEST_JOBS_MID_TURN) void this.#flush(name);
    return stored;
  }

  async #flush(name: string): Promise<void> {
    const batch = this.#batches.get(name);
    const storing = this.#storing.get(name) ?? 0;
    if (!batch || storing >= MAX_INSERTS_IN_FLIGHT) return;
    this.#batches.delete(name);
    this.#storing.set(name, storing + 1);
    try {
      await this.#boss.insert(name, batch.jobs);
    } catch (error) {
      for (const waiter of batch.waiters) waiter.reject(error);
      return;
    } finally {
      this.#storing.set(name, this.#storing.get(name)! - 1);
      // What was enqueued while the INSERTs ran goes in one (after a failure too): now if there is enough of
      // it, else at the end of this turn of the event loop.
      const waiting = this.#batches.get(name);
      if (waiting && waiting.jobs.length >= FEWEST_JOBS_MID_TURN) void this.#flush(name);
      else if (waiting) setImmediate(() => void this.#flush(name));
    }
    // Stored: the callers may answer now. The workers are woken once the open requests are answered (the
    // jobs would wait for that anyway, see #run); waking other replicas is a hint (they also poll), so a
    // failure to send it loses nothing.
    for (const waiter of batch.waiters) waiter.resolve();
    await this.#options.requests?.idle();
    if (!this.#started) return;
    this.wake(name);
    if (this.#options.db.listen)
      await this.#options.db
        .query("SELECT pg_notify($1, $2)", [WAKE_CHANNEL, name])
        .catch((error: unknown) => this.#logger.warn({ err: error }, "could not wake the other replicas"));
  }

  /**
   * Tells this process's workers for `name` to look for work now instead of at their next poll. Call it
   * after the transaction that enqueued a job has committed; other replicas hear of it through NOTIFY.
   */
  wake(name: string): void {
    if (!this.#started) return;
    for (const workerId of this.#workerIds.get(name) ?? []) this.#boss.notifyWorker(workerId);
  }

  /** Counts of jobs by state for one kind of job (health output, tests). */
  async counts(name: string): Promise<{ queued: number; active: number; total: number }> {
    const queue = await this.#boss.getQueue(name);
    return {
      queued: queue?.queuedCount ?? 0,
      active: queue?.activeCount ?? 0,
      total: queue?.totalCount ?? 0,
    };
  }

  /** Stops taking work; waits for running jobs, returning unfinished ones to the queue after the timeout. */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    const timeout = this.#options.stopTimeoutMs ?? 20_000;
    const deadline = Date.now() + timeout;
    await this.#boss.stop({ graceful: true, wait: true, close: false, timeout });
    // A worker's poll already under way when pg-boss stopped can still hand it a job: wait for that poll to
    // return and for what it started to finish, while the database is still open, so no job is left
    // claimed by a process that is gone.
    while ((this.#pendingSql.count > 0 || this.#running > 0) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await this.#unlisten?.();
    await this.#leases.stop();
  }
}
