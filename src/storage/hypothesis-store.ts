/**
 * Analyses, the hypotheses they proposed, and the team's verdicts on them. A hypothesis' status is derived
 * from its standing verdicts, in SQL, so every replica computes the same answer.
 */
import type { Analysis, Hypothesis } from "../domain/analysis.ts";
import type { HypothesisStatus } from "../ports/chat-platform.ts";
import type { Sql } from "./database.ts";

/** A stored hypothesis with its verdicts. */
export interface HypothesisRecord {
  id: string;
  escalationId: string;
  round: number;
  hypothesis: Hypothesis;
  messageRef: string | null;
  status: HypothesisStatus;
  confirmedBy: string[];
  rejectedBy: string[];
}

interface HypothesisRow {
  [column: string]: unknown;
  id: string | number;
  escalation_id: string;
  round: number;
  rank: number;
  title: string;
  category: Hypothesis["category"];
  likelihood: number;
  evidence_ids: string[];
  against_ids: string[];
  rationale: string;
  checks: string[];
  message_ref: string | null;
  status: HypothesisStatus;
  confirmed_by: string[] | null;
  rejected_by: string[] | null;
}

const SELECT = `
  SELECT h.*,
    array(SELECT v.user_id FROM verdicts v WHERE v.hypothesis_id = h.id AND v.verdict = 'confirm' AND v.withdrawn_at IS NULL ORDER BY v.at) AS confirmed_by,
    array(SELECT v.user_id FROM verdicts v WHERE v.hypothesis_id = h.id AND v.verdict = 'reject' AND v.withdrawn_at IS NULL ORDER BY v.at) AS rejected_by
  FROM hypotheses h`;

function fromRow(r: HypothesisRow): HypothesisRecord {
  return {
    id: String(r.id),
    escalationId: r.escalation_id,
    round: r.round,
    hypothesis: {
      rank: r.rank,
      title: r.title,
      category: r.category,
      likelihood: r.likelihood,
      evidence: r.evidence_ids,
      against: r.against_ids,
      rationale: r.rationale,
      checks: r.checks,
    },
    messageRef: r.message_ref,
    status: r.status,
    confirmedBy: r.confirmed_by ?? [],
    rejectedBy: r.rejected_by ?? [],
  };
}

/** The next analysis round for an escalation (1 for the first). */
export async function nextRound(sql: Sql, escalationId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    "SELECT coalesce(max(round), 0)::int + 1 AS n FROM analyses WHERE escalation_id = $1",
    [escalationId],
  );
  return row?.n ?? 1;
}

async function insertHypotheses(
  sql: Sql,
  escalationId: string,
  round: number,
  hypotheses: Hypothesis[],
): Promise<void> {
  for (const h of hypotheses) {
    await sql.query(
      `INSERT INTO hypotheses (escalation_id, round, rank, title, category, likelihood, evidence_ids, against_ids, rationale, checks)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        escalationId,
        round,
        h.rank,
        h.title,
        h.category,
        h.likelihood,
        h.evidence,
        h.against,
        h.rationale,
        JSON.stringify(h.checks),
      ],
    );
  }
}

/**
 * Adds hypotheses to a round that exists (the LLM's additions after the evidence engine's), ranked after
 * the round's last. Call it in the transaction that records why, so a retry never adds them twice.
 */
export async function addHypotheses(
  sql: Sql,
  escalationId: string,
  round: number,
  hypotheses: Omit<Hypothesis, "rank">[],
): Promise<void> {
  const [row] = await sql.query<{ last: number }>(
    "SELECT coalesce(max(rank), 0)::int AS last FROM hypotheses WHERE escalation_id = $1 AND round = $2",
    [escalationId, round],
  );
  const last = row?.last ?? 0;
  await insertHypotheses(
    sql,
    escalationId,
    round,
    hypotheses.map((h, i) => ({ ...h, rank: last + i + 1 })),
  );
}

/** Stores an analysis and its hypotheses as round `round`; a repeat of the same round is ignored. */
export async function saveAnalysis(
  sql: Sql,
  escalationId: string,
  round: number,
  analysis: Analysis,
): Promise<HypothesisRecord[]> {
  const inserted = await sql.query(
    `INSERT INTO analyses (escalation_id, round, engine, result) VALUES ($1, $2, $3, $4)
     ON CONFLICT (escalation_id, round) DO NOTHING RETURNING id`,
    [escalationId, round, analysis.engine, JSON.stringify(analysis)],
  );
  if (inserted.length > 0) await insertHypotheses(sql, escalationId, round, analysis.hypotheses);
  return listHypotheses(sql, escalationId, round);
}

/** Locks a round's analysis row until the transaction ends (one writer of what follows it at a time). */
export async function lockAnalysis(tx: Sql, escalationId: string, round: number): Promise<void> {
  await tx.query("SELECT id FROM analyses WHERE escalation_id = $1 AND round = $2 FOR UPDATE", [
    escalationId,
    round,
  ]);
}

/** The stored analysis of a round. */
export async function getAnalysis(sql: Sql, escalationId: string, round: number): Promise<Analysis | null> {
  const rows = await sql.query<{ result: Analysis }>(
    "SELECT result FROM analyses WHERE escalation_id = $1 AND round = $2",
    [escalationId, round],
  );
  return rows[0]?.result ?? null;
}

/** Hypotheses of an escalation (of one round when given), by round then rank. */
export async function listHypotheses(
  sql: Sql,
  escalationId: string,
  round?: number,
): Promise<HypothesisRecord[]> {
  const rows = await sql.query<HypothesisRow>(
    `${SELECT} WHERE h.escalation_id = $1 AND ($2::int IS NULL OR h.round = $2) ORDER BY h.round, h.rank`,
    [escalationId, round ?? null],
  );
  return rows.map(fromRow);
}

/** The hypothesis shown in a message, or null. */
export async function findHypothesisByMessage(
  sql: Sql,
  messageRef: string,
): Promise<HypothesisRecord | null> {
  const rows = await sql.query<HypothesisRow>(`${SELECT} WHERE h.message_ref = $1`, [messageRef]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** One hypothesis by id, or null. */
export async function getHypothesis(sql: Sql, id: string): Promise<HypothesisRecord | null> {
  const rows = await sql.query<HypothesisRow>(`${SELECT} WHERE h.id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Remembers which message shows a hypothesis. */
export async function saveHypothesisMessage(sql: Sql, id: string, messageRef: string): Promise<void> {
  await sql.query("UPDATE hypotheses SET message_ref = $2, updated_at = now() WHERE id = $1", [
    id,
    messageRef,
  ]);
}

/** Records a verdict; false when the same person already stands by the same verdict. */
export async function addVerdict(
  sql: Sql,
  v: { hypothesisId: string; userId: string; verdict: "confirm" | "reject"; via: string },
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO verdicts (hypothesis_id, user_id, verdict, via) VALUES ($1, $2, $3, $4)
     ON CONFLICT (hypothesis_id, user_id, verdict) WHERE withdrawn_at IS NULL DO NOTHING RETURNING id`,
    [v.hypothesisId, v.userId, v.verdict, v.via],
  );
  return rows.length === 1;
}

/** Withdraws a standing verdict; false when there was none. */
export async function withdrawVerdict(
  sql: Sql,
  v: { hypothesisId: string; userId: string; verdict: "confirm" | "reject" },
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE verdicts SET withdrawn_at = now() WHERE hypothesis_id = $1 AND user_id = $2 AND verdict = $3 AND withdrawn_at IS NULL RETURNING id`,
    [v.hypothesisId, v.userId, v.verdict],
  );
  return rows.length > 0;
}

/**
 * Recomputes and stores the status from standing verdicts (confirmations and rejections together are
 * disputed). Returns the status before and after; the row is locked first, so of two concurrent verdicts
 * exactly one sees a given transition.
 */
export async function refreshStatus(
  sql: Sql,
  id: string,
): Promise<{ previous: HypothesisStatus; status: HypothesisStatus }> {
  const [before] = await sql.query<{ status: HypothesisStatus }>(
    "SELECT status FROM hypotheses WHERE id = $1 FOR UPDATE",
    [id],
  );
  const [row] = await sql.query<{ status: HypothesisStatus }>(
    `UPDATE hypotheses h SET updated_at = now(), status = CASE
        WHEN c.confirms > 0 AND c.rejects > 0 THEN 'disputed'
        WHEN c.confirms > 0 THEN 'confirmed'
        WHEN c.rejects > 0 THEN 'rejected'
        ELSE 'proposed' END
     FROM (SELECT count(*) FILTER (WHERE verdict = 'confirm') AS confirms, count(*) FILTER (WHERE verdict = 'reject') AS rejects
           FROM verdicts WHERE hypothesis_id = $1 AND withdrawn_at IS NULL) c
     WHERE h.id = $1 RETURNING h.status`,
    [id],
  );
  return { previous: before?.status ?? "proposed", status: row?.status ?? "proposed" };
}
