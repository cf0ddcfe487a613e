/**
 * Internal shapes of the evidence engine. The public contract (CaseBundle in, Analysis out) lives in
 * src/domain; these types only travel between the engine's own steps.
 */
import type { Category } from "../domain/categories.ts";
import type { CATEGORY_PRIOR_PREFIX, FeatureName } from "./engine-features.ts";
import type { Identifier } from "./extract-identifiers.ts";

/** Which array of the bundle an evidence id comes from. */
export type EvidenceKind = "ticket" | "change" | "related" | "knowledge";

/** One bundle item, tokenised once and shared by every later step. */
export interface EvidenceItem {
  readonly id: string;
  readonly kind: EvidenceKind;
  /** When it happened, epoch ms: ticket created, change made, escalation opened, knowledge validated. */
  readonly at: number;
  /** Subject, title or summary: what a person would call it. */
  readonly label: string;
  /** The whole text, lower-cased, for phrase and identifier containment. */
  readonly lower: string;
  /** Stemmed term counts of the whole text. */
  readonly terms: ReadonlyMap<string, number>;
  /**
   * Stemmed terms of the "what happened" part: ticket subject and description, change title and
   * description, related summary, knowledge title and symptoms.
   */
  readonly headTerms: ReadonlyMap<string, number>;
  readonly identifiers: readonly Identifier[];
}

/** A hypothesis someone already rejected; the engine neither repeats it nor leans on its evidence. */
export interface ExcludedHypothesis {
  readonly category: Category;
  readonly evidence: readonly string[];
}

/** The name of a weight: a feature, or the prior of one category. */
export type WeightName = FeatureName | `${typeof CATEGORY_PRIOR_PREFIX}${Category}`;

/** One measured feature of a candidate, before weighting. */
export interface FeatureValue {
  readonly name: WeightName;
  /** The measurement, on the scale engine-features.ts describes (mostly 0..1). */
  readonly value: number;
  /** Human-readable reason, citing ids, used in rationales. */
  readonly note: string;
  /** Ids this feature leans on (supporting evidence). */
  readonly evidence?: readonly string[];
  /** Ids this feature says weaken the candidate. */
  readonly against?: readonly string[];
}

/** One explainable contribution to a candidate's score: a feature times its fitted weight. */
export interface Feature extends FeatureValue {
  /** Points added to (or, negative, taken from) the candidate's score. */
  readonly points: number;
}

/** A possible root cause before ranking: a causal item, a category and the features that score it. */
export interface Candidate {
  /** The causal item: a change for technical causes, a ticket for journey and process causes. */
  readonly causalId: string;
  readonly category: Category;
  /** Where the candidate came from, for wording titles and checks. */
  readonly origin: "change" | "journey";
  readonly features: readonly FeatureValue[];
  /** Supporting ids in the order they should be cited after the causal item. */
  readonly support: string[];
  readonly against: string[];
}

/** A candidate with its weighted features and their sum. */
export interface ScoredCandidate extends Omit<Candidate, "features"> {
  readonly features: readonly Feature[];
  readonly score: number;
}
