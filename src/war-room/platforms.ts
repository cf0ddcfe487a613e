/**
 * Several chat platforms at once: each escalation belongs to the platform it was opened from, so its jobs
 * (opening the room, the next hypotheses, the finding's link) run with that platform's deps. Escalations no
 * chat request opened (escalated CRM cases, the terminal) go to the primary platform (WAR_ROOM_PLATFORM).
 */
import { getEscalationMetadata } from "../storage/escalation-store.ts";
import type { WarRoomDeps } from "./deps.ts";

/** The war-room deps of every configured platform. */
export interface WarRoomPlatforms {
  /** Where escalations that no chat request opened go: WAR_ROOM_PLATFORM, the only platform, or the terminal. */
  primary: WarRoomDeps;
  /** Each configured platform's deps, by `ChatPlatform.kind`. */
  byKind: ReadonlyMap<string, WarRoomDeps>;
}

/** One platform only (the terminal, a test's fake). */
export function singlePlatform(deps: WarRoomDeps): WarRoomPlatforms {
  return { primary: deps, byKind: new Map([[deps.chat.kind, deps]]) };
}

/** The deps of the platform `kind`, or the primary one when that platform is not configured. */
export function depsForPlatform(platforms: WarRoomPlatforms, kind: unknown): WarRoomDeps {
  return (typeof kind === "string" ? platforms.byKind.get(kind) : undefined) ?? platforms.primary;
}

/** The deps of the platform an escalation belongs to (recorded when it was requested). */
export async function depsForEscalation(
  escalationId: string,
  platforms: WarRoomPlatforms,
): Promise<WarRoomDeps> {
  if (platforms.byKind.size === 1) return platforms.primary;
  const { platform } = await getEscalationMetadata(platforms.primary.db, escalationId);
  return depsForPlatform(platforms, platform);
}
