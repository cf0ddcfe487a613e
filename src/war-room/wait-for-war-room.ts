/**
 * Waits until the open-war-room job has posted everything (summary and every hypothesis), for callers that run the job
 * in-process and want to finish with it (`warroom escalate`).
 */
import { isWarRoomReady } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";

/** Resolves true once the summary is posted, false after `timeoutMs`. */
export async function waitForWarRoom(
  escalationId: string,
  deps: WarRoomDeps,
  timeoutMs = 120_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isWarRoomReady(deps.db, escalationId)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
