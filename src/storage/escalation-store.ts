/**
 * Escalations in the database. The partial unique index on open escalations per account makes "one open
 * war-room per account" a database fact, so two replicas racing on one account cannot both open one.
 */

import type { Severity } from "../domain/case-bundle.ts";
import type { KnowledgeMatch } from "../use-cases/match-knowledge.ts";
import type { Sql } from "./database.ts";

/**
 * SQL condition for escalations that are war-rooms: imported history (origin `dataset`, see
 * use-cases/import-escalation-history.ts) is the CRM's record, not a war-room.
 */
export const IS_WAR_ROOM = "origin <> 'dataset'";

/** Where an escalation came from. */
export type EscalationOrigin = "slack" | "teams" | "terminal" | "salesforce" | "dataset";

/** A stored escalation. */
export interface EscalationRecord {
  id: string;
  accountId: string;
  accountName: string;
  summary: string;
  severity: Severity;
  status: "open" | "resolved" | "closed";
  origin: EscalationOrigin;
  originRef: string | null;
  requestedBy: string | null;
  openedAt: Date;
  resolvedAt: Date | null;
}

/** What opening an escalation needs. */
export interface NewEscalation {
  accountId: string;
  accountName: string;
  summary: string;
  severity?: Severity;
  origin: EscalationOrigin;
  originRef?: string;
  requestedBy?: string;
  openedAt?: Date;
  arr?: number;
  segment?: string;
  metadata?: EscalationMetadata;
}

/** The outcome of `openEscalation`: the new one, or the open one that already existed for the account. */
export type OpenEscalationResult =
  | { created: true; escalation: EscalationRecord }
  | { created: false; escalation: EscalationRecord };

interface EscalationRow {
  [column: string]: unknown;
  id: string;
  account_id: string;
  account_name: string;
  summary: string;
  severity: Severity;
  status: EscalationRecord["status"];
  origin: EscalationOrigin;
  origin_ref: string | null;
  requested_by: string | null;
  opened_at: Date;
  resolved_at: Date | null;
}

function fromRow(row: EscalationRow): EscalationRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    summary: row.summary,
    severity: row.severity,
    status: row.status,
    origin: row.origin,
    originRef: row.origin_ref,
    requestedBy: row.requested_by,
    openedAt: new Date(row.opened_at),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
  };
}

/**
 * Opens an escalation unless the account already has an open one (or the same origin reference was seen),
 * in which case that one is returned. Safe to call concurrently from several replicas.
 */
export async function openEscalation(sql: Sql, input: NewEscalation): Promise<OpenEscalationResult> {
  const openedAt = input.openedAt ?? new Date();
  const inserted = await sql.query<EscalationRow>(
    `INSERT INTO escalations (id, account_id, account_name, summary, severity, origin, origin_ref, requested_by, opened_at, arr, segment, metadata)
     VALUES ('WR-' || to_char($8::timestamptz AT TIME ZONE 'UTC', 'YYYY') || '-' || (SELECT lpad(n::text, greatest(4, length(n::text)), '0') FROM nextval('escalation_number_seq') AS n),
             $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [
      input.accountId,
      input.accountName,
      input.summary,
      input.severity ?? "normal",
      input.origin,
      input.originRef ?? null,
      input.requestedBy ?? null,
      openedAt,
      input.arr ?? null,
      input.segment ?? null,
      JSON.stringify(input.metadata ?? {}),
    ],
  );
  if (inserted[0]) return { created: true, escalation: fromRow(inserted[0]) };
  const existing = await sql.query<EscalationRow>(
    `SELECT * FROM escalations
     WHERE (account_id = $1 AND status = 'open' AND ${IS_WAR_ROOM}) OR (origin = $2 AND origin_ref = $3)
     ORDER BY opened_at DESC LIMIT 1`,
    [input.accountId, input.origin, input.originRef ?? null],
  );
  if (!existing[0]) throw new Error(`escalation for ${input.accountId} conflicted but could not be found`);
  return { created: false, escalation: fromRow(existing[0]) };
}

/** One escalation by id, or null. */
export async function getEscalation(sql: Sql, id: string): Promise<EscalationRecord | null> {
  const rows = await sql.query<EscalationRow>("SELECT * FROM escalations WHERE id = $1", [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Open escalations with war-rooms (imported history aside), oldest first. */
export async function listOpenEscalations(sql: Sql): Promise<EscalationRecord[]> {
  const rows = await sql.query<EscalationRow>(
    `SELECT * FROM escalations WHERE status = 'open' AND ${IS_WAR_ROOM} ORDER BY opened_at`,
  );
  return rows.map(fromRow);
}

/** Appends an event to an escalation's timeline. */
export async function recordTimelineEvent(
  sql: Sql,
  event: { escalationId: string; kind: string; actor?: string; data?: Record<string, unknown>; at?: Date },
): Promise<void> {
  await sql.query(
    "INSERT INTO timeline_events (escalation_id, kind, actor, data, at) VALUES ($1, $2, $3, $4, $5)",
    [
      event.escalationId,
      event.kind,
      event.actor ?? null,
      JSON.stringify(event.data ?? {}),
      event.at ?? new Date(),
    ],
  );
}

/** Timeline events of an escalation (of one kind when given), oldest first. */
export async function listTimelineEvents(
  sql: Sql,
  escalationId: string,
  kind?: string,
): Promise<{ at: Date; kind: string; actor: string | null; data: Record<string, unknown> }[]> {
  return sql.query(
    "SELECT at, kind, actor, data FROM timeline_events WHERE escalation_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY at, id",
    [escalationId, kind ?? null],
  );
}

/** What a request recorded about an escalation besides its columns. */
export interface EscalationMetadata {
  private?: boolean;
  platform?: string;
  /** Where to answer the requester later (see ChatPlatform.reply). */
  replyRef?: string | null;
  /** The account's attributes when the escalation opened (other bundles compare accounts by them). */
  attributes?: Record<string, string | number | boolean>;
  /** The CRM case that opened it, when one did. */
  caseNumber?: string | null;
  caseUrl?: string | null;
}

/** The metadata of an escalation ({} when there is none). */
export async function getEscalationMetadata(sql: Sql, escalationId: string): Promise<EscalationMetadata> {
  const [row] = await sql.query<{ metadata: EscalationMetadata }>(
    "SELECT metadata FROM escalations WHERE id = $1",
    [escalationId],
  );
  return row?.metadata ?? {};
}

/** Open escalations of an account other than `exceptId` (at most one, by the unique index). */
export async function findOtherOpenEscalation(
  sql: Sql,
  accountId: string,
  exceptId: string,
): Promise<string | null> {
  const [row] = await sql.query<{ id: string }>(
    `SELECT id FROM escalations WHERE account_id = $1 AND status = 'open' AND ${IS_WAR_ROOM} AND id <> $2`,
    [accountId, exceptId],
  );
  return row?.id ?? null;
}

/** Moves an escalation to `status`, stamping (or, when reopened, clearing) the matching times. */
export async function setEscalationStatus(
  sql: Sql,
  escalationId: string,
  status: EscalationRecord["status"],
  at: Date,
): Promise<void> {
  const sets = {
    open: "resolved_at = NULL, closed_at = NULL",
    resolved: "resolved_at = $3",
    closed: "closed_at = $3",
  }[status];
  await sql.query(`UPDATE escalations SET status = $2, ${sets}, updated_at = now() WHERE id = $1`, [
    escalationId,
    status,
    ...(status === "open" ? [] : [at]),
  ]);
}

/**
 * Records the knowledge-base articles that matched an escalation when its war-room opened; the first
 * record stands (a resumed opening does not rewrite what the knowledge base held the first time).
 */
export async function saveKnowledgeMatches(
  sql: Sql,
  escalationId: string,
  matches: KnowledgeMatch[],
): Promise<void> {
  await sql.query(
    "UPDATE escalations SET knowledge_matches = $2 WHERE id = $1 AND knowledge_matches IS NULL",
    [escalationId, JSON.stringify(matches)],
  );
}

/** The articles that matched the escalation when its war-room opened; null when never recorded. */
export async function getKnowledgeMatches(sql: Sql, escalationId: string): Promise<KnowledgeMatch[] | null> {
  const [row] = await sql.query<{ matches: KnowledgeMatch[] | null }>(
    "SELECT knowledge_matches AS matches FROM escalations WHERE id = $1",
    [escalationId],
  );
  return row?.matches ?? null;
}
