/**
 * The fixed root-cause categories (shared/contracts/case-bundle.md). Every hypothesis, finding and digest
 * speaks in these; the dimension and "preventable by" columns drive the digest's prevention split.
 */
export const CATEGORIES = [
  "product_defect",
  "vendor_change",
  "infrastructure",
  "third_party",
  "customer_change",
  "data_quality",
  "usage_growth",
  "onboarding_gap",
  "expectation_mismatch",
  "documentation_gap",
  "process_failure",
  "billing",
] as const;

/** One of the fixed root-cause categories. */
export type Category = (typeof CATEGORIES)[number];

/** Which part of the customer relationship a category belongs to. */
export type Dimension = "technical" | "customer_journey" | "process" | "organizational";

/** Who could have prevented an escalation of this category. */
export type PreventableBy = "product" | "process" | "external";

/** Static facts about one category. */
export interface CategoryInfo {
  readonly dimension: Dimension;
  readonly preventableBy: PreventableBy;
  readonly description: string;
}

export const CATEGORY_INFO: Readonly<Record<Category, CategoryInfo>> = {
  product_defect: {
    dimension: "technical",
    preventableBy: "product",
    description: "A bug or regression in our product, usually introduced by one of our deploys.",
  },
  vendor_change: {
    dimension: "technical",
    preventableBy: "product",
    description:
      "An intended change on our side (release, deprecation, default, policy, pricing) that broke the customer's workflow.",
  },
  infrastructure: {
    dimension: "technical",
    preventableBy: "product",
    description: "Our outage, capacity or performance degradation.",
  },
  third_party: {
    dimension: "technical",
    preventableBy: "external",
    description: "An upstream provider or partner platform changed or failed.",
  },
  customer_change: {
    dimension: "technical",
    preventableBy: "external",
    description: "A change in the customer's own environment, configuration or organisation.",
  },
  data_quality: {
    dimension: "technical",
    preventableBy: "process",
    description: "Bad data entering or leaving (import, migration, mapping) without a triggering change.",
  },
  usage_growth: {
    dimension: "customer_journey",
    preventableBy: "product",
    description: "The customer outgrew a plan limit, quota or rate limit.",
  },
  onboarding_gap: {
    dimension: "customer_journey",
    preventableBy: "process",
    description: "Implementation or training left incomplete.",
  },
  expectation_mismatch: {
    dimension: "customer_journey",
    preventableBy: "process",
    description: "What was sold or promised differs from what the product does.",
  },
  documentation_gap: {
    dimension: "process",
    preventableBy: "process",
    description: "Missing, unclear or outdated documentation led to misuse.",
  },
  process_failure: {
    dimension: "organizational",
    preventableBy: "process",
    description: "An internal handoff, SLA or communication failure between our teams.",
  },
  billing: {
    dimension: "process",
    preventableBy: "process",
    description: "Invoicing, pricing, contract or refund problems.",
  },
};

/** True when `value` names one of the fixed categories. */
export function isCategory(value: unknown): value is Category {
  return typeof value === "string" && (CATEGORIES as readonly string[]).includes(value);
}

/** How a category is named where people read it (digest sections, chart legends, cards). */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  product_defect: "Product defect",
  vendor_change: "Change we shipped",
  infrastructure: "Infrastructure",
  third_party: "Third party",
  customer_change: "Customer-side change",
  data_quality: "Data quality",
  usage_growth: "Usage growth",
  onboarding_gap: "Onboarding gap",
  expectation_mismatch: "Expectation mismatch",
  documentation_gap: "Documentation gap",
  process_failure: "Process failure",
  billing: "Billing",
};
