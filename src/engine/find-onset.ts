/**
 * Finds when the problem started. Tickets are often opened days after the first failure, and agents write
 * down the real start ("errors since Nov 10", "first failure 14:06 UTC", "since 22:40 UTC yesterday"), so
 * explicit dates next to a start word are read with chrono-node, relative to when they were written.
 */
import * as chrono from "chrono-node/en";
import { isSpeculative } from "./classify-sentences.ts";
import { splitSentences } from "./tokenize-text.ts";

const DAY = 86_400_000;
const START_WORDS = /\b(?:since|from|earliest|first|started|starting|began|beginning|as of)\b/i;
/** "worked until 09:12 UTC on Apr 14 and on none after that": the date is where it stopped working. */
const UNTIL_WORDS = /\b(?:until|up to|till)\b/i;
const AFTERWARDS = /\b(?:after (?:that|it|this)|since then|afterwards|from then on|thereafter)\b/i;
const ONWARDS = /^\s*(?:onwards|on)\b/i;
// chrono is comparatively slow; only sentences that could hold a date or time are handed to it.
const DATE_HINT =
  /\d|\b(?:yesterday|today|tonight|last|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|midnight|noon|morning|afternoon|evening)\b/i;

/** A piece of text with the moment it was written, for resolving "yesterday" and "14:06 UTC". */
export interface DatedText {
  readonly text: string;
  readonly at: number;
  /** Evidence id the text belongs to, if any. */
  readonly evidenceId?: string;
}

/** An explicit start time found in text. */
export interface StartMention {
  readonly at: number;
  /** True for a time of day; false for a day named without one. */
  readonly precise: boolean;
  readonly evidenceId?: string;
  readonly phrase: string;
}

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const WEEKDAY_OF_WEEK =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:of\s+)?(?:the\s+)?(last|previous|this)\s+week\b/i;

const VAGUE_SPAN = /\b(?:last|past|previous|this)\s+(?:week|month|year|quarter)\b|\bago\b/i;
const PART_OF_DAY = /\b(?:morning|afternoon|evening|night|tonight|noon|midnight)\b/i;

/**
 * Resolves a parsed date. Times ("14:06 UTC", "22:40 UTC yesterday") are precise; days ("Nov 10",
 * "Monday morning") are vague and start at midnight unless a part of the day is named; spans ("last
 * week", "a month ago") and bare months are too loose to date an onset and are dropped.
 */
function resolve(
  result: chrono.ParsedResult,
  writtenAt: number,
): { at: number; precise: boolean } | undefined {
  const start = result.start;
  const date = start.date();
  if (start.isCertain("hour")) {
    let at = date.getTime();
    // A bare time later than the moment of writing means the previous day ("since 22:40 UTC" said at 07:55).
    if (at > writtenAt && !start.isCertain("day")) at -= DAY;
    return { at, precise: true };
  }
  const span = VAGUE_SPAN.test(result.text) && !WEEKDAY_OF_WEEK.test(result.text);
  if (span || !(start.isCertain("day") || start.isCertain("weekday"))) return undefined;
  const at = PART_OF_DAY.test(result.text)
    ? date.getTime()
    : Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return { at, precise: false };
}

/**
 * chrono reads "Tuesday of last week" as the most recent Tuesday; the weekday of the previous (or this)
 * calendar week is meant. Returns the corrected time, keeping the time of day, or undefined.
 */
function weekdayOfWeek(sentence: string, result: chrono.ParsedResult, writtenAt: number, at: number) {
  const m = WEEKDAY_OF_WEEK.exec(sentence.slice(result.index, result.index + result.text.length + 30));
  if (!m?.[1] || !m[2]) return undefined;
  const written = new Date(writtenAt);
  const monday =
    Date.UTC(written.getUTCFullYear(), written.getUTCMonth(), written.getUTCDate()) -
    ((written.getUTCDay() + 6) % 7) * DAY;
  const weekStart = /^this$/i.test(m[2]) ? monday : monday - 7 * DAY;
  return weekStart + WEEKDAYS.indexOf(m[1].toLowerCase()) * DAY + (((at % DAY) + DAY) % DAY);
}

/**
 * True when a start word sits just before the date ("since Nov 10", "earliest ...: 2026-04-07"), or the
 * date ends a good spell that the sentence says stopped ("up to 09:12 UTC on Apr 14 and none after that").
 * A span ("from Apr 1 to Apr 30") is the window someone looked at, not when anything started.
 */
function nearStartWord(sentence: string, result: chrono.ParsedResult): boolean {
  const before = sentence.slice(Math.max(0, result.index - 50), result.index);
  const after = sentence.slice(result.index + result.text.length);
  if (result.end && !/\bsince\b/i.test(before)) return false;
  if (UNTIL_WORDS.test(before.slice(-25)) && AFTERWARDS.test(after)) return true;
  return START_WORDS.test(before) || ONWARDS.test(after);
}

/** Explicit start dates in `texts`, skipping guesses; results are never after the text was written. */
export function findStartMentions(texts: readonly DatedText[]): StartMention[] {
  const out: StartMention[] = [];
  for (const piece of texts) {
    for (const sentence of splitSentences(piece.text)) {
      const startish =
        START_WORDS.test(sentence) || (UNTIL_WORDS.test(sentence) && AFTERWARDS.test(sentence));
      if (!startish || !DATE_HINT.test(sentence) || isSpeculative(sentence)) continue;
      const results = chrono.parse(sentence, { instant: new Date(piece.at), timezone: "UTC" });
      for (const r of results) {
        if (!nearStartWord(sentence, r)) continue;
        const resolved = resolve(r, piece.at);
        if (!resolved) continue;
        const at = weekdayOfWeek(sentence, r, piece.at, resolved.at) ?? resolved.at;
        if (Number.isFinite(at) && at <= piece.at) {
          out.push({
            ...resolved,
            at,
            phrase: r.text,
            ...(piece.evidenceId ? { evidenceId: piece.evidenceId } : {}),
          });
        }
      }
    }
  }
  return out;
}

/**
 * The onset: the earliest of the first episode ticket and the explicit start mentions. Mentions more
 * than `maxLeadDays` before the first ticket are history, not onset; a day named without a time only
 * counts when it is a different, earlier day than anything precise ("since Nov 10" for a ticket of Nov
 * 18), so "since Monday morning" never overrides "since 06:58 UTC" from the logs.
 */
export function chooseOnset(
  firstTicketAt: number,
  mentions: readonly StartMention[],
  maxLeadDays = 120,
): { at: number; mention?: StartMention } {
  const inRange = mentions.filter(
    (m) => !Number.isFinite(firstTicketAt) || m.at >= firstTicketAt - maxLeadDays * DAY,
  );
  let best: { at: number; mention?: StartMention } = { at: firstTicketAt };
  for (const m of inRange.filter((x) => x.precise)) {
    if (!Number.isFinite(best.at) || m.at < best.at) best = { at: m.at, mention: m };
  }
  for (const m of inRange.filter((x) => !x.precise)) {
    if (!Number.isFinite(best.at) || m.at < best.at - DAY) best = { at: m.at, mention: m };
  }
  return best;
}
