/**
 * Account attributes as evidence: which of them a text names ("Relaycom", "eu-central", "TG-200") and
 * which the account shares with other escalating accounts.
 */
import type { Account, RelatedEscalation } from "../domain/case-bundle.ts";
import { tokenize } from "./tokenize-text.ts";

type AttributeValue = string | number | boolean;

// Values this generic say nothing about a shared cause.
const GENERIC_VALUES = new Set([
  "true",
  "false",
  "none",
  "yes",
  "no",
  "enabled",
  "disabled",
  "direct",
  "standard",
  "other",
]);

const valueTerms = new Map<string, string[]>();

/** Distinct stemmed words of an attribute value or key, memoised: the same few values are checked against every item. */
function wordsOf(text: string): string[] {
  const cached = valueTerms.get(text);
  if (cached) return cached;
  if (valueTerms.size > 10_000) valueTerms.clear();
  const words = [...new Set(tokenize(text.replace(/\([^)]*\)/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2")))];
  valueTerms.set(text, words);
  return words;
}

/** `key=value` as the contract's pattern block writes it. */
export function formatAttribute(key: string, value: AttributeValue): string {
  return `${key}=${String(value)}`;
}

function isInformative(value: AttributeValue): value is string {
  return (
    typeof value === "string" && value.trim().length >= 3 && !GENERIC_VALUES.has(value.trim().toLowerCase())
  );
}

/**
 * Attributes of `attributes` whose value `text` names: verbatim, or (for multi-word values) most of its
 * words. Returned as `key=value`.
 */
export function attributesNamedIn(
  attributes: Readonly<Record<string, AttributeValue>> | undefined,
  lowerText: string,
  terms: ReadonlyMap<string, number>,
  minShare = 0.6,
): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (!isInformative(value)) continue;
    const lower = value.toLowerCase();
    if (lowerText.includes(lower)) {
      out.push(formatAttribute(key, value));
      continue;
    }
    const words = wordsOf(value);
    if (words.length >= 2 && words.filter((w) => terms.has(w)).length / words.length >= minShare) {
      out.push(formatAttribute(key, value));
    }
  }
  return out;
}

/** Attribute keys whose name a text mentions (dailyIngestAllowanceGb → "daily ingest allowance"). */
export function attributeKeysNamedIn(
  attributes: Readonly<Record<string, AttributeValue>> | undefined,
  terms: ReadonlyMap<string, number>,
): string[] {
  return Object.keys(attributes ?? {}).filter((key) => {
    // One-word keys (product, plan, region) are ordinary words; only compound names are telling.
    const words = wordsOf(key);
    return words.length >= 2 && words.filter((w) => terms.has(w)).length / words.length >= 0.6;
  });
}

/** Attributes with equal values on the account and on a related escalation, as `key=value`. */
export function sharedAttributes(account: Account, related: RelatedEscalation): string[] {
  const mine = account.attributes ?? {};
  const theirs = related.attributes ?? {};
  return Object.keys(mine)
    .filter((k) => {
      const a = mine[k];
      const b = theirs[k];
      return a !== undefined && b !== undefined && String(a).toLowerCase() === String(b).toLowerCase();
    })
    .sort()
    .map((k) => formatAttribute(k, mine[k] as AttributeValue));
}
