/**
 * Named cursors in the database: the watermark of the CRM case poll, the knowledge base's incremental read,
 * a back-off deadline. Shared by every replica, kept across restarts.
 */
import type { Sql } from "./database.ts";

/** The value of a cursor, or null when it was never set. */
export async function getCursor(sql: Sql, name: string): Promise<string | null> {
  const [row] = await sql.query<{ value: string }>("SELECT value FROM cursors WHERE name = $1", [name]);
  return row?.value ?? null;
}

/** Sets a cursor. */
export async function setCursor(sql: Sql, name: string, value: string): Promise<void> {
  await sql.query(
    `INSERT INTO cursors (name, value) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = now()`,
    [name, value],
  );
}

/** Moves a time cursor forward to `at`; never backwards (a slow replica cannot rewind it). */
export async function advanceTimeCursor(sql: Sql, name: string, at: Date): Promise<void> {
  await sql.query(
    `INSERT INTO cursors (name, value) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = now()
     WHERE cursors.value::timestamptz < excluded.value::timestamptz`,
    [name, at.toISOString()],
  );
}
