/**
 * The product areas a finding is about: what the recurring-pattern count groups by. Read from the evidence
 * the confirmed hypothesis cites: its changes' product areas, and its tickets' and findings' tags that
 * name a product area known in the bundle; plus changes the resolver names.
 */
import type { CaseBundle } from "../domain/case-bundle.ts";

/** The product areas behind `evidence` (ids in `bundle`) and changes named in `text`. */
export function productAreasOf(bundle: CaseBundle, evidence: string[], text = ""): string[] {
  const cited = new Set(evidence);
  const known = new Set(
    [
      ...bundle.changes.map((c) => c.productArea),
      ...bundle.knowledge.flatMap((k) => k.tags ?? []),
      ...bundle.relatedEscalations.map((r) =>
        typeof r.productArea === "string" ? r.productArea : undefined,
      ),
    ].filter((a): a is string => !!a),
  );
  const areas = [
    ...bundle.changes.filter((c) => cited.has(c.id) || text.includes(c.title)).map((c) => c.productArea),
    ...bundle.tickets.filter((t) => cited.has(t.id)).flatMap((t) => t.tags ?? []),
    ...bundle.knowledge.filter((k) => cited.has(k.id)).flatMap((k) => k.tags ?? []),
  ].filter((a): a is string => !!a && known.has(a));
  return [...new Set(areas)];
}
