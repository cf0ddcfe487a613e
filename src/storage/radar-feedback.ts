/**
 * The radar's feedback loop, measured over a window: of its alerts, how many were acted on (a war-room
 * opened from the button), dismissed, or escalated anyway; of the escalations opened, how many had an alert
 * on the same account first, and how many days earlier.
 */
import type { Sql } from "./database.ts";

/** How the radar did in a window. */
export interface RadarFeedback {
  alerts: number;
  acted: number;
  dismissed: number;
  /** Neither acted on nor dismissed yet. */
  unanswered: number;
  /** Not acted on, yet the account escalated within `followDays` after the alert. */
  escalatedAnyway: number;
  escalations: number;
  /** Escalations with an alert on the same account in the `followDays` before they opened. */
  alertedFirst: number;
  /** Days from the first such alert to the escalation, per alerted escalation, ascending. */
  leadDays: number[];
}

/** The feedback over alerts created, and escalations opened, in [since, until). */
export async function measureRadarFeedback(
  sql: Sql,
  window: { since: Date; until: Date },
  followDays = 30,
): Promise<RadarFeedback> {
  const [alerts] = await sql.query<{ [k: string]: number }>(
    `SELECT count(*)::int AS alerts,
            count(*) FILTER (WHERE outcome = 'acted')::int AS acted,
            count(*) FILTER (WHERE outcome = 'dismissed')::int AS dismissed,
            count(*) FILTER (WHERE outcome IS NULL)::int AS unanswered,
            count(*) FILTER (WHERE outcome IS DISTINCT FROM 'acted' AND EXISTS (
              SELECT 1 FROM escalations e WHERE e.account_id = r.account_id
                AND e.opened_at > r.created_at AND e.opened_at <= r.created_at + make_interval(days => $3)))::int AS escalated_anyway
       FROM risk_alerts r WHERE r.created_at >= $1 AND r.created_at < $2`,
    [window.since, window.until, followDays],
  );
  const leads = await sql.query<{ lead_days: number | null }>(
    `SELECT (SELECT extract(epoch FROM e.opened_at - min(r.created_at)) / 86400 FROM risk_alerts r
              WHERE r.account_id = e.account_id AND r.created_at < e.opened_at
                AND r.created_at >= e.opened_at - make_interval(days => $3)) AS lead_days
       FROM escalations e WHERE e.opened_at >= $1 AND e.opened_at < $2`,
    [window.since, window.until, followDays],
  );
  const leadDays = leads
    .map((r) => r.lead_days)
    .filter((d): d is number => d !== null)
    .map((d) => Math.round(Number(d) * 10) / 10)
    .sort((a, b) => a - b);
  return {
    alerts: alerts?.alerts ?? 0,
    acted: alerts?.acted ?? 0,
    dismissed: alerts?.dismissed ?? 0,
    unanswered: alerts?.unanswered ?? 0,
    escalatedAnyway: alerts?.escalated_anyway ?? 0,
    escalations: leads.length,
    alertedFirst: leadDays.length,
    leadDays,
  };
}
