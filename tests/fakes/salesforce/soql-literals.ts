/**
 * SOQL literals as Salesforce reads them. The parser hands string literals over raw (quotes and escapes
 * included), so the escape rules live here: `\n \r \t \b \f \" \' \\ \uXXXX` anywhere, `\%` and `\_` only in
 * LIKE, any other backslash is an error. Dates and datetimes become instants in milliseconds; relative date
 * literals (TODAY, LAST_N_DAYS:n…) become half-open ranges of whole UTC days, weeks (starting Sunday, the
 * en_US locale), months, quarters or years. Fiscal periods are taken as calendar ones (the default fiscal
 * year starts in January).
 */
import { malformedQuery, type SalesforceError } from "./salesforce-errors.ts";

const DAY_MS = 86_400_000;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  '"': '"',
  "'": "'",
  "\\": "\\",
};

/** A piece of a decoded string literal: text, or (in LIKE) an unescaped wildcard. */
export type LiteralPiece = { text: string } | { wildcard: "%" | "_" };

function illegalEscape(soql: string, raw: string, sequence: string): SalesforceError {
  const text = `Invalid string literal ${raw}. Illegal character sequence '${sequence}' in string literal.`;
  return malformedQuery(soql, raw, text);
}

function decodeEscape(soql: string, raw: string, body: string, at: number, like: boolean) {
  const next = body.charAt(at + 1);
  const simple = SIMPLE_ESCAPES[next.toLowerCase()] ?? SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { piece: { text: simple }, width: 2 };
  if (like && (next === "%" || next === "_")) return { piece: { text: next }, width: 2 };
  const hex = /^u([0-9A-Fa-f]{4})/.exec(body.slice(at + 1))?.[1];
  if (hex) return { piece: { text: String.fromCharCode(Number.parseInt(hex, 16)) }, width: 6 };
  throw illegalEscape(soql, raw, `\\${next}`);
}

/** Decodes a raw string literal (`'O\'Brien'`); in LIKE mode unescaped `%` and `_` come back as wildcards. */
export function decodeString(soql: string, raw: string, like: boolean): LiteralPiece[] {
  const body = raw.slice(1, -1);
  const pieces: LiteralPiece[] = [];
  for (let at = 0; at < body.length; ) {
    const char = body.charAt(at);
    if (char === "\\") {
      const { piece, width } = decodeEscape(soql, raw, body, at, like);
      pieces.push(piece);
      at += width;
    } else {
      pieces.push(like && (char === "%" || char === "_") ? { wildcard: char } : { text: char });
      at += 1;
    }
  }
  return pieces;
}

/** The text of a decoded literal. */
export function piecesToText(pieces: LiteralPiece[]): string {
  return pieces.map((piece) => ("text" in piece ? piece.text : piece.wildcard)).join("");
}

/** A LIKE pattern as a whole-string, case-insensitive regular expression. */
export function piecesToRegExp(pieces: LiteralPiece[]): RegExp {
  const source = pieces
    .map((piece) => {
      if ("wildcard" in piece) return piece.wildcard === "%" ? "[\\s\\S]*" : "[\\s\\S]";
      return piece.text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${source}$`, "is");
}

/** An instant or a range of them, half-open: a datetime literal is one millisecond wide. */
export interface TimeRange {
  start: number;
  end: number;
}

/** A `YYYY-MM-DD` date literal as the UTC day it names. */
export function parseDateLiteral(soql: string, raw: string): TimeRange {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const start = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(start).toISOString().slice(0, 10) !== raw) {
    throw malformedQuery(soql, raw, `line 1:1 Invalid date: ${raw}`);
  }
  return { start, end: start + DAY_MS };
}

/** A datetime literal (`2026-11-01T00:00:00Z`, `…+02:00`, `…-0800`, optional milliseconds). */
export function parseDateTimeLiteral(soql: string, raw: string): TimeRange {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)(Z|[+-]\d{2}:?\d{2})$/.exec(raw);
  const zone = match?.[2] === "Z" ? "Z" : (match?.[2] ?? "").replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
  const start = match ? Date.parse(`${match[1]}${zone}`) : Number.NaN;
  if (Number.isNaN(start)) throw malformedQuery(soql, raw, `line 1:1 Invalid datetime: ${raw}`);
  return { start, end: start + 1 };
}

type Unit = "DAY" | "WEEK" | "MONTH" | "QUARTER" | "YEAR";

function unitStart(now: Date, unit: Unit, offset: number): number {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const today = Date.UTC(year, month, now.getUTCDate());
  switch (unit) {
    case "DAY":
      return today + offset * DAY_MS;
    case "WEEK":
      return today - now.getUTCDay() * DAY_MS + offset * 7 * DAY_MS;
    case "MONTH":
      return Date.UTC(year, month + offset, 1);
    case "QUARTER":
      return Date.UTC(year, month - (month % 3) + offset * 3, 1);
    case "YEAR":
      return Date.UTC(year + offset, 0, 1);
  }
}

function unitOf(word: string): Unit {
  const singular = word.replace(/S$/, "");
  if (singular === "DAY" || singular === "WEEK" || singular === "MONTH" || singular === "QUARTER") {
    return singular;
  }
  return "YEAR";
}

const DAY_OFFSETS: Readonly<Record<string, number>> = { YESTERDAY: -1, TODAY: 0, TOMORROW: 1 };
const PERIOD_OFFSETS: Readonly<Record<string, number>> = { LAST: -1, THIS: 0, NEXT: 1 };

function span(now: Date, unit: Unit, from: number, to: number): TimeRange {
  return { start: unitStart(now, unit, from), end: unitStart(now, unit, to) };
}

function namedRange(now: Date, name: string): TimeRange | undefined {
  const day = DAY_OFFSETS[name];
  if (day !== undefined) return span(now, "DAY", day, day + 1);
  const period = /^(THIS|LAST|NEXT)_(?:FISCAL_)?(WEEK|MONTH|QUARTER|YEAR)$/.exec(name);
  if (!period) return undefined;
  const offset = PERIOD_OFFSETS[period[1] ?? ""] ?? 0;
  return span(now, unitOf(period[2] ?? ""), offset, offset + 1);
}

function countedRange(now: Date, name: string, n: number): TimeRange | undefined {
  const ago = /^N_(?:FISCAL_)?(DAYS|WEEKS|MONTHS|QUARTERS|YEARS)_AGO$/.exec(name);
  if (ago) return span(now, unitOf(ago[1] ?? ""), -n, -n + 1);
  const counted = /^(LAST|NEXT)_N_(?:FISCAL_)?(DAYS|WEEKS|MONTHS|QUARTERS|YEARS)$/.exec(name);
  if (!counted) return undefined;
  const unit = unitOf(counted[2] ?? "");
  if (counted[1] === "NEXT") return span(now, unit, 1, 1 + n);
  // LAST_N_DAYS counts today in; the longer LAST_N_… periods end where the current one begins.
  return span(now, unit, -n, unit === "DAY" ? 1 : 0);
}

/** A relative date literal (`TODAY`, `LAST_N_DAYS:30`, `NEXT_90_DAYS`, `THIS_MONTH`…) as a range. */
export function relativeDateRange(soql: string, raw: string, now: Date): TimeRange {
  const [name = "", count] = raw.toUpperCase().split(":");
  const fixed = /^(LAST|NEXT)_90_DAYS$/.exec(name);
  const range = fixed
    ? countedRange(now, `${fixed[1]}_N_DAYS`, 90)
    : count === undefined
      ? namedRange(now, name)
      : countedRange(now, name, Number(count));
  if (!range) throw malformedQuery(soql, name, `unexpected token: '${name}'`);
  return range;
}

/** Salesforce's datetime format: `2026-11-18T09:00:00.000+0000`. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

/** Milliseconds of a stored date (`YYYY-MM-DD`) or datetime value, or NaN. */
export function instantOf(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string") return Number.NaN;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
}
