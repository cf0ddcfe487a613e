/**
 * Which accounts stored tickets belong to: the radar rescans those accounts after their tickets changed.
 */
import type { Sql } from "./database.ts";

/** The distinct accounts of the stored tickets `ids`. */
export async function listTicketAccounts(sql: Sql, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql.query<{ account_id: string }>(
    "SELECT DISTINCT account_id FROM tickets WHERE id = ANY($1::text[]) ORDER BY 1",
    [ids],
  );
  return rows.map((r) => r.account_id);
}

/** The distinct accounts with an open stored ticket. */
export async function listOpenTicketAccounts(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ account_id: string }>(
    "SELECT DISTINCT account_id FROM tickets WHERE closed_at IS NULL ORDER BY 1",
  );
  return rows.map((r) => r.account_id);
}
