/**
 * Whether the knowledge base held a usable article for an escalation, decided in two steps.
 *
 * 1. When the war-room opens, the articles that match it are recorded: among the articles the knowledge
 *    base held then (for imported history, those validated before the escalation opened), ranked as the
 *    engine ranks them (rank-knowledge.ts), the best three that speak to at least 10% of the idf-weighted
 *    words of the escalation's summary.
 * 2. When the finding is recorded, the knowledge base held a *usable* article if one of those matches names
 *    the root-cause category the finding validated. Otherwise the finding "needs an article": people met
 *    this cause without a write-up of it at hand.
 *
 * The 10% floor was read off the bundled sample: below it the best "match" shares only common words with
 * the summary; above it, the article that names the validated cause is usually among the top three.
 */

import type { KnowledgeItem, Ticket } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";
import { scoreKnowledge } from "./rank-knowledge.ts";

/** The least share of the summary an article must speak to to count as a match. */
export const MATCH_MIN_COVERAGE = 0.1;
/** How many matches are kept (the engine's and people's first reading). */
export const MATCHES_KEPT = 3;

/** An article that matched an escalation when its war-room opened. */
export interface KnowledgeMatch {
  id: string;
  title: string;
  category: Category;
  /** Share of the summary's idf-weighted words it speaks to, to three decimals. */
  coverage: number;
}

/** The articles of `items` matching the escalation (validated by `at` when given), best first. */
export function matchKnowledge(
  items: KnowledgeItem[],
  query: { summary: string; tickets?: Ticket[] },
  at?: Date,
): KnowledgeMatch[] {
  const day = at?.toISOString().slice(0, 10);
  const held = day ? items.filter((k) => !k.validatedAt || k.validatedAt.slice(0, 10) <= day) : items;
  return scoreKnowledge(held, { summary: query.summary, tickets: query.tickets ?? [] })
    .filter((s) => s.summaryCoverage >= MATCH_MIN_COVERAGE)
    .slice(0, MATCHES_KEPT)
    .map((s) => ({
      id: s.item.id,
      title: s.item.title,
      category: s.item.category,
      coverage: Math.round(s.summaryCoverage * 1000) / 1000,
    }));
}

/** True when no match names `category`; null when matches were never recorded (unknown). */
export function needsArticle(matches: KnowledgeMatch[] | null, category: string): boolean | null {
  if (matches === null) return null;
  return !matches.some((m) => m.category === category);
}
