/**
 * Turns measured features into points: each feature's value times its weight from engine-weights.json,
 * the file scripts/fit-engine-weights.ts writes from the scenarios. A feature without a weight counts 0,
 * so a new feature changes nothing until the weights are refitted and reviewed.
 */
import fitted from "./engine-weights.json" with { type: "json" };
import type { Candidate, Feature, ScoredCandidate, WeightName } from "./types.ts";

/** Weights by feature name. */
export type Weights = Readonly<Partial<Record<WeightName, number>>>;

/**
 * The reviewed weights the engine runs with: the fitted ones, and the fixed ones the fit never touches
 * (war-room mechanics such as "the team rejected this", which scenarios cannot teach).
 */
export const ENGINE_WEIGHTS: Weights = { ...(fitted.weights as Weights), ...(fitted.fixed as Weights) };

/** Weights the fit leaves alone. */
export const FIXED_WEIGHTS: Weights = fitted.fixed as Weights;

/** A candidate's features with their points, and the sum. */
export function weighCandidate(candidate: Candidate, weights: Weights = ENGINE_WEIGHTS): ScoredCandidate {
  const features: Feature[] = candidate.features.map((f) => ({
    ...f,
    points: Math.round((weights[f.name] ?? 0) * f.value * 1000) / 1000,
  }));
  return { ...candidate, features, score: features.reduce((s, f) => s + f.points, 0) };
}
