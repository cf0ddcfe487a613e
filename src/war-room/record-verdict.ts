/**
 * A verdict on a hypothesis, from a reaction (✅ confirms, ❌ rejects; removing it withdraws) or a button.
 * Bots are ignored and only room members count. Every replica derives the same status from the standing
 * verdicts; when every hypothesis of the round is rejected the next round is queued, and a confirmation
 * asks for the resolution.
 */
import { v5 as uuidV5 } from "uuid";
import { caseBundleSchema } from "../domain/case-bundle.ts";
import type { HypothesisStatus } from "../ports/chat-platform.ts";
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

/** Reaction names that confirm or reject. */
export const VERDICT_REACTIONS: Readonly<Record<string, "confirm" | "reject">> = {
  white_check_mark: "confirm",
  heavy_check_mark: "confirm",
  x: "reject",
};

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
  const changed = await deps.db.transaction(async (tx) => {
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
    await refreshStatus(tx, hypothesis.id);
    await recordTimelineEvent(tx, {
      escalationId: hypothesis.escalationId,
      kind: `verdict-${input.action}`,
      actor: input.userId,
      data: { hypothesisId: hypothesis.id, verdict: input.verdict, via: input.via },
    });
    return "changed" as const;
  });
  if (changed !== "changed") return { kind: "ignored", reason: changed };
  const status = await afterVerdict(hypothesis, deps);
  return { kind: "recorded", status, escalationId: hypothesis.escalationId };
}

async function afterVerdict(before: HypothesisRecord, deps: WarRoomDeps): Promise<HypothesisStatus> {
  const warRoom = await getWarRoom(deps.db, before.escalationId);
  const bundle = caseBundleSchema.parse(await latestEvidenceSnapshot(deps.db, before.escalationId));
  const now = (await getHypothesis(deps.db, before.id))!;
  if (warRoom && now.messageRef)
    await deps.chat.update(now.messageRef, { kind: "hypothesis", view: toView(now, evidenceNames(bundle)) });
  const round = await listHypotheses(deps.db, before.escalationId, before.round);
  const latest = Math.max(...(await listHypotheses(deps.db, before.escalationId)).map((h) => h.round));
  const allRejected = round.every((h) => h.status === "rejected");
  if (warRoom)
    await refreshSummary(
      before.escalationId,
      warRoom.room,
      bundle,
      deps,
      allRejected ? "Every hypothesis was rejected: looking for the next ones." : undefined,
    );
  if (allRejected && before.round === latest) {
    // One job per round whatever the number of replicas and deliveries: the id is derived from the round.
    const id = uuidV5(`${before.escalationId}:${before.round + 1}`, NAMESPACE);
    await deps.queue.send(
      NEXT_HYPOTHESES_JOB,
      { escalationId: before.escalationId, round: before.round + 1 },
      { id },
    );
  }
  if (now.status === "confirmed" && before.status !== "confirmed" && warRoom) {
    await deps.chat.post(warRoom.room, {
      kind: "resolution-prompt",
      escalationId: before.escalationId,
      hypothesisId: now.id,
      title: now.hypothesis.title,
    });
  }
  return now.status;
}
