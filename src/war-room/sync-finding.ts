/**
 * The outbox's worker: writes a committed finding to the knowledge base, once; failures are recorded and
 * the job is retried with backoff, so a knowledge-base outage delays the write but never loses it.
 */

import { describeFailure } from "../describe-failure.ts";
import type { WrittenFinding } from "../ports/knowledge-base.ts";
import { recordTimelineEvent } from "../storage/escalation-store.ts";
import { getFinding, markFindingSynced, markFindingSyncFailed } from "../storage/finding-store.ts";
import { getWarRoom } from "../storage/war-room-store.ts";
import { buildFindingDocument } from "./build-finding-document.ts";
import type { WarRoomDeps } from "./deps.ts";

/**
 * Syncs the finding of an escalation (no-op when already synced). One sync per escalation at a time across
 * replicas: two jobs for one finding (resolved twice while the knowledge base was down) take turns, and the
 * second finds the work done or writes the newer revision.
 */
export async function syncFinding(escalationId: string, deps: WarRoomDeps): Promise<void> {
  await deps.db.withLock(`sync-finding:${escalationId}`, () => syncUnlocked(escalationId, deps));
}

async function syncUnlocked(escalationId: string, deps: WarRoomDeps): Promise<void> {
  const finding = await getFinding(deps.db, escalationId);
  if (!finding || finding.kbSyncState === "synced" || finding.kbSyncState === "imported") return;
  const document = await buildFindingDocument(deps.db, escalationId);
  if (!document) return;
  let written: WrittenFinding;
  try {
    written = await deps.knowledge.writeFinding(document);
  } catch (error) {
    // `/escalate status` shows this to people: words, not the client's message (that goes to the log).
    deps.logger.warn({ err: error, escalationId }, "finding not written to the knowledge base yet");
    await markFindingSyncFailed(deps.db, escalationId, describeFailure(error));
    throw error;
  }
  // Saved again while this revision was being written: the newer one's own job writes it.
  if (!(await markFindingSynced(deps.db, escalationId, finding.revision, written))) return;
  await recordTimelineEvent(deps.db, { escalationId, kind: "finding-synced", data: { ...written } });
  const warRoom = await getWarRoom(deps.db, escalationId);
  // A rewrite of the same entry (its follow-ups changed) is not news for the room.
  if (warRoom && finding.kbUrl !== written.url)
    await deps.chat.post(warRoom.room, {
      kind: "text",
      text: `Finding saved to the ${deps.knowledge.name}: ${written.url}`,
    });
}
