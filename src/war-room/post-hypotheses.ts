/**
 * Posts hypotheses one message each (so a reaction belongs to one hypothesis) and keeps the summary
 * message current by editing it in place.
 */
import type { CaseBundle } from "../domain/case-bundle.ts";
import { recordFirstHypothesis } from "../metrics/metrics.ts";
import type { HypothesisView, RoomRef } from "../ports/chat-platform.ts";
import { getEscalation } from "../storage/escalation-store.ts";
import { getAnalysis, listHypotheses, saveHypothesisMessage } from "../storage/hypothesis-store.ts";
import { listTasks } from "../storage/task-store.ts";
import { getWarRoom, saveStandingMessage } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { evidenceNames, toView } from "./hypothesis-views.ts";
import { llmViewOf } from "./read-llm-view.ts";
import { messageKey } from "./recover-posted.ts";

/** Observes the time from the command to the war-room's first hypothesis (GET /metrics). */
async function countFirstHypothesis(escalationId: string, deps: WarRoomDeps): Promise<void> {
  const escalation = await getEscalation(deps.db, escalationId);
  if (escalation) recordFirstHypothesis(escalation.openedAt);
}

/** Posts every hypothesis of the latest round that has no message yet; returns that round's views. */
export async function postUnpostedHypotheses(
  escalationId: string,
  room: RoomRef,
  bundle: CaseBundle,
  deps: WarRoomDeps,
): Promise<HypothesisView[]> {
  const all = await listHypotheses(deps.db, escalationId);
  const round = Math.max(0, ...all.map((h) => h.round));
  const names = evidenceNames(bundle);
  const views: HypothesisView[] = [];
  for (const record of all.filter((h) => h.round === round)) {
    const view = toView(record, names);
    if (!record.messageRef) {
      const ref = await deps.chat.post(
        room,
        { kind: "hypothesis", view },
        { key: messageKey.hypothesis(escalationId, record.id) },
      );
      await saveHypothesisMessage(deps.db, record.id, ref);
      if (record.round === 1 && record.hypothesis.rank === 1) await countFirstHypothesis(escalationId, deps);
    }
    views.push(view);
  }
  return views;
}

/** Posts the summary of the latest round, or edits it in place when it exists. */
export async function refreshSummary(
  escalationId: string,
  room: RoomRef,
  bundle: CaseBundle,
  deps: WarRoomDeps,
  note?: string,
): Promise<void> {
  const all = await listHypotheses(deps.db, escalationId);
  const round = Math.max(0, ...all.map((h) => h.round));
  const analysis = await getAnalysis(deps.db, escalationId, round);
  if (!analysis) return;
  const names = evidenceNames(bundle);
  const views = all.filter((h) => h.round === round).map((h) => toView(h, names));
  const tasks = (await listTasks(deps.db, escalationId)).map((t) => ({
    number: t.number,
    owner: t.owner,
    text: t.text,
    due: t.due,
    done: t.status === "done",
  }));
  // The LLM's view of the round stays on the summary through every later edit.
  const llmNote = (await llmViewOf(escalationId, round, deps.db))?.note;
  const said = [llmNote, note].filter(Boolean).join(" ");
  const message = {
    kind: "summary" as const,
    escalationId,
    analysis,
    views,
    ...(said ? { note: said } : {}),
    ...(tasks.length ? { tasks } : {}),
  };
  const warRoom = await getWarRoom(deps.db, escalationId);
  if (warRoom?.summaryRef) {
    await deps.chat.update(warRoom.summaryRef, message);
    return;
  }
  const ref = await deps.chat.post(room, message, { key: messageKey.summary(escalationId) });
  await saveStandingMessage(deps.db, escalationId, "summary", ref);
}
