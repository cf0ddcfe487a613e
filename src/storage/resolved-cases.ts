/**
 * The store's own answered cases: escalations resolved in a war-room, with the evidence snapshot taken
 * when the war-room opened and what people confirmed. `warroom eval` scores the engine on them.
 */
import type { Sql } from "./database.ts";

/** One resolved war-room as evaluation material. */
export interface ResolvedCase {
  escalationId: string;
  /** The case bundle the war-room was first analysed on. */
  bundle: unknown;
  /** The finding's category: what people settled on. */
  category: string;
  /** The confirmed hypothesis's category and evidence, when one was confirmed. */
  confirmed: { category: string; evidence: string[] } | null;
}

/** Resolved war-rooms with a finding and an evidence snapshot, oldest first. */
export async function listResolvedCases(sql: Sql): Promise<ResolvedCase[]> {
  const rows = await sql.query<{
    escalation_id: string;
    category: string;
    bundle: unknown;
    confirmed_category: string | null;
    confirmed_evidence: string[] | null;
  }>(
    `SELECT f.escalation_id, f.category, s.bundle, h.category AS confirmed_category, h.evidence_ids AS confirmed_evidence
       FROM findings f
       JOIN LATERAL (SELECT bundle FROM evidence_snapshots WHERE escalation_id = f.escalation_id
                     ORDER BY taken_at ASC, id ASC LIMIT 1) s ON true
       LEFT JOIN LATERAL (SELECT category, evidence_ids FROM hypotheses
                          WHERE escalation_id = f.escalation_id AND status = 'confirmed'
                          ORDER BY round DESC, rank ASC LIMIT 1) h ON true
      WHERE f.kb_sync_state <> 'imported'
      ORDER BY f.created_at ASC, f.escalation_id ASC`,
  );
  return rows.map((r) => ({
    escalationId: r.escalation_id,
    bundle: r.bundle,
    category: r.category,
    confirmed:
      r.confirmed_category && r.confirmed_evidence
        ? { category: r.confirmed_category, evidence: r.confirmed_evidence }
        : null,
  }));
}
