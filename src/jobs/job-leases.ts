/**
 * Leases on running jobs, so a job whose process died resumes promptly instead of after pg-boss's expiry
 * (15 minutes). Each process beats in the database; a running job holds a lease naming its process. On
 * start and at every beat, leases of dead processes are handed back to pg-boss as failed attempts (which it
 * retries at once): a process on this host that no longer runs is dead at once, any other one once it has
 * been silent for `leaseSeconds`. Several replicas may reclaim together: each lease goes to one of them.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../logger.ts";
import type { Database } from "../storage/database.ts";
import {
  beat,
  forgetOwner,
  type JobOwner,
  ownersOnHost,
  type ReclaimedLease,
  reclaimLeases,
  releaseLease,
  takeLease,
} from "../storage/job-lease-store.ts";

/** Options of the leases. */
export interface JobLeaseOptions {
  db: Database;
  logger: Logger;
  /** How long a silent process keeps its jobs (default 15 s); it beats three times in that span. */
  leaseSeconds?: number;
  /** Hands a reclaimed job back to the queue. */
  onReclaim(lease: ReclaimedLease): Promise<void>;
}

/** When this process started, to tell it from an earlier process with the same host name and pid. */
const BOOT = String(Math.round(Date.now() - process.uptime() * 1000));

/** Whether a process of this host (by pid) is gone, or is an earlier incarnation of a reused pid. */
function isGoneHere(owner: JobOwner): boolean {
  if (owner.pid === process.pid) return owner.boot !== BOOT;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** The leases of one process. */
export class JobLeases {
  readonly owner: JobOwner = { ownerId: randomUUID(), host: hostname(), pid: process.pid, boot: BOOT };
  readonly #options: JobLeaseOptions;
  readonly #leaseSeconds: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: JobLeaseOptions) {
    this.#options = options;
    this.#leaseSeconds = options.leaseSeconds ?? 15;
  }

  /** Registers this process, takes back the jobs of dead ones, and keeps beating. */
  async start(): Promise<void> {
    await beat(this.#options.db, this.owner);
    await this.#reclaim();
    this.#timer = setInterval(() => void this.#tick(), (this.#leaseSeconds * 1000) / 3);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    try {
      await beat(this.#options.db, this.owner);
      await this.#reclaim();
    } catch (error) {
      this.#options.logger.warn({ err: error }, "job heartbeat failed; trying again at the next beat");
    }
  }

  async #reclaim(): Promise<void> {
    const { db, logger, onReclaim } = this.#options;
    const here = await ownersOnHost(db, this.owner.host, this.owner.ownerId);
    const dead = here.filter(isGoneHere).map((o) => o.ownerId);
    for (const lease of await reclaimLeases(db, dead, this.#leaseSeconds)) {
      logger.info(lease, "job of a process that is gone handed back to the queue");
      await onReclaim(lease);
    }
  }

  /** Records that this process runs `jobId`. */
  take(jobId: string, queue: string): Promise<void> {
    return takeLease(this.#options.db, jobId, queue, this.owner.ownerId);
  }

  /** The job ended here (pg-boss knows how). */
  release(jobId: string): Promise<void> {
    return releaseLease(this.#options.db, jobId, this.owner.ownerId);
  }

  /** Stops beating and forgets this process; its unfinished jobs were handed back by pg-boss's stop. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await forgetOwner(this.#options.db, this.owner.ownerId).catch(() => undefined);
  }
}
