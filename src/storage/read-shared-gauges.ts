/**
 * What every replica shares, read at scrape time for GET /metrics: jobs by queue and state (pg-boss's
 * table) and war-rooms open now. Each replica answers the same numbers; a dashboard takes max(), not sum().
 */
import type { Sql } from "./database.ts";

/** Jobs by queue and state; none before pg-boss has installed its schema. */
export async function countJobsByState(sql: Sql): Promise<{ name: string; state: string; n: number }[]> {
  const [installed] = await sql.query<{ present: boolean }>(
    "SELECT to_regclass('pgboss.job') IS NOT NULL AS present",
  );
  if (!installed?.present) return [];
  return sql.query<{ name: string; state: string; n: number }>(
    "SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job GROUP BY 1, 2 ORDER BY 1, 2",
  );
}

/** Escalations open now that have a war-room, by platform. */
export async function countOpenWarRooms(sql: Sql): Promise<{ platform: string; n: number }[]> {
  return sql.query<{ platform: string; n: number }>(
    `SELECT w.platform, count(*)::int AS n FROM escalations e JOIN war_rooms w ON w.escalation_id = e.id
     WHERE e.status = 'open' GROUP BY 1 ORDER BY 1`,
  );
}
