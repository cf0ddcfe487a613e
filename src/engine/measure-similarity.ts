/**
 * Absolute (0..1) similarity between term bags, weighted by inverse document frequency so shared rare
 * words ("Relaycom", "replenishment") count far more than shared common ones ("error", "customer").
 * BM25 (build-evidence-index.ts) ranks items against each other; these measures answer "how much of this
 * item is about the problem", which has to be comparable across items of different kinds.
 */

/** Document frequencies over the working set. */
export interface TermStats {
  readonly df: ReadonlyMap<string, number>;
  readonly docCount: number;
  /** Memo of computed idf values; similarity is computed many times over the same terms. */
  readonly idfCache?: Map<string, number>;
}

/** BM25's inverse document frequency; always positive, high for rare terms. */
export function idf(stats: TermStats, term: string): number {
  const cached = stats.idfCache?.get(term);
  if (cached !== undefined) return cached;
  const n = stats.df.get(term) ?? 0;
  const value = Math.log(1 + (stats.docCount - n + 0.5) / (n + 0.5));
  stats.idfCache?.set(term, value);
  return value;
}

/**
 * Share of `item`'s idf mass found in `reference`, with reference weights capped at 1 so a term the
 * problem mentions once counts less than one it keeps repeating.
 */
export function coverage(
  stats: TermStats,
  item: ReadonlyMap<string, number>,
  reference: ReadonlyMap<string, number>,
): number {
  let total = 0;
  let shared = 0;
  for (const term of item.keys()) {
    const w = idf(stats, term);
    total += w;
    const ref = reference.get(term);
    if (ref !== undefined) shared += w * Math.min(1, ref);
  }
  return total === 0 ? 0 : shared / total;
}

/** Symmetric idf-weighted Dice overlap of two term sets. */
export function overlap(
  stats: TermStats,
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): number {
  let sumA = 0;
  let sumB = 0;
  let shared = 0;
  for (const term of a.keys()) {
    const w = idf(stats, term);
    sumA += w;
    if (b.has(term)) shared += w;
  }
  for (const term of b.keys()) sumB += idf(stats, term);
  return sumA + sumB === 0 ? 0 : (2 * shared) / (sumA + sumB);
}

/** The terms two bags share, rarest first: the words a rationale can quote. */
export function sharedTerms(
  stats: TermStats,
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  limit = 5,
): string[] {
  return [...a.keys()]
    .filter((t) => b.has(t))
    .sort((x, y) => idf(stats, y) - idf(stats, x) || x.localeCompare(y))
    .slice(0, limit);
}
