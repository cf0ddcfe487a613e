/**
 * Features that belong to a category rather than to one causal item: how often the category is the cause
 * at all (its prior), and other accounts whose escalations with our symptoms were already resolved under it.
 */
import type { Category } from "../domain/categories.ts";
import type { AnalysisContext } from "./build-context.ts";
import { CATEGORY_PRIOR_PREFIX } from "./engine-features.ts";
import { RELATED_MATCH } from "./link-support.ts";
import type { FeatureValue } from "./types.ts";
import { listWithVerb } from "./write-words.ts";

/** The prior of a category: a constant the fit turns into a base rate. */
export function priorFeature(category: Category): FeatureValue {
  return { name: `${CATEGORY_PRIOR_PREFIX}${category}`, value: 1, note: `base rate of ${category}` };
}

/** Escalations of other accounts with our symptoms, resolved under `category`. */
export function categoryFeatures(ctx: AnalysisContext, category: Category): FeatureValue[] {
  const ids = ctx.ws.related
    .filter((r) => r.rootCauseCategory === category && (ctx.topical.get(r.id) ?? 0) >= RELATED_MATCH)
    .map((r) => r.id);
  if (ids.length === 0) return [];
  return [
    {
      name: "category.related-resolved",
      value: Math.min(2, ids.length),
      note: `${listWithVerb(ids.slice(0, 2), "had", "had")} these symptoms and ${ids.length === 1 ? "was" : "were"} resolved as ${category}`,
      evidence: ids.slice(0, 2),
    },
  ];
}
