/**
 * Which escalation a room belongs to (for commands typed inside a war-room).
 */
import { findWarRoomByChannel } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";

/** The escalation id of the war-room in `channelId`, or null when it is not a war-room. */
export async function findEscalationByRoom(channelId: string, deps: WarRoomDeps): Promise<string | null> {
  return (await findWarRoomByChannel(deps.db, deps.chat.kind, channelId))?.escalationId ?? null;
}
