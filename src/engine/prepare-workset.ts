/**
 * Chooses the bounded working set the engine reasons over and tokenises each item once. A large account
 * has thousands of tickets and tens of thousands of knowledge items; only recent, open, onboarding-era or
 * topically close ones can matter for one escalation, so the rest are never tokenised.
 */
import type { CaseBundle, Change, KnowledgeItem, RelatedEscalation, Ticket } from "../domain/case-bundle.ts";
import { extractIdentifiers } from "./extract-identifiers.ts";
import type { TermStats } from "./measure-similarity.ts";
import { countTerms } from "./tokenize-text.ts";
import type { EvidenceItem } from "./types.ts";

const DAY = 86_400_000;
/** Caps on each kind of evidence; generous for real accounts, tight enough for 250 ms on huge ones. */
export const WORKSET_LIMITS = { tickets: 300, changes: 200, related: 200, knowledge: 120 } as const;

/** The tokenised items the engine reasons over, with term statistics. */
export interface Workset extends TermStats {
  readonly bundle: CaseBundle;
  readonly openedAt: number;
  readonly tickets: readonly Ticket[];
  readonly changes: readonly Change[];
  readonly related: readonly RelatedEscalation[];
  readonly knowledge: readonly KnowledgeItem[];
  readonly items: ReadonlyMap<string, EvidenceItem>;
}

/** Epoch ms of an ISO date or date-time; NaN when absent. */
export function toTime(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

/** True when a ticket is still unresolved as of `at`. */
export function isOpenAt(ticket: Ticket, at: number): boolean {
  const closed = /^(closed|resolved|solved|done|cancel+ed)$/i.test(ticket.status);
  if (!closed) return true;
  const closedAt = toTime(ticket.closedAt);
  return Number.isFinite(closedAt) && closedAt > at;
}

/** All text of a ticket, comments included. */
export function ticketText(t: Ticket): string {
  const comments = (t.comments ?? []).map((c) => c.body).join("\n");
  return [t.subject, t.description ?? "", t.resolution ?? "", comments].join("\n");
}

function makeItem(
  id: string,
  kind: EvidenceItem["kind"],
  at: number,
  label: string,
  text: string,
  head: string,
): EvidenceItem {
  const terms = countTerms(text);
  return {
    id,
    kind,
    at,
    label,
    lower: text.toLowerCase(),
    terms,
    headTerms: head === text ? terms : countTerms(head),
    // Exact strings matter where symptoms are written (tickets); changes are matched by containment.
    identifiers: kind === "ticket" ? extractIdentifiers(text) : [],
  };
}

function selectTickets(bundle: CaseBundle, openedAt: number): Ticket[] {
  const start = toTime(bundle.account.contractStart);
  // Open tickets first, then the last four months, then the onboarding months, then the most recent rest.
  const ranked: { t: Ticket; at: number; r: number }[] = [];
  for (const t of bundle.tickets) {
    const at = toTime(t.createdAt);
    if (at > openedAt + 7 * DAY) continue;
    let r = 3;
    if (isOpenAt(t, openedAt)) r = 0;
    else if (at >= openedAt - 120 * DAY) r = 1;
    else if (Number.isFinite(start) && at <= start + 120 * DAY) r = 2;
    ranked.push({ t, at, r });
  }
  if (ranked.length <= WORKSET_LIMITS.tickets) return ranked.map((x) => x.t);
  return ranked
    .sort((a, b) => a.r - b.r || b.at - a.at || a.t.id.localeCompare(b.t.id))
    .slice(0, WORKSET_LIMITS.tickets)
    .map((x) => x.t);
}

function mostRecent<T extends { id: string }>(list: readonly T[], at: (x: T) => number, limit: number): T[] {
  return list
    .map((x) => ({ x, at: at(x) }))
    .sort((a, b) => b.at - a.at || a.x.id.localeCompare(b.x.id))
    .slice(0, limit)
    .map((e) => e.x);
}

/**
 * Tokenises tickets, changes and related escalations of the bundle. Knowledge is added later by
 * `addKnowledge`, because choosing it needs the problem's vocabulary.
 */
export function prepareWorkset(bundle: CaseBundle): Workset {
  const openedAt = toTime(bundle.escalation.openedAt);
  const tickets = selectTickets(bundle, openedAt);
  const changeWindow = (c: Change) => {
    const at = toTime(c.at);
    return at >= openedAt - 240 * DAY && at <= openedAt + DAY;
  };
  const changes = mostRecent(
    bundle.changes.filter(changeWindow),
    (c) => toTime(c.at),
    WORKSET_LIMITS.changes,
  );
  const related = mostRecent(
    bundle.relatedEscalations.filter((r) => r.accountId !== bundle.account.id),
    (r) => toTime(r.openedAt),
    WORKSET_LIMITS.related,
  );
  const items = new Map<string, EvidenceItem>();
  for (const t of tickets) {
    const head = `${t.subject}. ${t.description ?? ""}`;
    items.set(t.id, makeItem(t.id, "ticket", toTime(t.createdAt), t.subject, ticketText(t), head));
  }
  for (const c of changes) {
    const text = `${c.title}.\n${c.description ?? ""}\n${c.productArea ?? ""}`;
    items.set(c.id, makeItem(c.id, "change", toTime(c.at), c.title, text, text));
  }
  for (const r of related) {
    items.set(r.id, makeItem(r.id, "related", toTime(r.openedAt), r.summary, r.summary, r.summary));
  }
  return withStats({
    bundle,
    openedAt,
    tickets,
    changes,
    related,
    knowledge: [],
    items,
    df: new Map(),
    docCount: 0,
  });
}

function knowledgeText(k: KnowledgeItem): string {
  return [k.title, k.symptoms ?? "", k.rootCause ?? "", k.resolution ?? "", (k.tags ?? []).join(" ")].join(
    "\n",
  );
}

/**
 * Adds the knowledge items whose title, symptoms and tags share the most rare vocabulary with the
 * problem (`problemTerms`), at most WORKSET_LIMITS.knowledge of them.
 */
export function addKnowledge(workset: Workset, problemTerms: ReadonlyMap<string, number>): Workset {
  const knowledge = screenKnowledge(workset, problemTerms);
  const items = new Map(workset.items);
  for (const k of knowledge) {
    const head = `${k.title}. ${k.symptoms ?? ""}`;
    items.set(k.id, makeItem(k.id, "knowledge", toTime(k.validatedAt), k.title, knowledgeText(k), head));
  }
  // Document frequencies grow by the knowledge items only; recounting every ticket would be wasted work.
  const df = new Map(workset.df);
  for (const k of knowledge) {
    for (const term of items.get(k.id)?.terms.keys() ?? []) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return { ...workset, knowledge, items, df, docCount: items.size, idfCache: new Map() };
}

/**
 * Picks the knowledge items worth reading. Tens of thousands of items cannot all be tokenised within the
 * time budget, so titles and tags are screened for the problem's most telling stems (a stem is a prefix
 * of its words: "refund" finds "refunds", "refunded"); only the best WORKSET_LIMITS.knowledge are kept.
 */
function screenKnowledge(workset: Workset, problemTerms: ReadonlyMap<string, number>): KnowledgeItem[] {
  // Few enough to read them all: screening would only risk dropping a match worded differently.
  if (workset.bundle.knowledge.length <= WORKSET_LIMITS.knowledge) return [...workset.bundle.knowledge];
  const stems = [...problemTerms]
    .filter(([term]) => term.length >= 4 && /^[a-z0-9]+$/.test(term))
    .map(([term, w]) => ({ term, weight: Math.min(1, w) / Math.log2(2 + (workset.df.get(term) ?? 0)) }))
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
    .slice(0, 30);
  if (stems.length === 0) return [];
  const weights = new Map(stems.map((x) => [x.term, x.weight]));
  // A stem is the start of the words it stands for: one word-start alternation per title finds them all,
  // far cheaper than a search per stem over tens of thousands of titles.
  // Case-insensitive matching spares a lowercased copy of every title and symptom (tens of MB at 20k items).
  const pattern = new RegExp(`\\b(?:${stems.map((x) => x.term).join("|")})`, "gi");
  const scored: { k: KnowledgeItem; score: number }[] = [];
  // One set reused across items, and matches scored as they are found: at 20k items, arrays of matches
  // per item cost more memory than the whole screen should.
  const seen = new Set<string>();
  const scoreText = (text: string | undefined): number => {
    let score = 0;
    if (!text) return score;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const term = m[0].toLowerCase();
      if (seen.has(term)) continue;
      seen.add(term);
      score += weights.get(term) ?? 0;
    }
    return score;
  };
  for (const k of workset.bundle.knowledge) {
    seen.clear();
    // Titles and tags only: scanning 20k symptom texts as well costs ~10 MB of peak memory.
    let score = scoreText(k.title);
    for (const tag of k.tags ?? []) score += scoreText(tag);
    if (seen.size > 0) scored.push({ k, score });
  }
  scored.sort((a, b) => b.score - a.score || a.k.id.localeCompare(b.k.id));
  return scored.slice(0, WORKSET_LIMITS.knowledge).map((x) => x.k);
}

function withStats(workset: Workset): Workset {
  const df = new Map<string, number>();
  for (const item of workset.items.values()) {
    for (const term of item.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return { ...workset, df, docCount: workset.items.size, idfCache: new Map() };
}
