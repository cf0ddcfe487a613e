/**
 * The next round: every shown hypothesis was rejected, so the engine runs again with all rejected ones as
 * evidence against, and the room gets the next candidates.
 */
import { caseBundleSchema } from "../domain/case-bundle.ts";
import { recordTimelineEvent } from "../storage/escalation-store.ts";
import { listHypotheses, saveAnalysis } from "../storage/hypothesis-store.ts";
import { getWarRoom, latestEvidenceSnapshot } from "../storage/war-room-store.ts";
import { analyzeCase } from "../use-cases/analyze-case.ts";
import type { WarRoomDeps } from "./deps.ts";
import { postUnpostedHypotheses, refreshSummary } from "./post-hypotheses.ts";
import { queueLlmView } from "./read-llm-view.ts";

/** Runs round `round` unless it exists; posts its hypotheses. */
export async function proposeNextHypotheses(
  escalationId: string,
  round: number,
  deps: WarRoomDeps,
): Promise<void> {
  const warRoom = await getWarRoom(deps.db, escalationId);
  if (!warRoom) return;
  const bundle = caseBundleSchema.parse(await latestEvidenceSnapshot(deps.db, escalationId));
  const all = await listHypotheses(deps.db, escalationId);
  if (!all.some((h) => h.round === round)) {
    const rejected = all
      .filter((h) => h.status === "rejected")
      .map((h) => ({ category: h.hypothesis.category, evidence: h.hypothesis.evidence }));
    // As in the first round, the LLM's view follows as its own job.
    const analysis = await analyzeCase(bundle, {
      engine: "evidence",
      llm: null,
      logger: deps.logger,
      exclude: rejected,
      evidence: deps.evidence,
    });
    await deps.db.transaction((tx) => saveAnalysis(tx, escalationId, round, analysis));
    await recordTimelineEvent(deps.db, {
      escalationId,
      kind: "analysed",
      data: { round, engine: analysis.engine, excluded: rejected.length },
    });
    await deps.chat.post(warRoom.room, {
      kind: "text",
      text: `Round ${round}: the team rejected every hypothesis so far. Next candidates:`,
    });
  }
  await postUnpostedHypotheses(escalationId, warRoom.room, bundle, deps);
  await refreshSummary(escalationId, warRoom.room, bundle, deps);
  await queueLlmView(escalationId, round, deps);
}
