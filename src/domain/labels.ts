/**
 * Words a leader reads for the codes warroom stores: "Product defect" for `product_defect`, "Mid-market"
 * for `mid_market`. Machine output (JSON) keeps the codes; everything rendered for people goes through here.
 */
import { CATEGORY_LABELS, isCategory } from "./categories.ts";

const SEGMENT_LABELS: Readonly<Record<string, string>> = {
  enterprise: "Enterprise",
  mid_market: "Mid-market",
  smb: "SMB",
  unknown: "Unknown",
};

/** "some_code" → "Some code": the fallback for a code without a label of its own. */
const sentenceCase = (code: string) => {
  const words = code.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
};

/** A root-cause category in words ("Product defect"); an unknown code is still made readable. */
export function categoryLabel(category: string): string {
  return isCategory(category) ? CATEGORY_LABELS[category] : sentenceCase(category);
}

/** A segment in words ("Mid-market", "SMB"). */
export function segmentLabel(segment: string): string {
  return SEGMENT_LABELS[segment] ?? sentenceCase(segment);
}
