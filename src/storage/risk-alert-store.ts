/**
 * The radar's alerts: claimed once per ticket thread per risk level (a unique key, so replicas and restarts
 * never alert twice), where each was posted, and what people did with it.
 */
import type { RiskAssessment, RiskLevel } from "../radar/radar-types.ts";
import type { Sql } from "./database.ts";

/** What people did with an alert. */
export type AlertOutcome = "acted" | "dismissed";

/** One stored alert. */
export interface RiskAlertRecord {
  id: string;
  ticketId: string;
  level: RiskLevel;
  accountId: string;
  accountName: string;
  score: number;
  assessment: RiskAssessment;
  createdAt: Date;
  platform: string | null;
  messageRef: string | null;
  outcome: AlertOutcome | null;
  outcomeBy: string | null;
  outcomeReason: string | null;
  escalationId: string | null;
}

interface AlertRow extends Record<string, unknown> {
  id: string | number;
  ticket_id: string;
  level: RiskLevel;
  account_id: string;
  account_name: string;
  score: number;
  assessment: RiskAssessment | string;
  created_at: Date | string;
  platform: string | null;
  message_ref: string | null;
  outcome: AlertOutcome | null;
  outcome_by: string | null;
  outcome_reason: string | null;
  escalation_id: string | null;
}

function fromRow(row: AlertRow): RiskAlertRecord {
  return {
    id: String(row.id),
    ticketId: row.ticket_id,
    level: row.level,
    accountId: row.account_id,
    accountName: row.account_name,
    score: Number(row.score),
    assessment: typeof row.assessment === "string" ? JSON.parse(row.assessment) : row.assessment,
    createdAt: new Date(row.created_at),
    platform: row.platform,
    messageRef: row.message_ref,
    outcome: row.outcome,
    outcomeBy: row.outcome_by,
    outcomeReason: row.outcome_reason,
    escalationId: row.escalation_id,
  };
}

const RANK = "CASE level WHEN 'watch' THEN 1 WHEN 'high' THEN 2 ELSE 3 END";

/**
 * Claims the alert for the assessment's thread and level; returns its id, or null when one was claimed
 * before (by this replica or another, now or before a restart), or when the thread already had an alert at
 * a higher level (a thread easing from critical to high says nothing new).
 */
export async function claimRiskAlert(sql: Sql, assessment: RiskAssessment, at: Date): Promise<string | null> {
  const rows = await sql.query<{ id: string | number }>(
    `INSERT INTO risk_alerts (ticket_id, level, account_id, account_name, score, assessment, created_at)
     SELECT $1, $2, $3, $4, $5, $6, $7
      WHERE NOT EXISTS (
        SELECT 1 FROM risk_alerts
         WHERE ticket_id = $1 AND ${RANK} > CASE $2::text WHEN 'watch' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)
     ON CONFLICT (ticket_id, level) DO NOTHING
     RETURNING id`,
    [
      assessment.ticketId,
      assessment.level,
      assessment.accountId,
      assessment.accountName,
      assessment.score,
      JSON.stringify(assessment),
      at,
    ],
  );
  return rows[0] ? String(rows[0].id) : null;
}

/** One alert by id, or null. */
export async function getRiskAlert(sql: Sql, id: string): Promise<RiskAlertRecord | null> {
  if (!/^\d+$/.test(id)) return null;
  const rows = await sql.query<AlertRow>("SELECT * FROM risk_alerts WHERE id = $1", [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Records where the alert was posted. */
export async function markRiskAlertPosted(
  sql: Sql,
  id: string,
  where: { platform: string; messageRef: string; at: Date },
): Promise<void> {
  await sql.query("UPDATE risk_alerts SET platform = $2, message_ref = $3, posted_at = $4 WHERE id = $1", [
    id,
    where.platform,
    where.messageRef,
    where.at,
  ]);
}

/**
 * Records what someone did. A war-room opened replaces an earlier "not now" (the person changed their
 * mind); a "not now" never replaces a war-room. Returns false when nothing changed.
 */
export async function recordRiskAlertOutcome(
  sql: Sql,
  id: string,
  outcome: { kind: AlertOutcome; by: string; reason?: string; escalationId?: string; at: Date },
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE risk_alerts
        SET outcome = $2, outcome_by = $3, outcome_reason = $4, escalation_id = $5, outcome_at = $6
      WHERE id = $1 AND (outcome IS NULL OR ($2 = 'acted' AND outcome = 'dismissed'))
      RETURNING id`,
    [id, outcome.kind, outcome.by, outcome.reason ?? null, outcome.escalationId ?? null, outcome.at],
  );
  return rows.length > 0;
}

/** Alerts created inside the window, oldest first. */
export async function listRiskAlerts(
  sql: Sql,
  window: { since?: Date; until?: Date } = {},
): Promise<RiskAlertRecord[]> {
  const rows = await sql.query<AlertRow>(
    `SELECT * FROM risk_alerts
      WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
      ORDER BY created_at, id`,
    [window.since ?? null, window.until ?? null],
  );
  return rows.map(fromRow);
}
