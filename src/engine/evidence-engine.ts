/**
 * The evidence engine: an offline, deterministic root-cause analysis of one case bundle. It reads the
 * timeline around the first symptom, matches changes, knowledge and other accounts' escalations against
 * the problem, scores every candidate cause with explainable features and ranks them.
 */
import type { Analysis, Hypothesis } from "../domain/analysis.ts";
import type { CaseBundle } from "../domain/case-bundle.ts";
import { CATEGORIES } from "../domain/categories.ts";
import { InputError } from "../errors.ts";
import { buildContext } from "./build-context.ts";
import { buildEvidenceIndex, type EvidenceIndex } from "./build-evidence-index.ts";
import { buildTimeline } from "./build-timeline.ts";
import { detectPattern } from "./detect-pattern.ts";
import { CATEGORY_PRIOR_PREFIX } from "./engine-features.ts";
import { citedIds, rankCandidates, toLikelihoods } from "./rank-hypotheses.ts";
import { scoreChangeCandidates } from "./score-change-candidates.ts";
import { scoreJourneyCandidates } from "./score-journey-candidates.ts";
import type { Candidate, ExcludedHypothesis, ScoredCandidate } from "./types.ts";
import { writeChecks } from "./write-checks.ts";
import {
  writePreventiveMeasures,
  writeRationale,
  writeTalkingPoints,
  writeTitle,
} from "./write-narrative.ts";

export type { ExcludedHypothesis } from "./types.ts";

/** Options of one analysis run. */
export interface EvidenceEngineOptions {
  /** How many hypotheses to return, 1..5 (default 5). */
  readonly maxHypotheses?: number;
  /** Hypotheses the war-room already rejected: never proposed again, their evidence counts less. */
  readonly exclude?: readonly ExcludedHypothesis[];
}

/**
 * When nothing in the bundle looks like a cause (no changes, no telling ticket trail), the most relevant
 * item is offered under each category in turn, so a re-run after rejections still has something to say.
 */
function fallbackCandidates(index: EvidenceIndex): Candidate[] {
  const lead = index.items[0];
  if (!lead) return [];
  return CATEGORIES.map((category) => ({
    causalId: lead.id,
    category,
    origin: "journey" as const,
    features: [
      {
        name: `${CATEGORY_PRIOR_PREFIX}${category}` as const,
        value: 0,
        note: `${lead.id} is the item closest to the escalation; no candidate cause stood out`,
      },
    ],
    support: index.items.slice(1, 3).map((i) => i.id),
    against: [],
  }));
}

function againstIds(h: ScoredCandidate, evidence: readonly string[], known: ReadonlySet<string>): string[] {
  return [...new Set(h.against)].filter((id) => known.has(id) && !evidence.includes(id)).slice(0, 6);
}

/**
 * Analyses `bundle` (validated with caseBundleSchema) and returns ranked root-cause hypotheses, the
 * pattern verdict, a timeline, talking points and preventive measures. Pure and deterministic.
 */
/** Every candidate cause of one bundle with its features, before weighting and ranking (also used to fit weights). */
export function collectCandidates(bundle: CaseBundle, exclude: readonly ExcludedHypothesis[] = []) {
  const index = buildEvidenceIndex(bundle);
  const known = new Set(index.workset.items.keys());
  const ctx = buildContext(index, exclude);
  const candidates = [...scoreChangeCandidates(ctx), ...scoreJourneyCandidates(ctx)];
  return { index, known, ctx, candidates };
}

export function analyzeWithEvidence(bundle: CaseBundle, options: EvidenceEngineOptions = {}): Analysis {
  const { tickets, changes, relatedEscalations, knowledge } = bundle;
  if (tickets.length + changes.length + relatedEscalations.length + knowledge.length === 0) {
    throw new InputError(
      "the case bundle has no tickets, changes, related escalations or knowledge items: the evidence engine needs at least one item to cite",
    );
  }
  const exclude = options.exclude ?? [];
  const max = Math.min(5, Math.max(1, Math.floor(options.maxHypotheses ?? 5)));
  // Every candidate and citation comes from the working set, which only holds bundle items.
  const { index, known, ctx, candidates } = collectCandidates(bundle, exclude);
  let ranked = rankCandidates(candidates, exclude, known);
  if (ranked.length === 0) ranked = rankCandidates(fallbackCandidates(index), exclude, known);
  const shortlist = ranked.slice(0, max);
  const likelihoods = toLikelihoods(ranked);
  const hypotheses: Hypothesis[] = shortlist.map((h, i) => {
    const evidence = citedIds(h, known);
    return {
      rank: i + 1,
      title: writeTitle(ctx, h, likelihoods[i] ?? 0),
      category: h.category,
      likelihood: likelihoods[i] ?? 0,
      evidence,
      against: againstIds(h, evidence, known),
      rationale: writeRationale(h),
      checks: writeChecks(ctx, h),
    };
  });
  const cited = new Set(hypotheses.flatMap((h) => h.evidence));
  const pattern = detectPattern(ctx, shortlist[0], hypotheses[0]?.evidence ?? []);
  return {
    escalationId: bundle.escalation.id,
    engine: "evidence",
    hypotheses,
    pattern,
    timeline: buildTimeline(ctx, shortlist, cited, pattern.relatedEscalations),
    talkingPoints: writeTalkingPoints(ctx, ranked, hypotheses, pattern),
    preventiveMeasures: writePreventiveMeasures(shortlist[0]),
  };
}
