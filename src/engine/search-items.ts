/**
 * BM25 ranking of evidence items with MiniSearch. Items are already tokenised and stemmed
 * (tokenize-text.ts), so MiniSearch indexes the stems as they are and the query carries per-term weights.
 */
import MiniSearch from "minisearch";
import type { EvidenceItem, EvidenceKind } from "./types.ts";

interface IndexedDoc {
  id: string;
  kind: EvidenceKind;
  label: string;
  body: string;
}

/** A BM25 index over evidence items. */
export interface ItemSearch {
  add(items: Iterable<EvidenceItem>): void;
  /** BM25 score of every item matching at least one weighted term, by id. */
  score(query: ReadonlyMap<string, number>, kinds?: readonly EvidenceKind[]): Map<string, number>;
}

const MAX_BODY_TERMS = 40;

function rarest(terms: Iterable<string>, df: (term: string) => number): string {
  const list = [...terms];
  return (
    list.length > MAX_BODY_TERMS ? list.sort((a, b) => df(a) - df(b)).slice(0, MAX_BODY_TERMS) : list
  ).join(" ");
}

/**
 * The indexed form of an item: its subject or title as the boosted field, all its terms as the body.
 * Each distinct term appears once and only the rarest MAX_BODY_TERMS are kept: long comment threads would
 * otherwise dominate indexing time while their common words add nothing to ranking.
 */
function toDoc(
  item: EvidenceItem,
  labelTerms: (text: string) => string[],
  df: (term: string) => number,
): IndexedDoc {
  return {
    id: item.id,
    kind: item.kind,
    label: labelTerms(item.label).join(" "),
    body: rarest(item.terms.keys(), df),
  };
}

/**
 * Creates an empty index; `labelTerms` tokenises labels the same way item terms were produced and `df`
 * gives each term's document frequency in the working set.
 */
export function createItemSearch(
  labelTerms: (text: string) => string[],
  df: (term: string) => number = () => 0,
): ItemSearch {
  const index = new MiniSearch<IndexedDoc>({
    fields: ["label", "body"],
    storeFields: ["kind"],
    tokenize: (text) => (text.length === 0 ? [] : text.split(" ")),
    processTerm: (term) => term,
    searchOptions: { boost: { label: 1.5 }, prefix: false, fuzzy: false },
  });
  return {
    add(items) {
      index.addAll([...items].map((item) => toDoc(item, labelTerms, df)));
    },
    score(query, kinds) {
      const terms = [...query.keys()];
      const out = new Map<string, number>();
      if (terms.length === 0) return out;
      const results = index.search(terms.join(" "), {
        boostTerm: (term) => Math.min(3, query.get(term) ?? 1),
        ...(kinds ? { filter: (r) => kinds.includes(r.kind as EvidenceKind) } : {}),
      });
      for (const r of results) out.set(String(r.id), r.score);
      return out;
    },
  };
}

/** Scores divided by the best score of the same kind, so each kind's best item scores 1. */
export function normaliseByKind(
  scores: ReadonlyMap<string, number>,
  items: ReadonlyMap<string, EvidenceItem>,
): Map<string, number> {
  const best = new Map<EvidenceKind, number>();
  for (const [id, s] of scores) {
    const kind = items.get(id)?.kind;
    if (kind) best.set(kind, Math.max(best.get(kind) ?? 0, s));
  }
  const out = new Map<string, number>();
  for (const [id, s] of scores) {
    const kind = items.get(id)?.kind;
    const max = kind ? (best.get(kind) ?? 0) : 0;
    out.set(id, max > 0 ? s / max : 0);
  }
  return out;
}
