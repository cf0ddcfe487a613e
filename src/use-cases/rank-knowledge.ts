/**
 * Orders validated findings by how much they resemble this escalation (its summary, the account's recent
 * tickets, product areas), most similar first, so the engine and the LLM read the relevant ones first and a
 * knowledge base of thousands of findings does not flood the bundle.
 */
import type { KnowledgeItem, Ticket } from "../domain/case-bundle.ts";
import { coverage, type TermStats } from "../engine/measure-similarity.ts";
import { countTerms } from "../engine/tokenize-text.ts";

/** What the findings are compared with. */
export interface KnowledgeQuery {
  summary: string;
  /** The account's recent tickets: their subjects say what the problem looks like from the inside. */
  tickets: Ticket[];
}

function itemText(k: KnowledgeItem): string {
  return [k.title, k.symptoms, k.rootCause, k.tags?.join(" ")].filter(Boolean).join("\n");
}

/** A finding with how well it matches the query. */
export interface ScoredKnowledge {
  item: KnowledgeItem;
  /** Share of the summary's idf-weighted terms the finding speaks to (0..1). */
  summaryCoverage: number;
  /** The ranking score: summary coverage plus half the ticket subjects' coverage. */
  score: number;
}

/** Every finding scored against the query, best first; ties keep the newest first. */
export function scoreKnowledge(items: KnowledgeItem[], query: KnowledgeQuery): ScoredKnowledge[] {
  if (items.length === 0) return [];
  const bags = items.map((k) => countTerms(itemText(k)));
  const df = new Map<string, number>();
  for (const bag of bags) for (const term of bag.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const stats: TermStats = { df, docCount: bags.length, idfCache: new Map() };
  const summary = countTerms(query.summary);
  const tickets = countTerms(query.tickets.map((t) => t.subject).join("\n"));
  const scored = items.map((item, index) => {
    const bag = bags[index] ?? new Map<string, number>();
    // How much of the summary the finding speaks to (rare words weigh most); ticket subjects add context
    // at half weight.
    const summaryCoverage = coverage(stats, summary, bag);
    return { item, index, summaryCoverage, score: summaryCoverage + 0.5 * coverage(stats, tickets, bag) };
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (b.item.validatedAt ?? "").localeCompare(a.item.validatedAt ?? "") ||
      a.index - b.index,
  );
  return scored.map(({ item, summaryCoverage, score }) => ({ item, summaryCoverage, score }));
}

/** The `limit` findings most like the query, best first; ties keep the newest first. */
export function rankKnowledge(items: KnowledgeItem[], query: KnowledgeQuery, limit: number): KnowledgeItem[] {
  return scoreKnowledge(items, query)
    .slice(0, limit)
    .map((s) => s.item);
}
