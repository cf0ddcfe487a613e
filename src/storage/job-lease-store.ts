/**
 * Job leases: which process runs which job, and each process's heartbeat. A lease whose owner stopped
 * beating (or is a previous incarnation on this very host) is taken back, by one replica only.
 */
import type { Sql } from "./database.ts";

/** A process that runs jobs. */
export interface JobOwner {
  ownerId: string;
  host: string;
  pid: number;
  /** When the process started (a restarted container may reuse the host name and the pid). */
  boot: string;
}

/** A job taken back from a dead owner. */
export interface ReclaimedLease {
  jobId: string;
  queue: string;
  ownerId: string;
}

/** Says this process is alive (first call registers it). */
export async function beat(sql: Sql, owner: JobOwner): Promise<void> {
  await sql.query(
    `INSERT INTO job_owners (owner_id, host, pid, boot) VALUES ($1, $2, $3, $4)
     ON CONFLICT (owner_id) DO UPDATE SET heartbeat_at = now()`,
    [owner.ownerId, owner.host, owner.pid, owner.boot],
  );
}

/** Forgets an owner that stopped cleanly (its jobs were finished or handed back by pg-boss). */
export async function forgetOwner(sql: Sql, ownerId: string): Promise<void> {
  await sql.query("DELETE FROM job_owners WHERE owner_id = $1", [ownerId]);
}

/** Records that `ownerId` runs a job. */
export async function takeLease(sql: Sql, jobId: string, queue: string, ownerId: string): Promise<void> {
  await sql.query(
    `INSERT INTO job_leases (job_id, queue, owner_id) VALUES ($1, $2, $3)
     ON CONFLICT (job_id) DO UPDATE SET owner_id = excluded.owner_id, taken_at = now()`,
    [jobId, queue, ownerId],
  );
}

/** The job ended (done or failed through pg-boss): no lease to reclaim. */
export async function releaseLease(sql: Sql, jobId: string, ownerId: string): Promise<void> {
  await sql.query("DELETE FROM job_leases WHERE job_id = $1 AND owner_id = $2", [jobId, ownerId]);
}

/** Owners on `host` besides this one: the caller checks which of their processes still run. */
export async function ownersOnHost(sql: Sql, host: string, exceptOwnerId: string): Promise<JobOwner[]> {
  const rows = await sql.query<{ owner_id: string; host: string; pid: number; boot: string }>(
    "SELECT owner_id, host, pid, boot FROM job_owners WHERE host = $1 AND owner_id <> $2",
    [host, exceptOwnerId],
  );
  return rows.map((r) => ({ ownerId: r.owner_id, host: r.host, pid: r.pid, boot: r.boot }));
}

/**
 * Takes back the leases of owners that are known dead (`deadOwners`), silent for `staleSeconds`, or gone
 * from the table. The DELETE … RETURNING hands each lease to one replica only, however many reclaim at once.
 */
export async function reclaimLeases(
  sql: Sql,
  deadOwners: string[],
  staleSeconds: number,
): Promise<ReclaimedLease[]> {
  await sql.query(
    "DELETE FROM job_owners WHERE owner_id = ANY($1::text[]) OR heartbeat_at < now() - make_interval(secs => $2)",
    [deadOwners, staleSeconds],
  );
  const rows = await sql.query<{ job_id: string; queue: string; owner_id: string }>(
    `DELETE FROM job_leases l WHERE NOT EXISTS (SELECT 1 FROM job_owners o WHERE o.owner_id = l.owner_id)
     RETURNING job_id, queue, owner_id`,
  );
  return rows.map((r) => ({ jobId: r.job_id, queue: r.queue, ownerId: r.owner_id }));
}
