/**
 * Builds the weekly digest of one ISO week from warroom's store: every number from SQL (query-*.ts), the
 * CRM's accounts for base rates, and a sentence for executives that an LLM may reword but not renumber.
 */

import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import type { Logger } from "../logger.ts";
import type { CrmAccount } from "../ports/crm-source.ts";
import type { LlmClient } from "../ports/llm-client.ts";
import type { Sql } from "../storage/database.ts";
import type { Digest } from "./digest.ts";
import { type DigestScope, digestScope } from "./digest-scope.ts";
import type { DigestWeek } from "./digest-week.ts";
import { queryKnowledge, queryOpen, queryTiming, queryWeeklyCounts } from "./query-activity.ts";
import { queryKnowledgeGaps } from "./query-knowledge-gaps.ts";
import { escalationRates, queryFirstHypothesis } from "./query-leader-figures.ts";
import { queryBotQuality, queryPatterns } from "./query-patterns.ts";
import { queryCategoryChart, queryCohorts, queryRootCauses } from "./query-root-causes.ts";
import { queryRadarDigest } from "./radar-section.ts";
import { polishHeadline, writeHeadline } from "./write-headline.ts";

/** What a digest is built from. */
export interface DigestInput {
  week: DigestWeek;
  timeZone: string;
  /** Every account in the CRM (segment, industry, ARR, contract and renewal dates, owner). */
  accounts: CrmAccount[];
  now: Date;
  /** Tickets the CRM holds created inside a window (optional: without it the per-ticket rate is n/a). */
  countTickets?: ((window: { since: Date; until: Date }) => Promise<number>) | undefined;
  llm?: LlmClient | null;
  logger: Logger;
}

/** The date of `at` in `timeZone`. */
const localDay = (at: Date, timeZone: string) => format(new TZDate(at.getTime(), timeZone), "yyyy-MM-dd");

/** At most this many open escalations are listed (all are counted). */
const OPEN_LISTED = 15;

/** The digest of `input.week`. */
export async function buildDigest(sql: Sql, input: DigestInput): Promise<Digest> {
  const s = digestScope(input.week, input.timeZone, input.accounts);
  const [trend, open, timing, knowledge, rootCauses, chart, cohorts, patterns, bot, first, tickets, gaps] =
    await Promise.all([
      queryWeeklyCounts(sql, s),
      queryOpen(sql, s, OPEN_LISTED),
      queryTiming(sql, s),
      queryKnowledge(sql, s),
      queryRootCauses(sql, s),
      queryCategoryChart(sql, s),
      queryCohorts(sql, s),
      queryPatterns(sql, s),
      queryBotQuality(sql, s),
      queryFirstHypothesis(sql, s),
      countTickets(s, input),
      queryKnowledgeGaps(sql, s.quarterStart, s.week.end),
    ]);
  const current = trend.at(-1) ?? { week: s.week.label, opened: 0, resolved: 0 };
  const previous = trend.at(-2) ?? { week: "", opened: 0, resolved: 0 };
  const escalations = { ...current, previous, trend };
  const headline = writeHeadline({ rootCauses, escalations, arrAtRisk: open.arrAtRisk });
  const rates = escalationRates({ escalations, rootCauses }, input.accounts.length, tickets);
  return {
    week: s.week.label,
    timeZone: input.timeZone,
    from: s.week.start.toISOString(),
    to: s.week.end.toISOString(),
    days: {
      first: localDay(s.week.start, input.timeZone),
      last: localDay(new Date(s.week.end.getTime() - 1), input.timeZone),
    },
    generatedAt: input.now.toISOString(),
    headline: await polishHeadline(headline, input.llm ?? null, input.logger),
    escalations,
    open: open.open,
    timing: {
      ...timing,
      medianHoursToFirstHypothesis: first.week,
      quarter: { ...timing.quarter, medianHoursToFirstHypothesis: first.quarter },
    },
    rootCauses,
    rates,
    cohorts,
    patterns,
    arrAtRisk: open.arrAtRisk,
    bot,
    knowledge,
    knowledgeGaps: gaps,
    chart,
    radar: await queryRadarDigest(sql, s),
  };
}

/** Tickets created this week and over the last 13 weeks, when the CRM can count them. */
async function countTickets(
  s: DigestScope,
  input: DigestInput,
): Promise<{ week: number | null; quarter: number | null }> {
  if (!input.countTickets) return { week: null, quarter: null };
  const [week, quarter] = await Promise.all([
    input.countTickets({ since: s.week.start, until: s.week.end }),
    input.countTickets({ since: s.quarterStart, until: s.week.end }),
  ]);
  return { week, quarter };
}
