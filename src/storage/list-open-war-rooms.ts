/**
 * Open war-rooms, for the App Home: account, severity, age, link (imported history has no room).
 */
import type { Sql } from "./database.ts";
import { IS_WAR_ROOM } from "./escalation-store.ts";

/** One open war-room. */
export interface OpenWarRoom {
  escalationId: string;
  accountId: string;
  accountName: string;
  severity: string;
  openedAt: Date;
  url: string | null;
}

/** Open escalations with their rooms, oldest first. */
export async function listOpenWarRooms(sql: Sql): Promise<OpenWarRoom[]> {
  const rows = await sql.query<{
    id: string;
    account_id: string;
    account_name: string;
    severity: string;
    opened_at: Date;
    url: string | null;
  }>(
    `SELECT e.id, e.account_id, e.account_name, e.severity, e.opened_at, w.url FROM escalations e
     LEFT JOIN war_rooms w ON w.escalation_id = e.id WHERE e.status = 'open' AND e.${IS_WAR_ROOM} ORDER BY e.opened_at`,
  );
  return rows.map((r) => ({
    escalationId: r.id,
    accountId: r.account_id,
    accountName: r.account_name,
    severity: r.severity,
    openedAt: new Date(r.opened_at),
    url: r.url,
  }));
}
