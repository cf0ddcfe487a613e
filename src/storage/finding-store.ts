/**
 * Findings: the validated root cause of an escalation, committed locally first and synced to the
 * knowledge base by a job (the outbox), so a knowledge-base outage loses nothing.
 */
import type { KnowledgeItem } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";
import type { Sql } from "./database.ts";

/** A validated finding. */
export interface Finding {
  escalationId: string;
  title: string;
  category: Category;
  rootCause: string;
  contributingFactors: string[];
  resolution: string;
  prevention: string[];
  metadata: Record<string, unknown>;
  confirmedBy: string[];
  /**
   * True when no article that matched the escalation as its war-room opened names this finding's category
   * (src/use-cases/match-knowledge.ts); null when that was never checked.
   */
  needsArticle?: boolean | null;
}

/** A stored finding with its sync state. */
export interface FindingRecord extends Finding {
  createdAt: Date;
  /** `imported`: history from a dataset, never written to a knowledge base. */
  kbSyncState: "pending" | "synced" | "failed" | "imported";
  kbRef: string | null;
  kbUrl: string | null;
  /** Write attempts so far and the last one's error, while the knowledge base refuses. */
  kbAttempts: number;
  kbLastError: string | null;
  /** Bumped by every save: a write to the knowledge base marks only the revision it wrote. */
  revision: number;
}

/** Stores (or replaces, when resolved again) the finding of an escalation; sync starts over. */
export async function saveFinding(sql: Sql, f: Finding): Promise<void> {
  await sql.query(
    `INSERT INTO findings (escalation_id, title, category, root_cause, contributing_factors, resolution, prevention, metadata, confirmed_by, needs_article)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (escalation_id) DO UPDATE SET title = $2, category = $3, root_cause = $4, contributing_factors = $5,
       resolution = $6, prevention = $7, metadata = $8, confirmed_by = $9, needs_article = $10, kb_sync_state = 'pending',
       kb_attempts = 0, revision = findings.revision + 1`,
    [
      f.escalationId,
      f.title,
      f.category,
      f.rootCause,
      JSON.stringify(f.contributingFactors),
      f.resolution,
      JSON.stringify(f.prevention),
      JSON.stringify(f.metadata),
      f.confirmedBy,
      f.needsArticle ?? null,
    ],
  );
}

/**
 * Marks a written finding out of date (its war-room's follow-ups changed): a new revision waits to be
 * written. False when the escalation has no finding of its own (none, or imported history).
 */
export async function markFindingStale(sql: Sql, escalationId: string): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE findings SET kb_sync_state = 'pending', kb_attempts = 0, revision = revision + 1
     WHERE escalation_id = $1 AND kb_sync_state <> 'imported' RETURNING 1`,
    [escalationId],
  );
  return rows.length === 1;
}

/** The finding of an escalation, or null. */
export async function getFinding(sql: Sql, escalationId: string): Promise<FindingRecord | null> {
  const rows = await sql.query<Record<string, unknown>>("SELECT * FROM findings WHERE escalation_id = $1", [
    escalationId,
  ]);
  const r = rows[0];
  if (!r) return null;
  return {
    escalationId: String(r.escalation_id),
    title: String(r.title),
    category: r.category as Category,
    rootCause: String(r.root_cause),
    contributingFactors: r.contributing_factors as string[],
    resolution: String(r.resolution),
    prevention: r.prevention as string[],
    metadata: r.metadata as Record<string, unknown>,
    confirmedBy: r.confirmed_by as string[],
    needsArticle: (r.needs_article as boolean | null) ?? null,
    createdAt: new Date(r.created_at as string),
    kbSyncState: r.kb_sync_state as FindingRecord["kbSyncState"],
    kbRef: (r.kb_ref as string | null) ?? null,
    kbUrl: (r.kb_url as string | null) ?? null,
    kbAttempts: Number(r.kb_attempts ?? 0),
    kbLastError: (r.kb_last_error as string | null) ?? null,
    revision: Number(r.revision ?? 1),
  };
}

/**
 * Records that `revision` of the finding is in the knowledge base. False when the finding was saved again
 * meanwhile: that newer revision still has to be written.
 */
export async function markFindingSynced(
  sql: Sql,
  escalationId: string,
  revision: number,
  kb: { ref: string; url: string },
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE findings SET kb_sync_state = 'synced', kb_ref = $3, kb_url = $4, kb_synced_at = now(), kb_attempts = kb_attempts + 1,
       kb_last_error = NULL WHERE escalation_id = $1 AND revision = $2 RETURNING 1`,
    [escalationId, revision, kb.ref, kb.url],
  );
  return rows.length === 1;
}

/** Records a failed sync attempt (the job retries). */
export async function markFindingSyncFailed(sql: Sql, escalationId: string, error: string): Promise<void> {
  await sql.query(
    "UPDATE findings SET kb_attempts = kb_attempts + 1, kb_last_error = $2 WHERE escalation_id = $1",
    [escalationId, error],
  );
}

/**
 * Findings confirmed in war-rooms, as case-bundle knowledge items (`F-<escalation id>`), newest first;
 * `except` leaves out escalations whose finding the caller already has from elsewhere.
 */
export async function listConfirmedKnowledge(sql: Sql, except: string[] = []): Promise<KnowledgeItem[]> {
  const rows = await sql.query<{
    id: string;
    title: string;
    category: Category;
    symptoms: string;
    root_cause: string;
    resolution: string;
    validated: string;
    areas: string[] | null;
  }>(
    `SELECT 'F-' || f.escalation_id AS id, f.title, f.category, e.summary AS symptoms, f.root_cause, f.resolution,
            to_char(f.created_at, 'YYYY-MM-DD') AS validated,
            ARRAY(SELECT jsonb_array_elements_text(coalesce(f.metadata->'productAreas', '[]'))) AS areas
     FROM findings f JOIN escalations e ON e.id = f.escalation_id
     WHERE NOT (f.escalation_id = ANY($1::text[])) AND f.kb_sync_state <> 'imported'
     ORDER BY f.created_at DESC, f.escalation_id`,
    [except],
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    category: r.category,
    symptoms: r.symptoms,
    rootCause: r.root_cause,
    resolution: r.resolution,
    tags: r.areas ?? [],
    validatedAt: r.validated,
  }));
}
