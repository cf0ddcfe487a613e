/**
 * Why escalations happened, in SQL: root-cause categories over the quarter by count and by ARR, the share
 * preventable by product, by process or external, the categories per week for the chart, and which
 * segments, industries and lifecycle stages escalate against their share of accounts.
 */
import { CATEGORIES, type Category } from "../domain/categories.ts";
import type { Sql } from "../storage/database.ts";
import type { CohortRow, Digest } from "./digest.ts";
import { accountsTable, categoriesTable, type DigestScope, toNumber } from "./digest-scope.ts";
import { roundShares } from "./round-shares.ts";

/** Categories over the quarter (count, ARR of distinct accounts, this week) and the preventable split. */
export async function queryRootCauses(sql: Sql, s: DigestScope): Promise<Digest["rootCauses"]> {
  const rows = await sql.query<{
    category: Category;
    n: number;
    this_week: number;
    arr: unknown;
    preventable_by: string;
  }>(
    `WITH accounts AS (SELECT * FROM ${accountsTable(4)}), cats AS (SELECT * FROM ${categoriesTable(5)}),
     judged AS (
       SELECT f.category, e.account_id, e.opened_at, coalesce(a.arr, e.arr, 0) AS arr
       FROM escalations e JOIN findings f ON f.escalation_id = e.id LEFT JOIN accounts a ON a.id = e.account_id
       WHERE e.opened_at >= $1 AND e.opened_at < $3),
     by_account AS (
       SELECT category, sum(arr) AS arr FROM (
         SELECT DISTINCT ON (category, account_id) category, account_id, arr FROM judged
         ORDER BY category, account_id, opened_at DESC) d
       GROUP BY category)
     SELECT j.category, count(*)::int AS n, (count(*) FILTER (WHERE j.opened_at >= $2))::int AS this_week,
            max(b.arr) AS arr, max(c.preventable_by) AS preventable_by
     FROM judged j JOIN by_account b ON b.category = j.category JOIN cats c ON c.category = j.category
     GROUP BY j.category ORDER BY n DESC, arr DESC, j.category`,
    [s.quarterStart, s.week.start, s.week.end, s.accountsJson, s.categoriesJson],
  );
  const [opened] = await sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM escalations WHERE opened_at >= $1 AND opened_at < $2",
    [s.quarterStart, s.week.end],
  );
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  const by = (side: string) => rows.filter((r) => r.preventable_by === side).reduce((n, r) => n + r.n, 0);
  // Thousandths that add up to exactly 1, so the rendered percentages add up to 100 too.
  const [product = 0, process = 0, external = 0] = roundShares(
    [by("product"), by("process"), by("external")],
    1000,
  );
  return {
    since: s.quarterStart.toISOString(),
    opened: opened?.n ?? 0,
    total,
    categories: rows.map((r) => ({
      category: r.category,
      count: r.n,
      arr: toNumber(r.arr),
      thisWeek: r.this_week,
    })),
    preventable: { product: product / 1000, process: process / 1000, external: external / 1000 },
  };
}

/** Root-cause categories of escalations opened in each trend week. */
export async function queryCategoryChart(sql: Sql, s: DigestScope): Promise<Digest["chart"]> {
  const rows = await sql.query<{ category: Category | null; bucket: number; n: number }>(
    `SELECT f.category, width_bucket(e.opened_at, $1::timestamptz[]) AS bucket, count(*)::int AS n
     FROM escalations e LEFT JOIN findings f ON f.escalation_id = e.id
     WHERE e.opened_at >= $2 AND e.opened_at < $3 GROUP BY 1, 2`,
    [s.bounds, s.trend[0]?.start, s.week.end],
  );
  const present = CATEGORIES.filter((c) => rows.some((r) => r.category === c));
  return {
    weeks: s.trend.map((w) => w.label),
    series: present.map((category) => ({
      category,
      counts: s.trend.map((_, i) => rows.find((r) => r.category === category && r.bucket === i + 1)?.n ?? 0),
    })),
    unvalidated: s.trend.map((_, i) => rows.find((r) => r.category === null && r.bucket === i + 1)?.n ?? 0),
  };
}

/** Calendar months from `start` to `at`, plus one (the same count as src/domain/lifecycle.ts). */
const monthsSince = (start: string, at: string) =>
  `(extract(year FROM age(${at}, ${start}::timestamptz)) * 12 + extract(month FROM age(${at}, ${start}::timestamptz)) + 1)`;

/** The lifecycle stage at `at` of a contract that started at `start` (month 1 is the first). */
const lifecycle = (start: string, at: string) => {
  const months = monthsSince(start, at);
  return `CASE
    WHEN ${start} IS NULL THEN 'unknown'
    WHEN ${at} < ${start}::timestamptz THEN 'before contract start'
    WHEN ${months} <= 3 THEN 'months 1-3'
    WHEN ${months} <= 6 THEN 'months 4-6'
    WHEN ${months} <= 12 THEN 'months 7-12'
    WHEN ${months} <= 24 THEN 'months 13-24'
    ELSE 'months 25+' END`;
};

/**
 * Segments, industries and lifecycle stages: escalations over the quarter against accounts. Accounts are
 * counted at the end of each of the quarter's weeks (only those already customers then), so an account
 * counts in each lifecycle stage for as long as it spent there, as its escalations do.
 */
export async function queryCohorts(sql: Sql, s: DigestScope): Promise<Digest["cohorts"]> {
  const rows = await sql.query<{ dim: string; value: string; escalations: number; accounts: number }>(
    `WITH accounts AS (SELECT * FROM ${accountsTable(3)}),
     esc AS (
       SELECT coalesce(a.segment, e.segment, 'unknown') AS segment, coalesce(a.industry, 'unknown') AS industry,
              ${lifecycle("a.contract_start", "e.opened_at")} AS lifecycle
       FROM escalations e LEFT JOIN accounts a ON a.id = e.account_id
       WHERE e.opened_at >= $1 AND e.opened_at < $2),
     acc AS (
       SELECT coalesce(segment, 'unknown') AS segment, coalesce(industry, 'unknown') AS industry,
              ${lifecycle("contract_start", "snapshot")} AS lifecycle
       FROM accounts CROSS JOIN unnest($4::timestamptz[]) AS snapshot
       WHERE contract_start IS NULL OR contract_start < (snapshot AT TIME ZONE $5)::date),
     counted AS (
       SELECT 'segment' AS dim, segment AS value, count(*) AS n, 0 AS m FROM esc GROUP BY 2
       UNION ALL SELECT 'industry', industry, count(*), 0 FROM esc GROUP BY 2
       UNION ALL SELECT 'lifecycle', lifecycle, count(*), 0 FROM esc GROUP BY 2
       UNION ALL SELECT 'segment', segment, 0, count(*) FROM acc GROUP BY 2
       UNION ALL SELECT 'industry', industry, 0, count(*) FROM acc GROUP BY 2
       UNION ALL SELECT 'lifecycle', lifecycle, 0, count(*) FROM acc GROUP BY 2)
     SELECT dim, value, sum(n)::int AS escalations, sum(m)::int AS accounts FROM counted GROUP BY 1, 2`,
    [s.quarterStart, s.week.end, s.accountsJson, s.quarterWeekEnds, s.timeZone],
  );
  const cohort = (dim: string): CohortRow[] => {
    const own = rows.filter((r) => r.dim === dim);
    const escalations = own.reduce((n, r) => n + r.escalations, 0);
    const accounts = own.reduce((n, r) => n + r.accounts, 0);
    // Whole percentages over every value (listed or not), so a full list adds up to 100%.
    const percents = roundShares(own.map((r) => r.escalations));
    const accountPercents = roundShares(own.map((r) => r.accounts));
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return own
      .map((r, i) => {
        const share = escalations === 0 ? 0 : r.escalations / escalations;
        const accountShare = accounts === 0 ? 0 : r.accounts / accounts;
        return {
          value: r.value,
          escalations: r.escalations,
          share: round(share),
          accountShare: round(accountShare),
          percent: percents[i] ?? 0,
          accountPercent: accountPercents[i] ?? 0,
          ratio: accountShare > 0 ? Math.round((share / accountShare) * 100) / 100 : null,
        };
      })
      .filter((r) => r.escalations > 0)
      .sort(
        (a, b) =>
          b.escalations - a.escalations || (b.ratio ?? 0) - (a.ratio ?? 0) || a.value.localeCompare(b.value),
      );
  };
  return { segments: cohort("segment"), industries: cohort("industry"), lifecycle: cohort("lifecycle") };
}
