/**
 * Pulls the exact strings an analyst would grep for out of support prose: quoted error messages, code-like
 * names (Commission_Rate__c, QUERY_TIMEOUT, CRL-LIS2, payout.paid, SlowDown), API paths (/v2/orders/batch) and
 * HTTP or numeric error codes.
 * A ticket and a change that share one of these are almost certainly about the same thing.
 */

/** One identifier found in text, normalised for comparison. */
export interface Identifier {
  /** Lower-cased, whitespace-collapsed form used for matching. */
  readonly key: string;
  /** As written, for checks and rationales. */
  readonly text: string;
  /** What kind of string it is; quoted strings are matched by containment, the rest by key. */
  readonly kind: "quoted" | "code" | "status";
}

const QUOTED = /(?:^|[\s([:=])['‘"“`]([^'‘’"“”`\n]{3,90}?)['’"”`](?=$|[\s).,;:!?\]])/g;
// Words joined by _ . - ^ where the join is not ordinary prose: underscores, digits or capitals inside.
const CODE_LIKE = /\b[A-Za-z][A-Za-z0-9]*(?:(?:__?|[.^-])[A-Za-z0-9]+)+\b/g;
const CAMEL = /\b[a-z]+[A-Z][a-z0-9]+[A-Za-z0-9]*\b|\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b/g;
const HTTP_STATUS =
  /\b(?:HTTP\s*|status\s*|code\s*|with\s+|returned\s+|returns\s+|got\s+|a\s+)?([45]\d\d)\b(?=\s*(?:[A-Z][a-z]+|[:(]|error|response|signature|\bToo\b))/g;
// An API path: two or more slash-led segments after a space, quote or HTTP verb ("POST /v3/deals/batch").
const API_PATH = /(?<=^|[\s(['"`=])\/[A-Za-z0-9_{}.:~-]+(?:\/[A-Za-z0-9_{}.:~-]+)+/g;
const ERROR_CODE = /\b(?:error|err|code|reason)\s*(?:code\s*)?#?\s*(\d{3,6})\b/gi;

function isCodeLike(token: string): boolean {
  if (/__|_/.test(token)) return true;
  if (/[.^]/.test(token)) return /[a-z]{2,}\.[a-z]{2,}/i.test(token) && !/^\d/.test(token);
  // Hyphenated: keep codes (TG-200, CRL-LIS2, ap-southeast-2), drop prose compounds (front-end, go-live).
  return /\d/.test(token) || /^[A-Z0-9]+(?:-[A-Z0-9]+)+$/.test(token);
}

/** Host names and file names are contact details or attachments, not symptoms. */
function isAddress(token: string): boolean {
  return /\.(?:example|com|org|net|io|pdf|docx?|xlsx?|csv|png|jpe?g)$/i.test(token);
}

function push(out: Map<string, Identifier>, text: string, kind: Identifier["kind"]): void {
  const clean = text.trim().replace(/\s+/g, " ");
  if (clean.length < 2) return;
  const key = clean.toLowerCase();
  if (!out.has(key)) out.set(key, { key, text: clean, kind });
}

/** Every identifier in `text`, de-duplicated, in order of first appearance. */
export function extractIdentifiers(text: string): Identifier[] {
  const out = new Map<string, Identifier>();
  for (const m of text.matchAll(QUOTED)) {
    const inner = m[1] ?? "";
    const words = inner.split(" ").length;
    // One quoted word is usually a status or an emphasis ('sent', 'instant'), not an error string.
    if (/[A-Za-z]/.test(inner) && words <= 14 && (words > 1 || isCodeLike(inner))) push(out, inner, "quoted");
  }
  for (const m of text.matchAll(CODE_LIKE)) if (isCodeLike(m[0]) && !isAddress(m[0])) push(out, m[0], "code");
  for (const m of text.matchAll(CAMEL)) push(out, m[0], "code");
  for (const m of text.matchAll(API_PATH)) {
    const path = m[0].replace(/[.:~-]+$/, "");
    if (/[A-Za-z]{2}/.test(path)) push(out, path, "code");
  }
  for (const m of text.matchAll(HTTP_STATUS)) push(out, `http ${m[1]}`, "status");
  for (const m of text.matchAll(ERROR_CODE)) push(out, `code ${m[1]}`, "status");
  return [...out.values()];
}

/** The words inside an identifier (account_key → account, key), for partial matches against prose. */
export function identifierWords(identifier: Identifier): string[] {
  return identifier.text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 1 && w !== "c");
}

/** True when `lowerText` (already lower-cased) contains the identifier as written. */
export function mentionsIdentifier(lowerText: string, identifier: Identifier): boolean {
  if (identifier.kind === "status") {
    const code = identifier.key.slice(identifier.key.indexOf(" ") + 1);
    return new RegExp(`\\b${code}\\b`).test(lowerText);
  }
  return lowerText.includes(identifier.key);
}
