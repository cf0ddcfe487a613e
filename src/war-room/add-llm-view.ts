/**
 * The LLM's view of a round, as its own job after the evidence engine's hypotheses are in the room: the
 * room never waits for the model. When it answers within OPENAI_TIMEOUT_MS the summary says where it agrees
 * or differs and its new hypotheses are posted after the others; hypotheses already shown (and the verdicts
 * on them) are never rewritten. Its answer is stored with its additions in one transaction, so a retry
 * after a chat failure posts what is left without asking the model again.
 */
import type { Hypothesis } from "../domain/analysis.ts";
import { caseBundleSchema } from "../domain/case-bundle.ts";
import { recordTimelineEvent } from "../storage/escalation-store.ts";
import { addHypotheses, getAnalysis, listHypotheses, lockAnalysis } from "../storage/hypothesis-store.ts";
import { getWarRoom, latestEvidenceSnapshot } from "../storage/war-room-store.ts";
import { compareLlmView } from "./compare-llm-view.ts";
import type { WarRoomDeps } from "./deps.ts";
import { postUnpostedHypotheses, refreshSummary } from "./post-hypotheses.ts";
import { LLM_VIEW_EVENT, llmViewOf } from "./read-llm-view.ts";

/** Stores the model's answer (or why there is none) for a round, once, with the hypotheses it adds. */
async function recordLlmView(
  escalationId: string,
  round: number,
  answer: Hypothesis[] | string,
  deps: WarRoomDeps,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    // A second run of the job (one that outlived its expiry) waits here and then finds the view stored.
    await lockAnalysis(tx, escalationId, round);
    if (await llmViewOf(escalationId, round, tx)) return;
    if (typeof answer === "string") {
      await recordTimelineEvent(tx, {
        escalationId,
        kind: LLM_VIEW_EVENT,
        data: { round, outcome: "failed", reason: answer },
      });
      return;
    }
    const all = await listHypotheses(tx, escalationId);
    const view = compareLlmView(
      answer,
      all.filter((h) => h.round === round).map((h) => h.hypothesis),
      all.filter((h) => h.round !== round).map((h) => h.hypothesis),
    );
    await addHypotheses(tx, escalationId, round, view.added);
    await recordTimelineEvent(tx, {
      escalationId,
      kind: LLM_VIEW_EVENT,
      data: { round, outcome: "answered", agrees: view.agrees, added: view.added.length, note: view.note },
    });
  });
}

/** Asks the LLM about round `round` once, then brings the room up to date with its view. */
export async function addLlmView(escalationId: string, round: number, deps: WarRoomDeps): Promise<void> {
  const warRoom = await getWarRoom(deps.db, escalationId);
  const llm = deps.llm;
  const hints = await getAnalysis(deps.db, escalationId, round);
  if (!warRoom || !llm || !hints) return;
  const bundle = caseBundleSchema.parse(await latestEvidenceSnapshot(deps.db, escalationId));
  if (!(await llmViewOf(escalationId, round, deps.db))) {
    const logger = deps.logger.child({ escalationId, round, engine: "openai" });
    const started = Date.now();
    // Loaded on demand: the tokenizer and the name tagger cost seconds that a room without an LLM never pays.
    const { analyzeWithLlm } = await import("../llm-engine/analyze-with-llm.ts");
    const answer = await analyzeWithLlm(bundle, { llm, hints }).then(
      (result) => result.analysis.hypotheses,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    await recordLlmView(escalationId, round, answer, deps);
    const ms = Date.now() - started;
    if (typeof answer === "string") {
      logger.warn({ reason: answer, ms }, "llm view failed; the evidence engine's hypotheses stand");
      return;
    }
    logger.info({ ms }, "llm view recorded");
  }
  await postUnpostedHypotheses(escalationId, warRoom.room, bundle, deps);
  await refreshSummary(escalationId, warRoom.room, bundle, deps);
}
