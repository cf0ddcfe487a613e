/**
 * Gathers what a knowledge-base entry shows about a resolved escalation: the finding as the team wrote it,
 * the evidence behind the confirmed hypothesis, the timeline, the hypotheses ruled out on the way, and the
 * war-room's follow-up tasks.
 * Everything comes from the database, so a retried write produces the same document.
 */
import { caseBundleSchema } from "../domain/case-bundle.ts";
import { CATEGORY_INFO } from "../domain/categories.ts";
import type { FindingDocument, RejectedHypothesis } from "../ports/knowledge-base.ts";
import type { Sql } from "../storage/database.ts";
import { getEscalation, listTimelineEvents } from "../storage/escalation-store.ts";
import { type FindingRecord, getFinding } from "../storage/finding-store.ts";
import { getAnalysis, type HypothesisRecord, listHypotheses } from "../storage/hypothesis-store.ts";
import { listTasks } from "../storage/task-store.ts";
import { getWarRoom, latestEvidenceSnapshot } from "../storage/war-room-store.ts";
import { evidenceNames } from "./hypothesis-views.ts";

const MILESTONES: Record<string, string> = {
  requested: "Escalation opened",
  "room-created": "War-room created",
  resolved: "Root cause confirmed and resolution recorded",
  reopened: "Reopened",
  closed: "Closed",
};

/**
 * What the resolver wrote about each rejected hypothesis: the line of the form's notes that starts with its
 * title and a colon ("- Usage outgrew the plan limit: the limit was raised in May"). Titles often hold a
 * colon themselves, so each line goes to the longest known title it starts with, never split blindly.
 */
function notesByTitle(notes: unknown, titles: string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof notes !== "string") return found;
  const longestFirst = [...titles].sort((a, b) => b.length - a.length);
  for (const raw of notes.split("\n")) {
    const line = raw.trim().replace(/^[-•]\s*/, "");
    const title = longestFirst.find((t) => line.startsWith(t));
    const rest = title
      ? line
          .slice(title.length)
          .replace(/^\s*[:—-]\s*/, "")
          .trim()
      : "";
    if (title && rest && !found.has(title)) found.set(title, rest);
  }
  return found;
}

function rejectedOf(hypotheses: HypothesisRecord[], finding: FindingRecord): RejectedHypothesis[] {
  const rejected = hypotheses.filter((h) => h.status === "rejected");
  const why = notesByTitle(
    finding.metadata.rejectedNotes,
    rejected.map((h) => h.hypothesis.title),
  );
  return rejected.map((h) => ({
    title: h.hypothesis.title,
    category: h.hypothesis.category,
    rejectedBy: h.rejectedBy,
    why: why.get(h.hypothesis.title) ?? null,
  }));
}

const text = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The document of an escalation's finding, or null when it has none. */
export async function buildFindingDocument(sql: Sql, escalationId: string): Promise<FindingDocument | null> {
  const finding = await getFinding(sql, escalationId);
  const escalation = await getEscalation(sql, escalationId);
  if (!finding || !escalation) return null;
  const [warRoom, hypotheses, snapshot, events, tasks] = await Promise.all([
    getWarRoom(sql, escalationId),
    listHypotheses(sql, escalationId),
    latestEvidenceSnapshot(sql, escalationId),
    listTimelineEvents(sql, escalationId),
    listTasks(sql, escalationId),
  ]);
  const confirmed = hypotheses.find((h) => h.id === String(finding.metadata.hypothesisId));
  const analysis = confirmed ? await getAnalysis(sql, escalationId, confirmed.round) : null;
  const names = snapshot ? evidenceNames(caseBundleSchema.parse(snapshot)) : {};
  const m = finding.metadata;
  const timeline = [
    ...(analysis?.timeline ?? []).map((t) => ({ at: t.at, note: t.note })),
    ...events
      .filter((e) => MILESTONES[e.kind])
      .map((e) => ({ at: new Date(e.at).toISOString(), note: MILESTONES[e.kind] as string })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    escalationId,
    title: finding.title,
    category: finding.category,
    dimension: CATEGORY_INFO[finding.category].dimension,
    preventableBy: CATEGORY_INFO[finding.category].preventableBy,
    summary: escalation.summary,
    account: {
      id: escalation.accountId,
      name: escalation.accountName,
      segment: text(m.segment),
      industry: text(m.industry),
      arr: num(m.arr),
      lifecycleMonth: num(m.lifecycleMonth),
    },
    productAreas: Array.isArray(m.productAreas) ? m.productAreas.map(String) : [],
    openedAt: escalation.openedAt.toISOString(),
    resolvedAt: escalation.resolvedAt?.toISOString() ?? text(m.resolvedAt),
    warRoomUrl: warRoom?.room.url ?? null,
    confirmedBy: finding.confirmedBy,
    rootCause: finding.rootCause,
    evidence: (confirmed?.hypothesis.evidence ?? []).map((id) => ({ id, name: names[id] ?? id })),
    contributingFactors: finding.contributingFactors,
    resolution: finding.resolution,
    prevention: finding.prevention,
    needsArticle: finding.needsArticle ?? null,
    timeline,
    rejected: rejectedOf(hypotheses, finding),
    followUps: tasks.map((t) => ({
      number: t.number,
      owner: t.owner,
      text: t.text,
      due: t.due,
      done: t.status === "done",
    })),
  };
}
