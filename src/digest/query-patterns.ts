/**
 * Recurring patterns and the bot's own record, in SQL. A pattern is one root-cause category in one product
 * area at three or more accounts within 30 days. The bot is judged on war-rooms resolved over the quarter:
 * was its first-ranked hypothesis the one people confirmed, and how close was it to the validated finding.
 */
import type { Category } from "../domain/categories.ts";
import type { Sql } from "../storage/database.ts";
import type { Digest, RecurringPattern } from "./digest.ts";
import { categoriesTable, type DigestScope, PATTERN_DAYS } from "./digest-scope.ts";

/** Categories and product areas shared by 3+ accounts in the 30 days up to the week's end. */
export async function queryPatterns(sql: Sql, s: DigestScope): Promise<RecurringPattern[]> {
  const rows = await sql.query<{
    category: Category;
    area: string;
    accounts: string[];
    escalations: string[];
    first_opened: Date;
    last_opened: Date;
  }>(
    `WITH judged AS (
       SELECT e.id, e.account_id, e.account_name, e.opened_at, f.category,
              CASE WHEN jsonb_array_length(coalesce(f.metadata->'productAreas', '[]')) > 0 THEN f.metadata->'productAreas'
                   ELSE jsonb_build_array(e.metadata->>'productArea') END AS areas
       FROM escalations e JOIN findings f ON f.escalation_id = e.id
       WHERE e.opened_at >= $1::timestamptz - make_interval(days => $2) AND e.opened_at < $1::timestamptz)
     SELECT category, area, array_agg(DISTINCT account_name ORDER BY account_name) AS accounts,
            array_agg(id ORDER BY opened_at, id) AS escalations, min(opened_at) AS first_opened, max(opened_at) AS last_opened
     FROM judged CROSS JOIN LATERAL jsonb_array_elements_text(areas) AS area
     WHERE area IS NOT NULL AND area <> ''
     GROUP BY category, area HAVING count(DISTINCT account_id) >= 3
     ORDER BY count(DISTINCT account_id) DESC, max(opened_at) DESC, category, area`,
    [s.week.end, PATTERN_DAYS],
  );
  return rows.map((r) => ({
    category: r.category,
    productArea: r.area,
    accounts: r.accounts,
    escalations: r.escalations,
    firstOpened: new Date(r.first_opened).toISOString(),
    lastOpened: new Date(r.last_opened).toISOString(),
  }));
}

/**
 * War-rooms resolved or closed over the quarter: how many had their first-ranked hypothesis confirmed; and,
 * for those with a validated finding, that hypothesis graded against it: exact when it is the hypothesis people confirmed (or names the same category and causal evidence);
 * right area when it names the same category, or one of the same dimension that the same side could have
 * prevented (our outage for our defect); wrong otherwise.
 */
export async function queryBotQuality(sql: Sql, s: DigestScope): Promise<Digest["bot"]> {
  const [row] = await sql.query<{
    n: number;
    confirmed: number;
    graded: number;
    exact: number;
    right_area: number;
  }>(
    `WITH cats AS (SELECT * FROM ${categoriesTable(3)}),
     judged AS (
       SELECT h1.status = 'confirmed' AS first_confirmed, f.escalation_id IS NOT NULL AS graded,
              (h1.category = f.category AND (h1.id::text = f.metadata->>'hypothesisId'
                 OR (hc.id IS NOT NULL AND h1.evidence_ids[1] = hc.evidence_ids[1]))) AS exact,
              (h1.category = f.category OR (c1.dimension = cf.dimension AND c1.preventable_by = cf.preventable_by)) AS same_area
       FROM escalations e
       JOIN hypotheses h1 ON h1.escalation_id = e.id AND h1.round = 1 AND h1.rank = 1
       LEFT JOIN findings f ON f.escalation_id = e.id
       LEFT JOIN hypotheses hc ON hc.id::text = f.metadata->>'hypothesisId'
       JOIN cats c1 ON c1.category = h1.category LEFT JOIN cats cf ON cf.category = f.category
       WHERE coalesce(e.resolved_at, e.closed_at) >= $1 AND coalesce(e.resolved_at, e.closed_at) < $2)
     SELECT count(*)::int AS n, (count(*) FILTER (WHERE first_confirmed))::int AS confirmed,
            (count(*) FILTER (WHERE graded))::int AS graded,
            (count(*) FILTER (WHERE graded AND exact))::int AS exact,
            (count(*) FILTER (WHERE graded AND NOT exact AND same_area))::int AS right_area
     FROM judged`,
    [s.quarterStart, s.week.end, s.categoriesJson],
  );
  const n = row?.n ?? 0;
  const graded = row?.graded ?? 0;
  return {
    warRooms: n,
    firstHypothesisConfirmed: n === 0 ? null : Math.round(((row?.confirmed ?? 0) / n) * 1000) / 1000,
    graded,
    exact: row?.exact ?? 0,
    rightArea: row?.right_area ?? 0,
    wrong: graded - (row?.exact ?? 0) - (row?.right_area ?? 0),
  };
}
