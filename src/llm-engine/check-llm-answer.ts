/**
 * Turns a model's answer into a contract-valid analysis, trusting nothing: ids not in the bundle are
 * removed (a hypothesis left with none is dropped), categories are re-validated, likelihoods normalised
 * (clamped, non-increasing, summing to at most 1), counts bounded. What was removed is reported.
 */
import type { RootCauseAnswer } from "../../prompts/root-cause.schema.ts";
import type { Analysis, Hypothesis } from "../domain/analysis.ts";
import type { CaseBundle } from "../domain/case-bundle.ts";
import { isCategory } from "../domain/categories.ts";

/** The checked analysis and what the check had to remove. */
export interface CheckedAnswer {
  analysis: Analysis;
  /** Ids the model cited that are not in the bundle. */
  unknownIds: string[];
  /** Hypotheses dropped for having no valid evidence or an invalid category. */
  droppedHypotheses: number;
}

function evidenceIds(bundle: CaseBundle): Set<string> {
  return new Set(
    [bundle.tickets, bundle.changes, bundle.relatedEscalations, bundle.knowledge].flat().map((x) => x.id),
  );
}

function normaliseLikelihoods(values: number[]): number[] {
  const clamped = values.map((v) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0));
  // Non-increasing down the ranking: a later hypothesis never claims more than an earlier one.
  for (let i = 1; i < clamped.length; i++) clamped[i] = Math.min(clamped[i] ?? 0, clamped[i - 1] ?? 0);
  const sum = clamped.reduce((a, b) => a + b, 0);
  const scaled = sum > 1 ? clamped.map((v) => v / sum) : clamped;
  return scaled.map((v) => Math.floor(v * 1000) / 1000);
}

/** Checks and repairs `answer` against `bundle`; throws when nothing valid is left. */
export function checkLlmAnswer(answer: RootCauseAnswer, bundle: CaseBundle, engine: string): CheckedAnswer {
  const known = evidenceIds(bundle);
  const related = new Set(bundle.relatedEscalations.map((r) => r.id));
  const unknownIds = new Set<string>();
  const keep = (ids: string[]) =>
    [...new Set(ids.map((id) => id.trim()))].filter((id) => {
      if (known.has(id)) return true;
      unknownIds.add(id);
      return false;
    });

  const candidates = answer.hypotheses
    .filter((h) => isCategory(h.category))
    .map((h) => ({ ...h, evidence: keep(h.evidence).slice(0, 6), against: keep(h.against) }))
    .filter((h) => h.evidence.length > 0)
    .map((h) => ({
      ...h,
      checks: h.checks
        .map((c) => c.trim())
        .filter(Boolean)
        .slice(0, 5),
    }))
    .filter((h) => h.checks.length > 0)
    .sort((a, b) => b.likelihood - a.likelihood)
    .slice(0, 5);
  if (candidates.length === 0)
    throw new Error("no hypothesis in the answer cites evidence that exists in the bundle");

  const likelihoods = normaliseLikelihoods(candidates.map((h) => h.likelihood));
  const hypotheses: Hypothesis[] = candidates.map((h, i) => ({
    rank: i + 1,
    title: h.title.trim() || `${h.category} hypothesis`,
    category: h.category,
    likelihood: likelihoods[i] ?? 0,
    evidence: h.evidence,
    against: h.against,
    rationale: h.rationale.trim(),
    checks: h.checks,
  }));
  const relatedCited = answer.pattern.relatedEscalations.filter((id) => related.has(id));
  return {
    analysis: {
      escalationId: bundle.escalation.id,
      engine,
      hypotheses,
      pattern: {
        verdict: answer.pattern.verdict,
        relatedEscalations: relatedCited,
        sharedAttributes: answer.pattern.sharedAttributes,
      },
      timeline: answer.timeline
        .filter((t) => !Number.isNaN(Date.parse(t.at)))
        .map((t) => ({
          at: t.at,
          note: t.note,
          ...(t.evidence && known.has(t.evidence) ? { evidence: t.evidence } : {}),
        })),
      talkingPoints: answer.talkingPoints,
      preventiveMeasures: answer.preventiveMeasures,
    },
    unknownIds: [...unknownIds],
    droppedHypotheses: answer.hypotheses.length - hypotheses.length,
  };
}
