/**
 * Inbound events already handled: Slack retries, Teams redeliveries and Salesforce polls repeat events;
 * the first insert of an id wins and everything after it is a no-op.
 */
import type { Sql } from "./database.ts";

/**
 * Records an inbound event id; true the first time, false for a retry or duplicate delivery. Call it in
 * the same transaction as the event's effects so a failure leaves the event unprocessed.
 */
export async function markEventProcessed(sql: Sql, source: string, eventId: string): Promise<boolean> {
  const rows = await sql.query(
    "INSERT INTO processed_events (source, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1",
    [source, eventId],
  );
  return rows.length === 1;
}
