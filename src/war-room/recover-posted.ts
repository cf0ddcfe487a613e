/**
 * The keys of the messages a war-room posts, and what a resumed job does with them: a run that crashed
 * after a post but before recording it left a message the next run must not post again. The platform
 * finds its keyed messages (ChatPlatform.findPosted) and their references are recorded as if the first run
 * had done it. Later posts carry their keys, so a lost answer is looked up rather than posted twice.
 */
import type { MessageKey, RoomRef } from "../ports/chat-platform.ts";
import { listTimelineEvents, recordTimelineEvent } from "../storage/escalation-store.ts";
import { listHypotheses, saveHypothesisMessage } from "../storage/hypothesis-store.ts";
import { getWarRoom, saveStandingMessage } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";

/** The key of one of an escalation's messages. */
export const messageKey = {
  context: (escalationId: string): MessageKey => ({ escalationId, name: "context" }),
  summary: (escalationId: string): MessageKey => ({ escalationId, name: "summary" }),
  hypothesis: (escalationId: string, hypothesisId: string): MessageKey => ({
    escalationId,
    name: `hypothesis:${hypothesisId}`,
  }),
  nothingToAnalyse: (escalationId: string): MessageKey => ({ escalationId, name: "nothing-to-analyse" }),
  caseLink: (escalationId: string, caseId: string): MessageKey => ({
    escalationId,
    name: `case-link:${caseId}`,
  }),
};

/** Records the messages an earlier run of the job posted without recording them. */
export async function recoverPostedMessages(
  escalationId: string,
  room: RoomRef,
  deps: WarRoomDeps,
): Promise<void> {
  if (!deps.chat.findPosted) return;
  const warRoom = await getWarRoom(deps.db, escalationId);
  const unposted = (await listHypotheses(deps.db, escalationId)).filter((h) => !h.messageRef);
  const said = (await listTimelineEvents(deps.db, escalationId, "nothing-to-analyse")).length > 0;
  // Nothing can be missing: no need to spend the platform's (scarce) history reads.
  if (warRoom?.contextRef && (warRoom.summaryRef || said) && unposted.length === 0) return;
  const found = await deps.chat.findPosted(room, escalationId);
  const context = found.get(messageKey.context(escalationId).name);
  if (!warRoom?.contextRef && context) await saveStandingMessage(deps.db, escalationId, "context", context);
  const summary = found.get(messageKey.summary(escalationId).name);
  if (!warRoom?.summaryRef && summary) await saveStandingMessage(deps.db, escalationId, "summary", summary);
  for (const h of unposted) {
    const ref = found.get(messageKey.hypothesis(escalationId, h.id).name);
    if (ref) await saveHypothesisMessage(deps.db, h.id, ref);
  }
  const nothing = found.get(messageKey.nothingToAnalyse(escalationId).name);
  if (!said && nothing)
    await recordTimelineEvent(deps.db, { escalationId, kind: "nothing-to-analyse", data: { ref: nothing } });
  deps.logger.info({ escalationId, found: [...found.keys()] }, "resumed war-room: posted messages recovered");
}
