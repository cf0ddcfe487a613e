/**
 * The figures leaders compare across weeks: how often accounts escalate (per 100 accounts, per 1,000
 * tickets) and how soon a war-room puts a first hypothesis in front of people. Rates count escalations
 * opened in the window against the CRM's accounts and the tickets created in the same window.
 */
import type { Sql } from "../storage/database.ts";
import type { Digest, EscalationRate } from "./digest.ts";
import { type DigestScope, toNullableNumber } from "./digest-scope.ts";

/** Hours to four decimals (about a third of a second): a first hypothesis comes in seconds, not hours. */
const hours = (v: unknown) => {
  const n = toNullableNumber(v);
  return n === null ? null : Math.round(n * 10_000) / 10_000;
};

/**
 * Median hours from the command (the escalation's opening) to its first stored hypothesis, for escalations
 * opened this week and over the last 13 weeks. History imported from a dataset has no hypotheses and
 * does not count.
 */
export async function queryFirstHypothesis(
  sql: Sql,
  s: DigestScope,
): Promise<{ week: number | null; quarter: number | null }> {
  const rows = await sql.query<{ this_week: boolean | null; median: unknown }>(
    `WITH firsts AS (
       SELECT e.opened_at >= $1::timestamptz AS this_week,
              extract(epoch FROM min(h.created_at) - e.opened_at) / 3600 AS to_first
       FROM escalations e JOIN hypotheses h ON h.escalation_id = e.id
       WHERE e.opened_at >= $2 AND e.opened_at < $3
       GROUP BY e.id, e.opened_at)
     SELECT this_week, percentile_cont(0.5) WITHIN GROUP (ORDER BY to_first) AS median
     FROM firsts GROUP BY ROLLUP (this_week)`,
    [s.week.start, s.quarterStart, s.week.end],
  );
  return {
    week: hours(rows.find((r) => r.this_week === true)?.median),
    quarter: hours(rows.find((r) => r.this_week === null)?.median),
  };
}

/** Escalations opened against accounts and tickets; null where the base is unknown or empty. */
export function escalationRate(
  escalations: number,
  accounts: number,
  tickets: number | null,
): EscalationRate {
  const per = (base: number | null, unit: number) =>
    base === null || base <= 0 ? null : Math.round((escalations / base) * unit * 10) / 10;
  return {
    escalations,
    accounts,
    per100Accounts: per(accounts, 100),
    tickets,
    per1000Tickets: per(tickets, 1000),
  };
}

/** This week's and the last 13 weeks' rates. */
export function escalationRates(
  d: Pick<Digest, "escalations" | "rootCauses">,
  accounts: number,
  tickets: { week: number | null; quarter: number | null },
): Digest["rates"] {
  return {
    week: escalationRate(d.escalations.opened, accounts, tickets.week),
    quarter: escalationRate(d.rootCauses.opened, accounts, tickets.quarter),
  };
}
