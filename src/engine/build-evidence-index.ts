/**
 * Ranks every evidence item of a bundle by relevance to the escalation. The evidence engine reasons over
 * this index; a language-model engine can take `items.slice(0, n)` as a bounded evidence pack.
 */
import type { CaseBundle } from "../domain/case-bundle.ts";
import { buildProblemProfile, type ProblemProfile } from "./build-problem-profile.ts";
import { addKnowledge, prepareWorkset, type Workset } from "./prepare-workset.ts";
import { createItemSearch, normaliseByKind } from "./search-items.ts";
import { countTerms, tokenize } from "./tokenize-text.ts";
import type { EvidenceKind } from "./types.ts";

/** One bundle item with its relevance to the escalation. */
export interface RankedEvidence {
  readonly id: string;
  readonly kind: EvidenceKind;
  /** 0..1: BM25 relevance to the problem, relative to the best item of the same kind, plus episode boosts. */
  readonly relevance: number;
  /** ISO date-time of the item (ticket created, change made, escalation opened, knowledge validated). */
  readonly at?: string;
  readonly label: string;
}

/** The ranked evidence of one bundle plus what the ranking was based on. */
export interface EvidenceIndex {
  /** All items of the working set, most relevant first; ties broken by id for determinism. */
  readonly items: readonly RankedEvidence[];
  readonly relevance: ReadonlyMap<string, number>;
  /** Each ticket's BM25 relevance to the escalation summary alone, 0..1. */
  readonly summaryRelevance: ReadonlyMap<string, number>;
  readonly profile: ProblemProfile;
  readonly workset: Workset;
}

function rank(
  ws: Workset,
  profile: ProblemProfile,
  relevance: ReadonlyMap<string, number>,
): RankedEvidence[] {
  const focus = new Set(profile.focusIds);
  const prior = new Set(profile.priorIds);
  const out: RankedEvidence[] = [];
  for (const item of ws.items.values()) {
    // Episode tickets are the symptoms themselves; they lead any pack regardless of wording.
    const boost = focus.has(item.id) ? 1 : prior.has(item.id) ? 0.25 : 0;
    const rel = Math.min(1, (relevance.get(item.id) ?? 0) * 0.8 + boost * 0.5);
    out.push({
      id: item.id,
      kind: item.kind,
      relevance: Math.round(rel * 1000) / 1000,
      ...(Number.isFinite(item.at) ? { at: new Date(item.at).toISOString() } : {}),
      label: item.label,
    });
  }
  return out.sort((a, b) => b.relevance - a.relevance || a.id.localeCompare(b.id));
}

/**
 * Builds the evidence index of `bundle` (already validated with caseBundleSchema). Pure and
 * deterministic; bounded work even for very large accounts (see WORKSET_LIMITS).
 */
export function buildEvidenceIndex(bundle: CaseBundle): EvidenceIndex {
  const base = prepareWorkset(bundle);
  const search = createItemSearch(tokenize, (term) => base.df.get(term) ?? 0);
  search.add([...base.items.values()].filter((i) => i.kind === "ticket"));
  const summaryScores = normaliseByKind(search.score(countTerms(bundle.escalation.summary)), base.items);
  const profile = buildProblemProfile(base, summaryScores);
  const workset = addKnowledge(base, profile.terms);
  search.add([...workset.items.values()].filter((i) => i.kind !== "ticket"));
  const relevance = normaliseByKind(search.score(profile.terms), workset.items);
  return {
    items: rank(workset, profile, relevance),
    relevance,
    summaryRelevance: summaryScores,
    profile,
    workset,
  };
}
