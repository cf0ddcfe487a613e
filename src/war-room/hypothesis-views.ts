/**
 * Turns stored hypotheses into what a room shows: evidence named the way people know it.
 */
import { type CaseBundle, caseBundleSchema } from "../domain/case-bundle.ts";
import type { HypothesisView } from "../ports/chat-platform.ts";
import { getHypothesis, type HypothesisRecord } from "../storage/hypothesis-store.ts";
import { latestEvidenceSnapshot } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";

/** How a hypothesis's status reads in a room, on every platform. */
export const STATUS_LABEL: Readonly<Record<HypothesisView["status"], string>> = {
  proposed: "proposed",
  confirmed: "✅ confirmed",
  rejected: "❌ rejected",
  disputed: "⚖️ disputed",
};

/** Evidence id → "ticket 00042010 'URGENT: …'", "change 'Deployed v2.4' (2026-11-14)", ... */
export function evidenceNames(bundle: CaseBundle): Record<string, string> {
  const names: Record<string, string> = {};
  for (const t of bundle.tickets) names[t.id] = `ticket ${t.number ?? t.id} "${t.subject}"`;
  for (const c of bundle.changes) names[c.id] = `change "${c.title}" (${c.at.slice(0, 10)})`;
  for (const r of bundle.relatedEscalations)
    names[r.id] = `${r.accountName ?? r.accountId}'s escalation of ${r.openedAt.slice(0, 10)}`;
  for (const k of bundle.knowledge) names[k.id] = `finding "${k.title}"`;
  return names;
}

/** The view of one stored hypothesis. */
export function toView(record: HypothesisRecord, names: Record<string, string>): HypothesisView {
  const cited = [...record.hypothesis.evidence, ...record.hypothesis.against];
  return {
    escalationId: record.escalationId,
    hypothesisId: record.id,
    round: record.round,
    hypothesis: record.hypothesis,
    status: record.status,
    confirmedBy: record.confirmedBy,
    rejectedBy: record.rejectedBy,
    evidenceNames: Object.fromEntries(cited.filter((id) => names[id]).map((id) => [id, names[id]!])),
  };
}

/** The current view of one hypothesis (after a verdict, to redraw its card), or null when it is gone. */
export async function loadHypothesisView(
  hypothesisId: string,
  deps: Pick<WarRoomDeps, "db">,
): Promise<HypothesisView | null> {
  const record = await getHypothesis(deps.db, hypothesisId);
  if (!record) return null;
  const bundle = caseBundleSchema.parse(await latestEvidenceSnapshot(deps.db, record.escalationId));
  return toView(record, evidenceNames(bundle));
}
