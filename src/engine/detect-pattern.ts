/**
 * Decides whether the leading cause plausibly affects other accounts. Another escalation counts when its
 * symptoms match ours, it is not better explained by some other change, it was not resolved as something
 * else, and either it came after our global or segment-wide cause or it shares the part of the setup the
 * cause is about (the same implementation partner, CRM, language, region).
 */
import type { PatternVerdict } from "../domain/analysis.ts";
import type { Change, RelatedEscalation } from "../domain/case-bundle.ts";
import type { AnalysisContext } from "./build-context.ts";
import { attributeKeysNamedIn, attributesNamedIn, sharedAttributes } from "./match-attributes.ts";
import { coverage } from "./measure-similarity.ts";
import { toTime } from "./prepare-workset.ts";
import type { ScoredCandidate } from "./types.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOW_DAYS = 60;

/** True when some global or segment change other than the cause describes this escalation better than our symptoms do. */
function claimedElsewhere(
  ctx: AnalysisContext,
  related: RelatedEscalation,
  causal: Change | undefined,
): boolean {
  const item = ctx.ws.items.get(related.id);
  if (!item) return false;
  const own = Math.max(ctx.topical.get(related.id) ?? 0, causal ? explains(ctx, item.terms, causal) : 0);
  return ctx.ws.changes.some((c) => {
    if (c.id === causal?.id || c.scope === "account" || toTime(c.at) > toTime(related.openedAt)) return false;
    const other = explains(ctx, item.terms, c);
    return other >= 0.2 && other > own;
  });
}

function explains(ctx: AnalysisContext, terms: ReadonlyMap<string, number>, change: Change): number {
  return coverage(ctx.ws, terms, ctx.ws.items.get(change.id)?.terms ?? new Map());
}

/** Attribute keys the causal evidence is about: its text names their value or their name. */
function causeKeys(ctx: AnalysisContext, ids: readonly string[]): Set<string> {
  const attrs = ctx.ws.bundle.account.attributes;
  const keys = new Set<string>();
  for (const id of ids) {
    const item = ctx.ws.items.get(id);
    if (!item) continue;
    // Half the words suffice here ("Node tab" names Node.js): the match is then checked against symptoms.
    for (const kv of attributesNamedIn(attrs, item.lower, item.terms, 0.5))
      keys.add(kv.slice(0, kv.indexOf("=")));
    for (const key of attributeKeysNamedIn(attrs, item.terms)) keys.add(key);
  }
  return keys;
}

function qualifies(
  ctx: AnalysisContext,
  related: RelatedEscalation,
  causal: Change | undefined,
  keys: ReadonlySet<string>,
): boolean {
  if (/^(resolved|closed)$/i.test(related.status ?? "")) return false;
  const opened = toTime(related.openedAt);
  if (opened < ctx.profile.onset - WINDOW_DAYS * DAY || opened > ctx.ws.openedAt + 7 * DAY) return false;
  if (claimedElsewhere(ctx, related, causal)) return false;
  const sim = ctx.topical.get(related.id) ?? 0;
  const sharesCause = sharedAttributes(ctx.ws.bundle.account, related).some((kv) =>
    keys.has(kv.slice(0, kv.indexOf("="))),
  );
  if (causal && causal.scope !== "account") {
    // A global or segment cause reaches others after it lands; the setup it names narrows who.
    if (toTime(related.openedAt) < toTime(causal.at) - HOUR) return false;
    return (sharesCause && sim > 0) || sim >= 0.25;
  }
  // An account's own change or journey gap recurs elsewhere only where the same setup meets the same symptoms.
  return sharesCause && sim >= 0.2;
}

function commonAttributes(
  ctx: AnalysisContext,
  related: readonly RelatedEscalation[],
  keys: ReadonlySet<string>,
): string[] {
  const lists = related.map((r) => sharedAttributes(ctx.ws.bundle.account, r));
  const all = [...new Set(lists.flat())];
  const everywhere = all.filter((kv) => lists.every((l) => l.includes(kv)));
  const chosen = everywhere.length > 0 ? everywhere : all;
  const isCause = (kv: string) => keys.has(kv.slice(0, kv.indexOf("=")));
  return chosen.sort((a, b) => Number(isCause(b)) - Number(isCause(a)) || a.localeCompare(b));
}

/** Staff saying outright that no one else is in this situation ("the only account enrolled in the beta"). */
const ONLY_THIS_ACCOUNT =
  /\b(?:only (?:this|your|their) (?:account|customer|tenant|instance|site|organi[sz]ation)|no other (?:account|customer|tenant|site|client)s?\b|nobody else|no one else|the only (?:customer|account|tenant|client))\b/i;

function saidToBeAlone(ctx: AnalysisContext): boolean {
  const focus = new Set(ctx.profile.focusIds);
  return ctx.ws.tickets.some(
    (t) =>
      focus.has(t.id) &&
      [
        t.resolution ?? "",
        ...(t.comments ?? []).filter((c) => c.author !== "customer").map((c) => c.body),
      ].some((text) => ONLY_THIS_ACCOUNT.test(text)),
  );
}

/** The pattern verdict for the leading hypothesis `top` (undefined when there is none). */
export function detectPattern(
  ctx: AnalysisContext,
  top: ScoredCandidate | undefined,
  cited: readonly string[],
): PatternVerdict {
  if (!top || saidToBeAlone(ctx))
    return { verdict: "isolated", relatedEscalations: [], sharedAttributes: [] };
  const causal = ctx.ws.changes.find((c) => c.id === top.causalId);
  // Only the causal item says which part of the setup the cause is about; supporting tickets wander.
  const keys = causeKeys(ctx, cited.slice(0, 1));
  const matches = ctx.ws.related
    .filter((r) => qualifies(ctx, r, causal, keys))
    .sort((a, b) => (ctx.topical.get(b.id) ?? 0) - (ctx.topical.get(a.id) ?? 0) || a.id.localeCompare(b.id));
  if (matches.length === 0) return { verdict: "isolated", relatedEscalations: [], sharedAttributes: [] };
  return {
    verdict: "pattern",
    relatedEscalations: matches.map((r) => r.id),
    sharedAttributes: commonAttributes(ctx, matches, keys),
  };
}
