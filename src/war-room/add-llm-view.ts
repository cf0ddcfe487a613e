/**
 * The LLM's view of a round, as its own job after the evidence engine's hypotheses are in the room: the
 * room never waits for the model. When it answers within OPENAI_TIMEOUT_MS the summary says where it agrees
 * or differs and its new hypotheses are posted after the others; hypotheses already shown (and the verdicts
 * on them) are never rewritten. Its answer is stored with its additions in one transaction, so a retry
 * after a chat failure posts what is left without asking the model again.
 */
import { caseBundleSchema } from "../domain/case-bundle.ts";
import { recordTimelineEvent } from "../storage/escalation-store.ts";
import { addHypotheses, getAnalysis, listHypotheses } from "../storage/hypothesis-store.ts";
import { getWarRoom, latestEvidenceSnapshot } from "../storage/war-room-store.ts";
import { compareLlmView } from "./compare-llm-view.ts";
import type { WarRoomDeps } from "./deps.ts";
import { postUnpostedHypotheses, refreshSummary } from "./post-hypotheses.ts";
import { LLM_VIEW_EVENT, llmViewOf } from "./read-llm-view.ts";

/** Asks the LLM about round `round` once, then brings the room up to date with its view. */
export async function addLlmView(escalationId: string, round: number, deps: WarRoomDeps): Promise<void> {
  const warRoom = await getWarRoom(deps.db, escalationId);
  const llm = deps.llm;
  if (!warRoom || !llm) return;
  const bundle = caseBundleSchema.parse(await latestEvidenceSnapshot(deps.db, escalationId));
  if (!(await llmViewOf(escalationId, round, deps))) {
    const hints = await getAnalysis(deps.db, escalationId, round);
    if (!hints) return;
    const logger = deps.logger.child({ escalationId, round, engine: "openai" });
    const started = Date.now();
    // Loaded on demand: the tokenizer and the name tagger cost seconds that a room without an LLM never pays.
    const { analyzeWithLlm } = await import("../llm-engine/analyze-with-llm.ts");
    const answer = await analyzeWithLlm(bundle, { llm, hints }).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn(
        { reason, ms: Date.now() - started },
        "llm view failed; the evidence engine's hypotheses stand",
      );
      return reason;
    });
    const all = await listHypotheses(deps.db, escalationId);
    await deps.db.transaction(async (tx) => {
      if (typeof answer === "string") {
        await recordTimelineEvent(tx, {
          escalationId,
          kind: LLM_VIEW_EVENT,
          data: { round, outcome: "failed", reason: answer },
        });
        return;
      }
      const view = compareLlmView(
        answer.analysis.hypotheses,
        all.filter((h) => h.round === round).map((h) => h.hypothesis),
        all.filter((h) => h.round !== round).map((h) => h.hypothesis),
      );
      await addHypotheses(tx, escalationId, round, view.added);
      await recordTimelineEvent(tx, {
        escalationId,
        kind: LLM_VIEW_EVENT,
        data: { round, outcome: "answered", agrees: view.agrees, added: view.added.length, note: view.note },
      });
      logger.info(
        { agrees: view.agrees, added: view.added.length, ms: Date.now() - started },
        "llm view added",
      );
    });
    if (typeof answer === "string") return;
  }
  await postUnpostedHypotheses(escalationId, warRoom.room, bundle, deps);
  await refreshSummary(escalationId, warRoom.room, bundle, deps);
}
