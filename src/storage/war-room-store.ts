/**
 * War-rooms and their members. A war-room row is written as soon as the platform created the room, so a
 * retried job finds it instead of creating a second channel.
 */
import type { RoomRef } from "../ports/chat-platform.ts";
import type { Sql } from "./database.ts";

/** A stored war-room with the references of its standing messages. */
export interface WarRoomRecord {
  escalationId: string;
  room: RoomRef;
  private: boolean;
  contextRef: string | null;
  summaryRef: string | null;
  archivedAt: Date | null;
}

interface WarRoomRow {
  [column: string]: unknown;
  escalation_id: string;
  platform: string;
  channel_id: string;
  name: string;
  url: string;
  private: boolean;
  context_ref: string | null;
  summary_ref: string | null;
  archived_at: Date | null;
}

function fromRow(row: WarRoomRow): WarRoomRecord {
  return {
    escalationId: row.escalation_id,
    room: { platform: row.platform, id: row.channel_id, name: row.name, url: row.url },
    private: row.private,
    contextRef: row.context_ref,
    summaryRef: row.summary_ref,
    archivedAt: row.archived_at,
  };
}

/** Records the room created for an escalation. */
export async function saveWarRoom(
  sql: Sql,
  escalationId: string,
  room: RoomRef,
  isPrivate: boolean,
): Promise<void> {
  await sql.query(
    `INSERT INTO war_rooms (escalation_id, platform, channel_id, name, url, private) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (escalation_id) DO NOTHING`,
    [escalationId, room.platform, room.id, room.name, room.url, isPrivate],
  );
}

/** The war-room of an escalation, or null. */
export async function getWarRoom(sql: Sql, escalationId: string): Promise<WarRoomRecord | null> {
  const rows = await sql.query<WarRoomRow>("SELECT * FROM war_rooms WHERE escalation_id = $1", [
    escalationId,
  ]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The war-room living in a platform channel, or null. */
export async function findWarRoomByChannel(
  sql: Sql,
  platform: string,
  channelId: string,
): Promise<WarRoomRecord | null> {
  const rows = await sql.query<WarRoomRow>(
    "SELECT * FROM war_rooms WHERE platform = $1 AND channel_id = $2",
    [platform, channelId],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Remembers where the context card or the summary message is, to edit it later. */
export async function saveStandingMessage(
  sql: Sql,
  escalationId: string,
  which: "context" | "summary",
  ref: string,
): Promise<void> {
  const column = which === "context" ? "context_ref" : "summary_ref";
  await sql.query(`UPDATE war_rooms SET ${column} = $2 WHERE escalation_id = $1`, [escalationId, ref]);
}

/** Marks the room archived. */
export async function markArchived(sql: Sql, escalationId: string): Promise<void> {
  await sql.query("UPDATE war_rooms SET archived_at = now() WHERE escalation_id = $1", [escalationId]);
}

/** Records who was invited (or joined), keeping the first join time. */
export async function addMembers(
  sql: Sql,
  escalationId: string,
  members: { userId: string; role: string }[],
): Promise<void> {
  for (const m of members) {
    await sql.query(
      `INSERT INTO war_room_members (escalation_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (escalation_id, user_id) DO UPDATE SET left_at = NULL`,
      [escalationId, m.userId, m.role],
    );
  }
}

/** Stores the case bundle a war-room was analysed on. */
export async function saveEvidenceSnapshot(sql: Sql, escalationId: string, bundle: unknown): Promise<void> {
  await sql.query("INSERT INTO evidence_snapshots (escalation_id, bundle) VALUES ($1, $2)", [
    escalationId,
    JSON.stringify(bundle),
  ]);
}

/** The latest case bundle of an escalation, or null. */
export async function latestEvidenceSnapshot(sql: Sql, escalationId: string): Promise<unknown | null> {
  const rows = await sql.query<{ bundle: unknown }>(
    "SELECT bundle FROM evidence_snapshots WHERE escalation_id = $1 ORDER BY taken_at DESC, id DESC LIMIT 1",
    [escalationId],
  );
  return rows[0]?.bundle ?? null;
}

/**
 * Whether the war-room of an escalation is fully posted: the summary exists and every hypothesis of the
 * latest round has its message, or the room said it has nothing to analyse yet.
 */
export async function isWarRoomReady(sql: Sql, escalationId: string): Promise<boolean> {
  const [row] = await sql.query<{ ready: boolean }>(
    `SELECT w.summary_ref IS NOT NULL
        AND EXISTS (SELECT 1 FROM hypotheses h WHERE h.escalation_id = w.escalation_id)
        AND NOT EXISTS (SELECT 1 FROM hypotheses h WHERE h.escalation_id = w.escalation_id AND h.message_ref IS NULL
                          AND h.round = (SELECT max(round) FROM hypotheses WHERE escalation_id = w.escalation_id))
        OR EXISTS (SELECT 1 FROM timeline_events t WHERE t.escalation_id = w.escalation_id AND t.kind = 'nothing-to-analyse') AS ready
     FROM war_rooms w WHERE w.escalation_id = $1`,
    [escalationId],
  );
  return row?.ready === true;
}

/** The people who own a war-room: its requester, the account's CSM and the responders routing invited. */
export async function listOwnerIds(sql: Sql, escalationId: string): Promise<string[]> {
  const rows = await sql.query<{ user_id: string }>(
    `SELECT user_id FROM war_room_members WHERE escalation_id = $1 AND role IN ('requester', 'csm', 'responder')
     ORDER BY joined_at, user_id`,
    [escalationId],
  );
  return rows.map((r) => r.user_id);
}
