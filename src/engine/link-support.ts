/**
 * Connects candidates to validated knowledge and to other accounts' escalations. A knowledge item counts
 * for a candidate when its symptoms match ours and it describes the same kind of cause; another
 * escalation counts when its symptoms match ours and its timing fits the candidate.
 */
import type { KnowledgeItem } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";
import type { AnalysisContext } from "./build-context.ts";
import { idf, overlap } from "./measure-similarity.ts";
import { toTime } from "./prepare-workset.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Knowledge symptoms this close to ours are the same failure signature. */
export const SYMPTOM_MATCH = 0.45;
/** Related summaries this close to our problem describe the same symptoms. */
export const RELATED_MATCH = 0.2;
/** The same, for the part of a text not explained by the change's own wording. */
export const RESIDUAL_MATCH = 0.3;

/** A knowledge item or escalation with how well it matches. */
export interface Link {
  readonly id: string;
  readonly match: number;
}

/**
 * How well `text` matches our symptoms once the words it shares with the change are set aside: another
 * report that merely names the same release ("after the May recalculation") is not the same symptom.
 */
export function residualMatch(
  ctx: AnalysisContext,
  id: string,
  changeTerms: ReadonlyMap<string, number>,
): number {
  const head = ctx.ws.items.get(id)?.headTerms;
  if (!head) return 0;
  let total = 0;
  let shared = 0;
  for (const term of head.keys()) {
    if (changeTerms.has(term)) continue;
    const w = idf(ctx.ws, term);
    total += w;
    shared += w * Math.min(1, ctx.profile.terms.get(term) ?? 0);
  }
  return total === 0 ? 0 : shared / total;
}

/** True when a knowledge item says its defect was fixed before our escalation was opened (so ours is another). */
function fixedBeforeUs(ctx: AnalysisContext, k: KnowledgeItem): boolean {
  if (!/\b(?:fixed|patched|resolved) in\b/i.test(k.resolution ?? "")) return false;
  const at = toTime(k.validatedAt);
  return Number.isFinite(at) && at < ctx.ws.openedAt - 12 * HOUR;
}

/** Knowledge items that describe `change`, split by whether their symptoms match ours. */
export function knowledgeAboutChange(
  ctx: AnalysisContext,
  changeTerms: ReadonlyMap<string, number>,
): { matching: Link[]; differing: Link[]; categories: Category[] } {
  const matching: Link[] = [];
  const differing: Link[] = [];
  const categories: Category[] = [];
  for (const k of ctx.ws.knowledge) {
    const about = overlap(ctx.ws, ctx.knowledgeAbout.get(k.id) ?? new Map(), changeTerms);
    if (about < 0.12) continue;
    const match = fixedBeforeUs(ctx, k) ? 0 : residualMatch(ctx, k.id, changeTerms);
    if (match >= RESIDUAL_MATCH) {
      matching.push({ id: k.id, match });
      categories.push(k.category);
    } else if (match < 0.2) differing.push({ id: k.id, match });
  }
  return { matching: byMatch(matching), differing: byMatch(differing), categories };
}

/** Knowledge items of `category` whose symptoms match ours. */
export function knowledgeOfCategory(ctx: AnalysisContext, category: Category): Link[] {
  return byMatch(
    ctx.ws.knowledge
      .filter((k) => k.category === category)
      .map((k) => ({ id: k.id, match: ctx.topical.get(k.id) ?? 0 }))
      .filter((l) => l.match >= SYMPTOM_MATCH),
  );
}

/** True when a related escalation was resolved with a cause other than `category`. */
export function resolvedElsewhere(ctx: AnalysisContext, relatedId: string, category: Category): boolean {
  const r = ctx.ws.related.find((x) => x.id === relatedId);
  return Boolean(r?.rootCauseCategory && r.rootCauseCategory !== category);
}

/**
 * Related escalations whose symptoms match ours, opened within `window` days around the onset and still
 * open: one already resolved while ours goes on had a cause that has been dealt with.
 */
export function similarRelated(ctx: AnalysisContext, category: Category, windowDays = 60): Link[] {
  const key = `similar-related:${category}:${windowDays}`;
  const cached = ctx.memo.get(key);
  if (cached) return [...cached];
  const onset = ctx.profile.onset;
  const links = byMatch(
    ctx.ws.related
      .filter(
        (r) =>
          Math.abs(toTime(r.openedAt) - onset) <= windowDays * DAY &&
          !/^(resolved|closed)$/i.test(r.status ?? ""),
      )
      .map((r) => ({ id: r.id, match: ctx.topical.get(r.id) ?? 0 }))
      .filter((l) => l.match >= RELATED_MATCH && !resolvedElsewhere(ctx, l.id, category)),
  );
  ctx.memo.set(key, links);
  return links;
}

/**
 * Related escalations a global or segment change plausibly explains: opened after the change landed,
 * with our symptoms beyond the change's own vocabulary.
 */
export function relatedAfterChange(
  ctx: AnalysisContext,
  changeAt: number,
  changeTerms: ReadonlyMap<string, number>,
  category: Category,
): Link[] {
  return similarRelated(ctx, category).filter((l) => {
    const at = ctx.ws.items.get(l.id)?.at ?? Number.NaN;
    return at >= changeAt - HOUR && residualMatch(ctx, l.id, changeTerms) >= RELATED_MATCH;
  });
}

/** Related escalations whose summaries describe a change like `changeTerms` (e.g. "after their admin renamed fields"). */
export function relatedDescribingChange(
  ctx: AnalysisContext,
  changeTerms: ReadonlyMap<string, number>,
  category: Category,
): Link[] {
  return similarRelated(ctx, category).filter((l) => {
    const item = ctx.ws.items.get(l.id);
    return item !== undefined && overlap(ctx.ws, item.terms, changeTerms) >= 0.12;
  });
}

function byMatch(links: Link[]): Link[] {
  return links.sort((a, b) => b.match - a.match || a.id.localeCompare(b.id));
}
