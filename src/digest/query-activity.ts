/**
 * The digest's activity numbers, in SQL: escalations opened and resolved per week, what is still open at
 * the week's end (with age, owner and the ARR it puts at risk), how long root causes and resolutions take,
 * and what the knowledge base gained.
 */
import type { Sql } from "../storage/database.ts";
import type { Digest, OpenEscalation, WeekCounts } from "./digest.ts";
import { accountsTable, type DigestScope, toNullableNumber, toNumber } from "./digest-scope.ts";

/** Opened and resolved per trend week (the last one is the digest's week). */
export async function queryWeeklyCounts(sql: Sql, s: DigestScope): Promise<WeekCounts[]> {
  const rows = await sql.query<{ kind: string; bucket: number; n: number }>(
    `SELECT 'opened' AS kind, width_bucket(opened_at, $1::timestamptz[]) AS bucket, count(*)::int AS n
       FROM escalations WHERE opened_at >= $2 AND opened_at < $3 GROUP BY 2
     UNION ALL
     SELECT 'resolved', width_bucket(resolved_at, $1::timestamptz[]), count(*)::int
       FROM escalations WHERE resolved_at >= $2 AND resolved_at < $3 GROUP BY 2`,
    [s.bounds, s.trend[0]?.start, s.week.end],
  );
  return s.trend.map((week, i) => {
    const n = (kind: string) => rows.find((r) => r.kind === kind && r.bucket === i + 1)?.n ?? 0;
    return { week: week.label, opened: n("opened"), resolved: n("resolved") };
  });
}

const OPEN_AT_END = `e.opened_at < $1::timestamptz AND (e.resolved_at IS NULL OR e.resolved_at >= $1::timestamptz)
  AND (e.closed_at IS NULL OR e.closed_at >= $1::timestamptz)`;

/** A renewal in the 90 days after the week's end. */
const RENEWING = `renewal_date >= ($1::timestamptz AT TIME ZONE $3)::date
  AND renewal_date < (($1::timestamptz + interval '90 days') AT TIME ZONE $3)::date`;

/** Escalations open at the week's end (oldest first, at most `limit` listed) and the ARR they put at risk. */
export async function queryOpen(
  sql: Sql,
  s: DigestScope,
  limit: number,
): Promise<Pick<Digest, "open" | "arrAtRisk">> {
  const listed = await sql.query<{
    id: string;
    account_name: string;
    severity: string;
    age_days: number;
    owner: string | null;
    arr: unknown;
    url: string | null;
    total: number;
  }>(
    `WITH accounts AS (SELECT * FROM ${accountsTable(2)})
     SELECT e.id, e.account_name, e.severity, floor(extract(epoch FROM $1::timestamptz - e.opened_at) / 86400)::int AS age_days,
            coalesce(a.owner_email, e.requested_by) AS owner, coalesce(a.arr, e.arr) AS arr, w.url,
            count(*) OVER ()::int AS total
     FROM escalations e LEFT JOIN accounts a ON a.id = e.account_id LEFT JOIN war_rooms w ON w.escalation_id = e.id
     WHERE ${OPEN_AT_END}
     ORDER BY e.opened_at, e.id LIMIT $3`,
    [s.week.end, s.accountsJson, limit],
  );
  const [risk] = await sql.query<{
    open: unknown;
    open_accounts: number;
    renewing: unknown;
    renewing_accounts: number;
  }>(
    `WITH accounts AS (SELECT * FROM ${accountsTable(2)}),
     at_risk AS (
       SELECT DISTINCT ON (e.account_id) e.account_id, coalesce(a.arr, e.arr, 0) AS arr, a.renewal_date
       FROM escalations e LEFT JOIN accounts a ON a.id = e.account_id WHERE ${OPEN_AT_END}
       ORDER BY e.account_id, e.opened_at DESC)
     SELECT coalesce(sum(arr), 0) AS open, count(*)::int AS open_accounts,
            coalesce(sum(arr) FILTER (WHERE ${RENEWING}), 0) AS renewing,
            (count(*) FILTER (WHERE ${RENEWING}))::int AS renewing_accounts
     FROM at_risk`,
    [s.week.end, s.accountsJson, s.timeZone],
  );
  const items: OpenEscalation[] = listed.map((r) => ({
    id: r.id,
    account: r.account_name,
    severity: r.severity,
    ageDays: r.age_days,
    owner: r.owner,
    arr: toNullableNumber(r.arr),
    roomUrl: r.url,
  }));
  return {
    open: { count: listed[0]?.total ?? 0, items },
    arrAtRisk: {
      open: toNumber(risk?.open),
      openAccounts: risk?.open_accounts ?? 0,
      renewingWithin90Days: toNumber(risk?.renewing),
      renewingAccounts: risk?.renewing_accounts ?? 0,
    },
  };
}

/**
 * Median hours from opening to the first confirmed root cause (the first ✅ on a hypothesis, else the
 * recorded finding) and to resolution, for escalations resolved this week and over the last 13 weeks.
 */
export async function queryTiming(
  sql: Sql,
  s: DigestScope,
): Promise<
  Omit<Digest["timing"], "medianHoursToFirstHypothesis" | "quarter"> & {
    quarter: Omit<Digest["timing"]["quarter"], "medianHoursToFirstHypothesis">;
  }
> {
  const rows = await sql.query<{ this_week: boolean; n: number; cause: unknown; resolution: unknown }>(
    `WITH confirmed AS (
       SELECT h.escalation_id, min(v.at) AS at
       FROM verdicts v JOIN hypotheses h ON h.id = v.hypothesis_id
       LEFT JOIN findings fh ON fh.escalation_id = h.escalation_id
       WHERE v.verdict = 'confirm' AND v.withdrawn_at IS NULL
         AND (h.status = 'confirmed' OR h.id::text = fh.metadata->>'hypothesisId')
       GROUP BY h.escalation_id),
     resolved AS (
       SELECT e.resolved_at >= $1::timestamptz AS this_week,
              -- History imported from a dataset records no moment of confirmation: it has no time to cause.
              CASE WHEN f.kb_sync_state = 'imported' THEN NULL
                   ELSE extract(epoch FROM coalesce(c.at, f.created_at) - e.opened_at) / 3600 END AS to_cause,
              extract(epoch FROM e.resolved_at - e.opened_at) / 3600 AS to_resolution
       FROM escalations e LEFT JOIN confirmed c ON c.escalation_id = e.id LEFT JOIN findings f ON f.escalation_id = e.id
       WHERE e.resolved_at >= $2 AND e.resolved_at < $3)
     SELECT this_week, count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY to_cause) AS cause,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY to_resolution) AS resolution
     FROM resolved GROUP BY ROLLUP (this_week)`,
    [s.week.start, s.quarterStart, s.week.end],
  );
  const week = rows.find((r) => r.this_week === true);
  const quarter = rows.find((r) => r.this_week === null);
  const hours = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return {
    resolved: week?.n ?? 0,
    medianHoursToRootCause: hours(week?.cause),
    medianHoursToResolution: hours(week?.resolution),
    quarter: {
      resolved: quarter?.n ?? 0,
      medianHoursToRootCause: hours(quarter?.cause),
      medianHoursToResolution: hours(quarter?.resolution),
    },
  };
}

/** Findings added this week, and escalations closed this week without one. */
export async function queryKnowledge(sql: Sql, s: DigestScope): Promise<Digest["knowledge"]> {
  const [row] = await sql.query<{ added: number; without: number }>(
    `SELECT (SELECT count(*) FROM findings WHERE created_at >= $1 AND created_at < $2)::int AS added,
            (SELECT count(*) FROM escalations e WHERE e.closed_at >= $1 AND e.closed_at < $2
               AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.escalation_id = e.id))::int AS without`,
    [s.week.start, s.week.end],
  );
  return { findingsAdded: row?.added ?? 0, closedWithoutFinding: row?.without ?? 0 };
}
