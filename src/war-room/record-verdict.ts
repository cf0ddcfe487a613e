/**
 * A verdict on a hypothesis, from a reaction (added or removed: the platform maps which ones count) or a
 * button.
 * Bots are ignored and only room members count. Every replica derives the same status from the standing
 * verdicts; when every hypothesis of the round is rejected the next round is queued, and a confirmation
 * asks for the resolution.
 */
import { v5 as uuidV5 } from "uuid";
import { caseBundleSchema } from "../domain/case-bundle.ts";
import type { HypothesisStatus } from "../ports/chat-platform.ts";
import type { Sql } from "../storage/database.ts";
import { recordTimelineEvent } from "../storage/escalation-store.ts";
import {
  addVerdict,
  findHypothesisByMessage,
  getHypothesis,
  type HypothesisRecord,
  listHypotheses,
  refreshStatus,
  withdrawVerdict,
} from "../storage/hypothesis-store.ts";
import { markEventProcessed } from "../storage/processed-events.ts";
import { getWarRoom, latestEvidenceSnapshot } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { evidenceNames, toView } from "./hypothesis-views.ts";
import { NEXT_HYPOTHESES_JOB } from "./job-names.ts";
import { refreshSummary } from "./post-hypotheses.ts";

/** A verdict as it arrives from a platform. */
export interface VerdictInput {
  /** The hypothesis, by the message it is shown in (reactions) or by id (buttons). */
  messageRef?: string;
  hypothesisId?: string;
  userId: string;
  isBot: boolean;
  verdict: "confirm" | "reject";
  action: "add" | "withdraw";
  via: "reaction" | "button";
  /** The platform's delivery id; a redelivery with the same id changes nothing. */
  eventId?: string;
}

/** What happened, for the handler. */
export type VerdictOutcome =
  | { kind: "ignored"; reason: "bot" | "not-a-hypothesis" | "not-a-member" | "duplicate" | "unchanged" }
  | { kind: "recorded"; status: HypothesisStatus; escalationId: string };

const NAMESPACE = "5b0f3e2c-4f0e-4b8e-9a51-7d1f3c2b9e10";

async function find(input: VerdictInput, deps: WarRoomDeps): Promise<HypothesisRecord | null> {
  if (input.hypothesisId) return getHypothesis(deps.db, input.hypothesisId);
  return input.messageRef ? findHypothesisByMessage(deps.db, input.messageRef) : null;
}

/** Records or withdraws a verdict and brings the room up to date. */
export async function recordVerdict(input: VerdictInput, deps: WarRoomDeps): Promise<VerdictOutcome> {
  if (input.isBot) return { kind: "ignored", reason: "bot" };
  const hypothesis = await find(input, deps);
  if (!hypothesis) return { kind: "ignored", reason: "not-a-hypothesis" };
  const warRoom = await getWarRoom(deps.db, hypothesis.escalationId);
  if (!warRoom || !(await deps.chat.members(warRoom.room)).includes(input.userId))
    return { kind: "ignored", reason: "not-a-member" };
  const outcome = await deps.db.transaction(async (tx) => {
    if (input.eventId && !(await markEventProcessed(tx, deps.chat.kind, input.eventId)))
      return "duplicate" as const;
    const v = { hypothesisId: hypothesis.id, userId: input.userId, verdict: input.verdict };
    // A button is a choice: clicking Reject after Confirm changes one's mind. Reactions can stand side by side.
    if (input.via === "button" && input.action === "add") {
      await withdrawVerdict(tx, { ...v, verdict: input.verdict === "confirm" ? "reject" : "confirm" });
    }
    const did =
      input.action === "add" ? await addVerdict(tx, { ...v, via: input.via }) : await withdrawVerdict(tx, v);
    if (!did) return "unchanged" as const;
    const change = await refreshStatus(tx, hypothesis.id);
    await recordTimelineEvent(tx, {
      escalationId: hypothesis.escalationId,
      kind: `verdict-${input.action}`,
      actor: input.userId,
      data: { hypothesisId: hypothesis.id, verdict: input.verdict, via: input.via },
    });
    // The next round is queued in the same transaction: whatever happens to the room edits below, it is not lost.
    const allRejected = await queueNextRoundIfAllRejected(tx, hypothesis, deps);
    return { ...change, allRejected };
  });
  if (typeof outcome === "string") return { kind: "ignored", reason: outcome };
  deps.queue.wake(NEXT_HYPOTHESES_JOB);
  await refreshRoom(hypothesis, outcome, deps);
  return { kind: "recorded", status: outcome.status, escalationId: hypothesis.escalationId };
}

async function queueNextRoundIfAllRejected(
  tx: Sql,
  hypothesis: HypothesisRecord,
  deps: WarRoomDeps,
): Promise<boolean> {
  const all = await listHypotheses(tx, hypothesis.escalationId);
  const latest = Math.max(...all.map((h) => h.round));
  const round = all.filter((h) => h.round === hypothesis.round);
  if (hypothesis.round !== latest || !round.every((h) => h.status === "rejected")) return false;
  // One job per round whatever the number of replicas and deliveries: the id is derived from the round.
  const id = uuidV5(`${hypothesis.escalationId}:${hypothesis.round + 1}`, NAMESPACE);
  await deps.queue.send(
    NEXT_HYPOTHESES_JOB,
    { escalationId: hypothesis.escalationId, round: hypothesis.round + 1 },
    { id, tx },
  );
  return true;
}

/**
 * Brings the room up to date after a committed verdict. Best effort: the verdict and any next round are
 * already stored, and the next verdict or round refreshes these messages again.
 */
async function refreshRoom(
  hypothesis: HypothesisRecord,
  outcome: { previous: HypothesisStatus; status: HypothesisStatus; allRejected: boolean },
  deps: WarRoomDeps,
): Promise<void> {
  try {
    const warRoom = await getWarRoom(deps.db, hypothesis.escalationId);
    if (!warRoom) return;
    const bundle = caseBundleSchema.parse(await latestEvidenceSnapshot(deps.db, hypothesis.escalationId));
    const now = (await getHypothesis(deps.db, hypothesis.id))!;
    if (now.messageRef)
      await deps.chat.update(now.messageRef, {
        kind: "hypothesis",
        view: toView(now, evidenceNames(bundle)),
      });
    const note = outcome.allRejected
      ? "Every hypothesis was rejected: looking for the next ones."
      : undefined;
    await refreshSummary(hypothesis.escalationId, warRoom.room, bundle, deps, note);
    if (outcome.status === "confirmed" && outcome.previous !== "confirmed") {
      await deps.chat.post(warRoom.room, {
        kind: "resolution-prompt",
        escalationId: hypothesis.escalationId,
        hypothesisId: now.id,
        title: now.hypothesis.title,
      });
    }
  } catch (error) {
    deps.logger.warn(
      { err: error, escalationId: hypothesis.escalationId },
      "verdict stored, but the room could not be updated",
    );
  }
}
