/**
 * Decides which tickets belong to the escalated episode. The summary is a starting point, not the whole
 * story: executives write "X is broken", and the ticket worded most like that is often a side question.
 * So the tickets the summary points at are widened to the account's open or urgent tickets of the same
 * weeks that share a product-area tag, rare vocabulary or an exact string with them; when the summary
 * points at no open or urgent ticket at all, the account's open urgent tickets are the episode.
 */
import type { Ticket } from "../domain/case-bundle.ts";
import type { Identifier } from "./extract-identifiers.ts";
import { coverage, overlap } from "./measure-similarity.ts";
import { isOpenAt, toTime, type Workset } from "./prepare-workset.ts";
import { countTerms } from "./tokenize-text.ts";

const DAY = 86_400_000;
/** How far back an episode ticket may have been opened. */
const WINDOW_DAYS = 45;
/** Idf-weighted overlap with the core above which a pressing ticket is the same problem in other words. */
const SAME_TOPIC = 0.2;
/** Overlap that, with a shared topic tag, ties a non-urgent ticket to the core. */
const RELATED_TOPIC = 0.1;
/** Share of the summary's vocabulary a closed ticket must hold to stand for the episode on its own. */
const CLEAR_MATCH = 0.5;
/** Tags that say how a ticket is handled, not what it is about. */
const HANDLING_TAGS = new Set(["escalation", "urgent", "vip", "how-to", "feature-request", "question"]);

/** A ticket someone flagged as urgent: escalation tag or urgent or critical priority. */
export function isUrgent(t: Ticket): boolean {
  return (t.tags ?? []).includes("escalation") || /^(urgent|critical)$/i.test(t.priority ?? "");
}

const FAILURE =
  /\b(?:on hold|held|blocked|unpaid|not paid|wrong|fail\w*|errors?|missing|broken|incorrect|stuck|late|delay\w*|slow|crash\w*|reject\w*|can't|cannot|unable|empty|blank|stale|behind|dropp\w*|lost|timeout|timing out|hang\w*|garbled|duplicate|twice|not (?:working|arriving|delivered|stored|syncing|received|showing))\b/i;
const FIXED = /\b(?:fixed|resolved|cleared|patched|restored|recovered|back to (?:normal|about))\b/i;

/** A ticket that reports something failing, rather than asking how to do something. */
export function reportsFailure(t: Ticket): boolean {
  const howTo =
    (t.tags ?? []).includes("how-to") || /^(?:how|where|what|can|do|does|should|is there)\b/i.test(t.subject);
  return !howTo && FAILURE.test(`${t.subject} ${t.description ?? ""}`);
}

/** A ticket that reported a failure and was not closed with a fix. */
export function isUnfixedSymptom(t: Ticket): boolean {
  return reportsFailure(t) && !FIXED.test(t.resolution ?? "");
}

function inWindow(ws: Workset): Ticket[] {
  return ws.tickets.filter((t) => {
    const at = toTime(t.createdAt);
    return at >= ws.openedAt - WINDOW_DAYS * DAY && at <= ws.openedAt + DAY;
  });
}

/** Urgent tickets still open when the escalation was raised: what the account is escalating about. */
function pressing(ws: Workset, tickets: readonly Ticket[]): Ticket[] {
  return tickets.filter((t) => isUrgent(t) && isOpenAt(t, ws.openedAt));
}

/**
 * The tickets the summary points at: urgent or open ones that match it. When none does, the account's
 * open urgent tickets, unless the best-matching other ticket clearly says what the summary says.
 */
export function selectCore(ws: Workset, rel: ReadonlyMap<string, number>): Ticket[] {
  const recent = inWindow(ws);
  const core = recent.filter((t) => {
    const r = rel.get(t.id) ?? 0;
    return (isUrgent(t) && r >= 0.05) || (isOpenAt(t, ws.openedAt) && r >= 0.12);
  });
  if (core.length > 0) return core;
  const best = [...recent].sort((a, b) => (rel.get(b.id) ?? 0) - (rel.get(a.id) ?? 0))[0];
  const urgent = pressing(ws, recent);
  // A ticket the summary matches only loosely must not stand in for what the account is escalating.
  if (urgent.length > 0 && !(best && summaryCoverage(ws, best) >= CLEAR_MATCH)) return urgent;
  return best ? [best] : [];
}

/** Share of the summary's rare vocabulary that a ticket's text contains, 0..1. */
function summaryCoverage(ws: Workset, t: Ticket): number {
  const item = ws.items.get(t.id);
  return item ? coverage(ws, countTerms(ws.bundle.escalation.summary), item.terms) : 0;
}

function isReference(identifier: Identifier): boolean {
  return identifier.kind === "code" && /^[a-z]{2,}-?\d{3,}$/i.test(identifier.text);
}

/** How many tickets of the working set carry each identifier key. */
function identifierCounts(ws: Workset): Map<string, number> {
  const seen = new Map<string, number>();
  for (const t of ws.tickets) {
    for (const idf of ws.items.get(t.id)?.identifiers ?? []) seen.set(idf.key, (seen.get(idf.key) ?? 0) + 1);
  }
  return seen;
}

/** Closed tickets of the same episode: closed during it, or naming the same order, batch or error code. */
export function addEpisodeTickets(ws: Workset, core: Ticket[], rel: ReadonlyMap<string, number>): Ticket[] {
  const ids = new Set(core.map((t) => t.id));
  const first = Math.min(...core.map((t) => toTime(t.createdAt)));
  const seen = identifierCounts(ws);
  // Only reference numbers (PB-2207, INV-31177) tie tickets into one episode; names recur across topics.
  const coreKeys = new Set(
    core.flatMap((t) =>
      (ws.items.get(t.id)?.identifiers ?? []).filter((i) => isReference(i)).map((i) => i.key),
    ),
  );
  const extra = ws.tickets.filter((t) => {
    if (ids.has(t.id)) return false;
    const at = toTime(t.createdAt);
    const r = rel.get(t.id) ?? 0;
    if (at >= first && at <= ws.openedAt && r >= 0.5) return true;
    const shares = (ws.items.get(t.id)?.identifiers ?? []).some(
      (i) => coreKeys.has(i.key) && (seen.get(i.key) ?? 0) <= 3,
    );
    // The original order or request that names the same number is context, not a symptom.
    return shares && r >= 0.15 && at >= ws.openedAt - 180 * DAY && reportsFailure(t);
  });
  return [...core, ...extra];
}

function topicTags(t: Ticket): string[] {
  return (t.tags ?? []).filter((tag) => !HANDLING_TAGS.has(tag.toLowerCase()));
}

/** Distinctive exact strings of the core: error codes and messages few tickets carry. */
function coreStrings(ws: Workset, core: readonly Ticket[]): Set<string> {
  const seen = identifierCounts(ws);
  return new Set(
    core.flatMap((t) =>
      (ws.items.get(t.id)?.identifiers ?? [])
        .filter((i) => (seen.get(i.key) ?? 0) <= 3 && i.text.length >= 4)
        .map((i) => i.key),
    ),
  );
}

/**
 * Open tickets of the same weeks that report the same problem as `core` in other words: urgent, or
 * reporting a failure, and sharing a topic tag, rare vocabulary or a distinctive exact string with it.
 */
export function expandEpisode(ws: Workset, core: readonly Ticket[]): Ticket[] {
  const ids = new Set(core.map((t) => t.id));
  const tags = new Set(core.flatMap(topicTags));
  const strings = coreStrings(ws, core);
  const terms = new Map<string, number>();
  for (const t of core) for (const term of ws.items.get(t.id)?.terms.keys() ?? []) terms.set(term, 1);
  return inWindow(ws).filter((t) => {
    if (ids.has(t.id) || !isOpenAt(t, ws.openedAt) || !(isUrgent(t) || reportsFailure(t))) return false;
    const item = ws.items.get(t.id);
    if (!item) return false;
    const sim = overlap(ws, item.terms, terms);
    // A shared tag names the product area, not the problem: an urgent ticket or some shared wording must back it.
    const sameArea = topicTags(t).some((tag) => tags.has(tag)) && (isUrgent(t) || sim >= RELATED_TOPIC);
    return sameArea || sim >= SAME_TOPIC || item.identifiers.some((i) => strings.has(i.key));
  });
}
