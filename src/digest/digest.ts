/**
 * The weekly digest for CS leaders (`warroom digest --format json` prints this shape; README documents it).
 * Every number is computed in SQL from warroom's store; only `headline` may be reworded by an LLM, and
 * then only when every number in it survives.
 */
import type { Category } from "../domain/categories.ts";
import type { KnowledgeGap } from "./query-knowledge-gaps.ts";
import type { RadarDigest } from "./radar-section.ts";

/** Counts for one week. */
export interface WeekCounts {
  week: string;
  opened: number;
  resolved: number;
}

/** An escalation still open at the end of the week. */
export interface OpenEscalation {
  id: string;
  account: string;
  severity: string;
  ageDays: number;
  /** The account's CSM (the CRM owner's email), else who asked for the war-room. */
  owner: string | null;
  arr: number | null;
  roomUrl: string | null;
}

/** A root-cause category over the last 13 weeks. */
export interface CategoryRow {
  category: Category;
  count: number;
  /** ARR of the accounts behind those escalations (each account once). */
  arr: number;
  thisWeek: number;
}

/** A segment, industry or lifecycle stage: its share of escalations against its share of accounts. */
export interface CohortRow {
  value: string;
  escalations: number;
  share: number;
  accountShare: number;
  /** share and accountShare as whole percentages, rounded so that each dimension's values add up to 100. */
  percent: number;
  accountPercent: number;
  /** share / accountShare: above 1 escalates more than its size suggests. */
  ratio: number | null;
}

/** One category and product area at three or more accounts within 30 days. */
export interface RecurringPattern {
  category: Category;
  productArea: string;
  accounts: string[];
  escalations: string[];
  firstOpened: string;
  lastOpened: string;
}

/** Escalations opened in a window against the accounts and the tickets behind them. */
export interface EscalationRate {
  escalations: number;
  /** Accounts in the CRM when the digest was built. */
  accounts: number;
  per100Accounts: number | null;
  /** Tickets created in the window; null when the CRM cannot count them. */
  tickets: number | null;
  per1000Tickets: number | null;
}

/** The digest of one ISO week. */
export interface Digest {
  week: string;
  timeZone: string;
  from: string;
  to: string;
  /** The week's first and last day as dates in its time zone ("2026-11-16", "2026-11-22"). */
  days: { first: string; last: string };
  generatedAt: string;
  /** One sentence for executives. */
  headline: string;
  escalations: WeekCounts & { previous: WeekCounts; trend: WeekCounts[] };
  open: { count: number; items: OpenEscalation[] };
  timing: {
    /** Escalations resolved this week / over the last 13 weeks. */
    resolved: number;
    /** From the command to the first hypothesis, for escalations opened this week (war-rooms only). */
    medianHoursToFirstHypothesis: number | null;
    medianHoursToRootCause: number | null;
    medianHoursToResolution: number | null;
    quarter: {
      resolved: number;
      medianHoursToFirstHypothesis: number | null;
      medianHoursToRootCause: number | null;
      medianHoursToResolution: number | null;
    };
  };
  rootCauses: {
    /** The 13 weeks ending with this one. */
    since: string;
    /** Escalations opened in those weeks, and how many of them have a validated root cause. */
    opened: number;
    total: number;
    categories: CategoryRow[];
    preventable: { product: number; process: number; external: number };
  };
  /** How often escalations happen: this week and over the last 13 weeks. */
  rates: { week: EscalationRate; quarter: EscalationRate };
  cohorts: { segments: CohortRow[]; industries: CohortRow[]; lifecycle: CohortRow[] };
  patterns: RecurringPattern[];
  arrAtRisk: { open: number; openAccounts: number; renewingWithin90Days: number; renewingAccounts: number };
  bot: {
    /** War-rooms resolved over the last 13 weeks whose first round was judged. */
    warRooms: number;
    /** Share whose first-ranked hypothesis a person confirmed. */
    firstHypothesisConfirmed: number | null;
    graded: number;
    exact: number;
    rightArea: number;
    wrong: number;
  };
  knowledge: { findingsAdded: number; closedWithoutFinding: number };
  /** Root causes that recurred over the last 13 weeks without a usable article (query-knowledge-gaps.ts). */
  knowledgeGaps: KnowledgeGap[];
  /** The escalation-risk radar's feedback loop (absent in digests built before the radar existed). */
  radar?: RadarDigest;
  /** Root-cause categories per week over the trend's weeks (the chart). */
  chart: {
    weeks: string[];
    series: { category: Category; counts: number[] }[];
    /** Escalations opened each week whose root cause is not validated yet. */
    unvalidated: number[];
  };
}
