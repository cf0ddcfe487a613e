/**
 * Opening an escalation and queueing its war-room happen in one transaction: the job exists only if the
 * escalation does, and a second request for the same account (or the same CRM case) finds the first.
 */
import {
  type NewEscalation,
  type OpenEscalationResult,
  openEscalation,
  recordTimelineEvent,
} from "../storage/escalation-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { OPEN_WAR_ROOM_JOB } from "./job-names.ts";

/** Opens the escalation (or finds the open one) and queues its war-room; wakes this replica's worker. */
export async function openEscalationAndQueue(
  input: NewEscalation,
  requested: { actor: string; data: Record<string, unknown> },
  deps: WarRoomDeps,
): Promise<OpenEscalationResult> {
  const result = await deps.db.transaction(async (tx) => {
    const opened = await openEscalation(tx, input);
    if (opened.created) {
      await recordTimelineEvent(tx, {
        escalationId: opened.escalation.id,
        kind: "requested",
        actor: requested.actor,
        data: requested.data,
      });
      await deps.queue.send(OPEN_WAR_ROOM_JOB, { escalationId: opened.escalation.id }, { tx });
    }
    return opened;
  });
  // The job became visible at commit: this replica's worker can take it now rather than at its next poll.
  if (result.created) deps.queue.wake(OPEN_WAR_ROOM_JOB);
  return result;
}
