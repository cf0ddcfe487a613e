/**
 * What every digest query shares: the week, the weeks of the trend, the quarter, and two small tables passed
 * in as JSON (the CRM's accounts for base rates, the fixed category table) so that all arithmetic happens
 * in SQL next to the data.
 */
import { CATEGORIES, CATEGORY_INFO } from "../domain/categories.ts";
import type { CrmAccount } from "../ports/crm-source.ts";
import { type DigestWeek, weeksEndingWith } from "./digest-week.ts";

/** Weeks in the trend and the chart, this one included. */
export const TREND_WEEKS = 8;
/** Weeks in "the last 13 weeks" (called the quarter in code and JSON). */
export const QUARTER_WEEKS = 13;
/** How far back a recurring pattern may reach. */
export const PATTERN_DAYS = 30;

/** The windows and side tables of one digest. */
export interface DigestScope {
  week: DigestWeek;
  timeZone: string;
  trend: DigestWeek[];
  quarterStart: Date;
  /** The end of each of the quarter's weeks: when accounts are counted for base rates. */
  quarterWeekEnds: Date[];
  /** Trend week boundaries for width_bucket: each week's start, then the last week's end. */
  bounds: Date[];
  /** The CRM's accounts as JSON rows (id, name, segment, industry, arr, contract_start, renewal_date, owner_email). */
  accountsJson: string;
  /** category → dimension, preventable_by as JSON rows. */
  categoriesJson: string;
}

const day = (value: string | undefined) => (value ? value.slice(0, 10) : null);

/** The scope of the digest of `week`. */
export function digestScope(week: DigestWeek, timeZone: string, accounts: CrmAccount[]): DigestScope {
  const trend = weeksEndingWith(week, TREND_WEEKS, timeZone);
  const quarter = weeksEndingWith(week, QUARTER_WEEKS, timeZone);
  return {
    week,
    timeZone,
    trend,
    quarterStart: quarter[0]?.start ?? week.start,
    quarterWeekEnds: quarter.map((w) => w.end),
    bounds: [...trend.map((w) => w.start), week.end],
    accountsJson: JSON.stringify(
      accounts.map((a) => ({
        id: a.id,
        name: a.name,
        segment: a.segment ?? null,
        industry: a.industry ?? null,
        arr: a.arr ?? null,
        contract_start: day(a.contractStart),
        renewal_date: day(a.renewalDate),
        owner_email: a.ownerEmail ?? null,
      })),
    ),
    categoriesJson: JSON.stringify(
      CATEGORIES.map((c) => ({
        category: c,
        dimension: CATEGORY_INFO[c].dimension,
        preventable_by: CATEGORY_INFO[c].preventableBy,
      })),
    ),
  };
}

/** SQL for the accounts table of a scope passed as parameter `$n`. */
export const accountsTable = (n: number) =>
  `jsonb_to_recordset($${n}::jsonb) AS a(id text, name text, segment text, industry text, arr numeric, contract_start date, renewal_date date, owner_email text)`;

/** SQL for the category table of a scope passed as parameter `$n`. */
export const categoriesTable = (n: number) =>
  `jsonb_to_recordset($${n}::jsonb) AS c(category text, dimension text, preventable_by text)`;

/** Numbers as JavaScript numbers (the drivers return numeric and bigint as strings). */
export const toNumber = (value: unknown): number =>
  value === null || value === undefined ? 0 : Number(value);
export const toNullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
