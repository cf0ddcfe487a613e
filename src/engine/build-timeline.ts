/**
 * The dated story of the escalation: what changed before the first symptom, when the symptoms began and
 * were reported, what changed only afterwards, and who else escalated.
 */
import type { TimelineEntry } from "../domain/analysis.ts";
import type { AnalysisContext } from "./build-context.ts";
import { toTime } from "./prepare-workset.ts";
import type { ScoredCandidate } from "./types.ts";

const DAY = 86_400_000;
const MAX_ENTRIES = 16;

function iso(at: number): string {
  return new Date(at).toISOString();
}

function changeEntries(ctx: AnalysisContext, hypothesised: ReadonlySet<string>): TimelineEntry[] {
  const onset = ctx.profile.onset;
  return ctx.ws.changes
    .filter((c) => hypothesised.has(c.id) || Math.abs(toTime(c.at) - onset) <= 14 * DAY)
    .filter((c) => toTime(c.at) <= ctx.ws.openedAt)
    .map((c) => {
      const after = toTime(c.at) > onset + 3_600_000;
      const when = after ? "after the first symptom" : "before the first symptom";
      return { at: iso(toTime(c.at)), evidence: c.id, note: `${c.title} (${c.source}, ${c.scope}); ${when}` };
    });
}

function ticketEntries(ctx: AnalysisContext, cited: ReadonlySet<string>): TimelineEntry[] {
  return ctx.ws.tickets
    .filter((t) => ctx.focus.has(t.id) || cited.has(t.id))
    .map((t) => {
      const role = ctx.focus.has(t.id) ? "reported" : "earlier contact";
      return {
        at: iso(toTime(t.createdAt)),
        evidence: t.id,
        note: `Ticket ${t.number ?? t.id} ${role}: ${t.subject}`,
      };
    });
}

function onsetEntry(ctx: AnalysisContext): TimelineEntry {
  const m = ctx.profile.onsetMention;
  const note = m
    ? `First symptom ("${m.phrase}" in ${m.evidenceId ?? "the summary"})`
    : "First symptom reported";
  return {
    at: iso(ctx.profile.onset),
    ...(ctx.profile.onsetEvidence ? { evidence: ctx.profile.onsetEvidence } : {}),
    note,
  };
}

/** Dated entries, oldest first, each citing the evidence id it is about. */
export function buildTimeline(
  ctx: AnalysisContext,
  hypotheses: readonly ScoredCandidate[],
  cited: ReadonlySet<string>,
  patternIds: readonly string[],
): TimelineEntry[] {
  const hypothesised = new Set(hypotheses.map((h) => h.causalId));
  const related = ctx.ws.related
    .filter((r) => patternIds.includes(r.id))
    .map((r) => ({
      at: iso(toTime(r.openedAt)),
      evidence: r.id,
      note: `${r.accountName ?? r.accountId} escalated: ${r.summary}`,
    }));
  const entries = [
    ...changeEntries(ctx, hypothesised),
    onsetEntry(ctx),
    ...ticketEntries(ctx, cited),
    ...related,
    { at: iso(ctx.ws.openedAt), note: `Escalation ${ctx.ws.bundle.escalation.id} opened` },
  ];
  const seen = new Set<string>();
  return entries
    .filter((e) => {
      const key = `${e.at}|${e.evidence ?? ""}|${e.note}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.at.localeCompare(b.at) || (a.evidence ?? "").localeCompare(b.evidence ?? ""))
    .slice(-MAX_ENTRIES);
}
