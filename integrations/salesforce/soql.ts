/**
 * SOQL literals. Every value that reaches a query goes through here, so no account name, id or search text
 * can change a query's meaning: backslashes are escaped first, then quotes (jsforce's own builder escapes
 * only quotes); in LIKE patterns `%` and `_` are escaped too, so they match themselves.
 */

const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "'": "\\'",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

function escapeText(value: string): string {
  return value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c] ?? c);
}

/*
 * A lone UTF-16 surrogate (half of an emoji, e.g. from text cut mid-character) cannot be put in the URL
 * jsforce builds: encodeURIComponent throws URIError. No stored value contains one, so an equality
 * compares against U+FFFD (matches nothing) and a search drops it (finds what was typed around it).
 */
const LONE_SURROGATE = /\p{Cs}/gu;

/** Search text without lone surrogates: what the person typed around the broken character. */
export function dropLoneSurrogates(value: string): string {
  return value.replace(LONE_SURROGATE, "");
}

/** A quoted SOQL string literal. */
export function soqlString(value: string): string {
  return `'${escapeText(value.replace(LONE_SURROGATE, "\uFFFD"))}'`;
}

/** A LIKE pattern matching `value` literally somewhere inside the field (case-insensitive in SOQL). */
export function soqlContains(value: string): string {
  const text = escapeText(dropLoneSurrogates(value));
  return `'%${text.replace(/[%_]/g, (c) => `\\${c}`)}%'`;
}

/** A datetime literal (unquoted, UTC, whole seconds). */
export function soqlDateTime(value: Date): string {
  return value.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A literal for a configured comparison value: boolean, number or string. */
export function soqlValue(value: boolean | number | string): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  return soqlString(value);
}

/** Salesforce record ids: 15 case-sensitive or 18 case-insensitive alphanumerics. */
export function isSalesforceId(value: string): boolean {
  return /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(value);
}
