/**
 * What a catch-up is built from besides the hypotheses and the timeline: who is in the room, when the room
 * was ready, and who was already caught up (once per person per room, whatever the replicas and retries).
 */
import type { Sql } from "./database.ts";

/** A person in a war-room, with the role they were invited as. */
export interface WarRoomMember {
  userId: string;
  role: string;
  joinedAt: Date;
}

/** People in the room now (not left), in the order they came. */
export async function listWarRoomMembers(sql: Sql, escalationId: string): Promise<WarRoomMember[]> {
  const rows = await sql.query<{ user_id: string; role: string; joined_at: Date }>(
    "SELECT user_id, role, joined_at FROM war_room_members WHERE escalation_id = $1 AND left_at IS NULL ORDER BY joined_at, user_id",
    [escalationId],
  );
  return rows.map((r) => ({ userId: r.user_id, role: r.role, joinedAt: new Date(r.joined_at) }));
}

/** Marks the room ready (everything of its opening posted); the first time stands. */
export async function markWarRoomReady(sql: Sql, escalationId: string, at: Date): Promise<void> {
  await sql.query("UPDATE war_rooms SET ready_at = coalesce(ready_at, $2) WHERE escalation_id = $1", [
    escalationId,
    at,
  ]);
}

/** When the room was ready, or null while it is being opened. */
export async function warRoomReadyAt(sql: Sql, escalationId: string): Promise<Date | null> {
  const [row] = await sql.query<{ ready_at: Date | null }>(
    "SELECT ready_at FROM war_rooms WHERE escalation_id = $1",
    [escalationId],
  );
  return row?.ready_at ? new Date(row.ready_at) : null;
}

/** Claims the catch-up of one person in one room: true the first time, false ever after. */
export async function claimCatchUp(sql: Sql, escalationId: string, userId: string): Promise<boolean> {
  const rows = await sql.query(
    "INSERT INTO catch_ups (escalation_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1",
    [escalationId, userId],
  );
  return rows.length === 1;
}

/** Records that a claimed catch-up reached the person. */
export async function markCatchUpSent(sql: Sql, escalationId: string, userId: string): Promise<void> {
  await sql.query("UPDATE catch_ups SET sent_at = now() WHERE escalation_id = $1 AND user_id = $2", [
    escalationId,
    userId,
  ]);
}
