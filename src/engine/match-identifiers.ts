/**
 * How exactly a change names the strings the symptoms are written in: the error codes, API paths, field
 * names and messages of the episode's tickets and comments, whether or not the summary repeats them. A
 * string many changes name (a product or vendor name) says little about which of them is the cause; one
 * that only this change names says a lot, so each hit is weighted by how few changes share it.
 */
import type { AnalysisContext } from "./build-context.ts";
import { type Identifier, identifierWords } from "./extract-identifiers.ts";
import { stemWord } from "./tokenize-text.ts";
import type { EvidenceItem, FeatureValue } from "./types.ts";

/** How many changes may name a string before it stops counting fully as distinctive. */
const DISTINCTIVE_SPREAD = 2;
const MAX_VALUE = 3;

/** Points for `item` naming `identifier`: exact containment, a status code, or all of its words. */
export function identifierMatch(item: EvidenceItem, identifier: Identifier): number {
  if (identifier.kind === "status") {
    const code = identifier.key.slice(identifier.key.indexOf(" ") + 1);
    return new RegExp(`\\b${code}\\b`).test(item.lower) ? 1 : 0;
  }
  if (/^[a-z]{2,}-?\d{3,}$/i.test(identifier.text)) return 0;
  if (item.lower.includes(identifier.key)) return 1.5;
  const words = identifierWords(identifier).map(stemWord);
  return words.length >= 2 && words.every((w) => item.terms.has(w)) ? 0.75 : 0;
}

const spreads = new WeakMap<AnalysisContext, Map<string, number>>();

/** How many changes of the working set name each of the problem's identifiers; computed once per analysis. */
function spreadOf(ctx: AnalysisContext): Map<string, number> {
  const cached = spreads.get(ctx);
  if (cached) return cached;
  const out = new Map<string, number>();
  for (const identifier of ctx.profile.identifiers) {
    let n = 0;
    for (const change of ctx.ws.changes) {
      const item = ctx.ws.items.get(change.id);
      if (item && identifierMatch(item, identifier) > 0) n++;
    }
    out.set(identifier.key, n);
  }
  spreads.set(ctx, out);
  return out;
}

/** 1 for a string at most DISTINCTIVE_SPREAD changes name, falling with the square root of the rest. */
function rarity(spread: number): number {
  return spread <= DISTINCTIVE_SPREAD ? 1 : Math.sqrt(DISTINCTIVE_SPREAD / spread);
}

/** The identifiers feature of a change candidate, or undefined when it names none of them. */
export function identifierFeature(ctx: AnalysisContext, item: EvidenceItem): FeatureValue | undefined {
  const spread = spreadOf(ctx);
  const hits = ctx.profile.identifiers
    .map((i) => ({ i, points: identifierMatch(item, i) * rarity(spread.get(i.key) ?? 1) }))
    .filter((h) => h.points > 0);
  if (hits.length === 0) return undefined;
  const value = Math.min(
    MAX_VALUE,
    hits.reduce((s, h) => s + h.points, 0),
  );
  const shared = hits.filter((h) => (spread.get(h.i.key) ?? 1) > DISTINCTIVE_SPREAD).map((h) => h.i.text);
  const note = `names ${hits.map((h) => `'${h.i.text}'`).join(", ")} from the tickets`;
  return {
    name: "change.identifiers",
    value,
    note:
      shared.length > 0 ? `${note} (${shared.map((s) => `'${s}'`).join(", ")} also in other changes)` : note,
  };
}
