/**
 * Reads a change record: which root-cause category it would be if it were the cause, and what its
 * description says it did not touch ("No mapping changes", "Front-end only", "limits migrated unchanged").
 */
import type { Change } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";
import { tokenize } from "./tokenize-text.ts";

const INTENDED =
  /\b(?:deprecat\w*|retir(?:ed|ement|ing)|sunset|end of (?:life|the deprecation)|no longer|now (?:require[sd]?|reject\w*|appl(?:y|ies)|count\w*|include[sd]?)|default\w*|polic(?:y|ies)|pricing|list price|recalculat\w*|previously|instead of|lowered|raised|shortened|stricter|held until)\b/i;
const CAPACITY =
  /\b(?:outage|degrad\w*|capacity|latency|node|cluster|failover|throttl\w*|queue\w*|unavailable|incident)\b/i;

/**
 * The category a change would have as the cause: ours split into defect (a bug) and change (intended
 * behaviour), theirs into customer, third party and infrastructure.
 */
export function categoryOfChange(change: Change, leaning: Category | undefined): Category {
  const text = `${change.title}. ${change.description ?? ""}`;
  switch (change.source) {
    case "customer_config":
    case "customer_org":
      return "customer_change";
    case "third_party":
      return "third_party";
    case "incident":
      return "infrastructure";
    case "vendor_config":
      return CAPACITY.test(text) ? "infrastructure" : "vendor_change";
    case "vendor_deploy":
      if (leaning === "product_defect" || leaning === "vendor_change") return leaning;
      return INTENDED.test(text) ? "vendor_change" : "product_defect";
  }
}

/** What a change says it left alone, as stemmed terms; `scopedOnly` when it says it was limited ("only"). */
export interface Disclaimer {
  readonly terms: readonly string[];
  readonly phrase: string;
}

const DISCLAIMERS = [
  /\bno (?:changes? (?:to|in) )([\w\s,/-]{2,40}?)(?=[.;]|$)/i,
  /\bno ([\w\s/-]{2,30}?) (?:changes?|impact)\b/i,
  /\b([\w\s/-]{2,30}?) (?:unchanged|not affected|untouched)\b/i,
  /^([\w\s/-]{2,20}?) only\.?$/i,
  /\bno change while ([\w\s/-]{2,20}?)(?=[.;]|$)/i,
  /\bno ([\w\s]{2,20}?) lost\b/i,
  /\bdid not (?:touch|change|affect) ([\w\s/-]{2,30}?)(?=[.;]|$)/i,
];

/** The disclaimers in a change's description. */
export function findDisclaimers(change: Change): Disclaimer[] {
  const out: Disclaimer[] = [];
  for (const sentence of (change.description ?? "").split(/(?<=[.;])\s+/)) {
    for (const pattern of DISCLAIMERS) {
      const m = pattern.exec(sentence);
      if (!m) continue;
      const terms = tokenize(m[1] ?? "");
      if (terms.length > 0) out.push({ terms, phrase: m[0].trim() });
      break;
    }
  }
  return out;
}
