/**
 * Knowledge gaps for people: the digest's section and `warroom knowledge gaps`. One line per gap (what
 * recurs, where, how often, the suggested title), then the facts for its author, indented beneath it.
 */
import { categoryLabel } from "../domain/labels.ts";
import type { KnowledgeGap } from "./query-knowledge-gaps.ts";

/** The gap's headline: category, area, count, accounts and the suggested title. */
export function describeGap(g: KnowledgeGap): string {
  const where = g.productArea ? ` in ${g.productArea}` : "";
  const accounts = g.accounts.length === 1 ? "1 account" : `${g.accounts.length} accounts`;
  return `${categoryLabel(g.category)}${where}: ${g.escalations.length} escalations at ${accounts} without a usable article. Suggested article: "${g.suggestedTitle}"`;
}

/**
 * The digest's lines: each gap's headline, then up to `facts` of its facts as lines of their own ("↳ …"),
 * so every renderer (Slack section, Teams card, Markdown) fits them without cutting a gap in half.
 */
export function digestGapLines(gaps: KnowledgeGap[], facts = 2): string[] {
  // Each fact at most 300 characters: three gaps with two facts stay within a Slack section's 3,000.
  const short = (f: string) => (f.length > 300 ? `${f.slice(0, 299).replace(/\s+\S*$/, "")}…` : f);
  return gaps.flatMap((g) => [describeGap(g), ...g.facts.slice(0, facts).map((f) => `↳ ${short(f)}`)]);
}

/** `warroom knowledge gaps` as Markdown. */
export function renderKnowledgeGapsMarkdown(gaps: KnowledgeGap[], since: Date, until: Date): string {
  // `until` is exclusive: the span names the last day it covers.
  const last = new Date(until.getTime() - 1);
  const span = `${since.toISOString().slice(0, 10)} to ${last.toISOString().slice(0, 10)}`;
  if (gaps.length === 0)
    return `# Knowledge gaps (${span})\n\nNone: no root cause recurred without a usable article.\n`;
  const lines = gaps.flatMap((g) => [`- ${describeGap(g)}`, ...g.facts.map((f) => `  - ${f}`)]);
  return [`# Knowledge gaps (${span})`, "", ...lines, ""].join("\n");
}
