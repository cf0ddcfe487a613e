/**
 * Turns scored candidates into the ranked shortlist: rejected hypotheses are dropped, each causal item
 * appears once, scores become likelihoods with a softmax that keeps some mass for "none of these", and
 * every cited id is checked against the bundle.
 */
import { ENGINE_WEIGHTS, type Weights, weighCandidate } from "./apply-weights.ts";
import type { Candidate, ExcludedHypothesis, ScoredCandidate } from "./types.ts";

/** Softmax temperature: about two points of score is a factor e in odds. */
const TEMPERATURE = 2;
/** Score of the implicit "something not in the bundle" alternative. */
const UNKNOWN_SCORE = 3;
export const MAX_EVIDENCE = 6;

/** Ids a candidate would cite, causal item first, de-duplicated, only ids in `known`. */
export function citedIds(candidate: Candidate, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const id of [candidate.causalId, ...candidate.support]) {
    if (known.has(id) && !out.includes(id)) out.push(id);
    if (out.length === MAX_EVIDENCE) break;
  }
  return out;
}

/** True when `candidate` restates a hypothesis the war-room rejected. */
export function isExcluded(
  candidate: Candidate,
  exclude: readonly ExcludedHypothesis[],
  known: ReadonlySet<string>,
): boolean {
  const lead = citedIds(candidate, known).slice(0, 3);
  return exclude.some(
    (h) =>
      h.category === candidate.category &&
      (h.evidence.length === 0 ||
        h.evidence.includes(candidate.causalId) ||
        lead.some((id) => h.evidence.includes(id))),
  );
}

/** Candidates sorted best first, excluded ones removed, one per causal item. */
export function rankCandidates(
  candidates: readonly Candidate[],
  exclude: readonly ExcludedHypothesis[],
  known: ReadonlySet<string>,
  weights: Weights = ENGINE_WEIGHTS,
): ScoredCandidate[] {
  const scored = candidates
    .filter((c) => !isExcluded(c, exclude, known))
    .map((c) => weighCandidate(c, weights))
    .sort(
      (a, b) =>
        b.score - a.score || a.causalId.localeCompare(b.causalId) || a.category.localeCompare(b.category),
    );
  const seen = new Set<string>();
  return scored.filter((c) => {
    if (seen.has(c.causalId)) return false;
    seen.add(c.causalId);
    return true;
  });
}

/**
 * Likelihoods for the ranked candidates: non-increasing, summing to at most 1 (the unknown alternative
 * and the candidates beyond the shortlist keep the rest), rounded down to three decimals.
 */
export function toLikelihoods(ranked: readonly ScoredCandidate[]): number[] {
  const best = ranked[0]?.score ?? 0;
  const top = Math.max(best, UNKNOWN_SCORE);
  const weights = ranked.map((c) => Math.exp((c.score - top) / TEMPERATURE));
  const total = weights.reduce((s, w) => s + w, 0) + Math.exp((UNKNOWN_SCORE - top) / TEMPERATURE);
  return weights.map((w) => Math.floor((w / total) * 1000) / 1000);
}
