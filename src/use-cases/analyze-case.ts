/**
 * Root-cause analysis of one case bundle with the engine asked for. The evidence engine always runs: it is
 * the answer offline, the hints for the LLM, and the fallback when the LLM fails, times out or answers
 * something invalid (the result then says so in `notes`).
 */

import type { Analysis } from "../domain/analysis.ts";
import type { CaseBundle } from "../domain/case-bundle.ts";
import { type EvidenceRunner, runEvidenceHere } from "../engine/run-evidence.ts";
import type { ExcludedHypothesis } from "../engine/types.ts";
import { ConfigError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { recordLlmFallback } from "../metrics/metrics.ts";
import type { LlmClient } from "../ports/llm-client.ts";

/** Which engine: `auto` uses the LLM when one is configured. */
export type EngineChoice = "auto" | "evidence" | "openai";

/** An analysis plus, when something was discarded or fell back, sentences saying what. */
export type AnalysisResult = Analysis & { notes?: string[] };

/** Inputs of an analysis. */
export interface AnalyzeCaseOptions {
  engine: EngineChoice;
  llm: LlmClient | null;
  logger: Logger;
  /** Hypotheses people rejected: not proposed again. */
  exclude?: ExcludedHypothesis[];
  budgetTokens?: number;
  timeoutMs?: number;
  /** Where the evidence engine runs (a service's worker thread); in this thread when absent. */
  evidence?: EvidenceRunner;
}

/** Analyses `bundle` (already validated). */
export async function analyzeCase(bundle: CaseBundle, options: AnalyzeCaseOptions): Promise<AnalysisResult> {
  const evidence = await (options.evidence ?? runEvidenceHere)(bundle, { exclude: options.exclude });
  const useLlm = options.engine === "openai" || (options.engine === "auto" && options.llm !== null);
  if (!useLlm) return evidence;
  if (!options.llm) {
    throw new ConfigError(
      "--engine openai needs OPENAI_API_KEY (and OPENAI_BASE_URL/OPENAI_MODEL for other servers)",
    );
  }
  const logger = options.logger.child({ escalationId: bundle.escalation.id, engine: "openai" });
  try {
    // Loaded on demand: the tokenizer and the name tagger cost seconds that an offline run should not pay.
    const { analyzeWithLlm } = await import("../llm-engine/analyze-with-llm.ts");
    const result = await analyzeWithLlm(bundle, {
      llm: options.llm,
      hints: evidence,
      budgetTokens: options.budgetTokens,
      timeoutMs: options.timeoutMs,
    });
    const notes: string[] = [];
    if (result.unknownIds.length > 0)
      notes.push(`removed ids the model cited that are not in the bundle: ${result.unknownIds.join(", ")}`);
    if (result.droppedHypotheses > 0)
      notes.push(`dropped ${result.droppedHypotheses} hypothesis(es) without valid evidence`);
    logger.info({ packTokens: result.pack.tokens, omitted: result.pack.omitted, notes }, "llm analysis done");
    return notes.length > 0 ? { ...result.analysis, notes } : result.analysis;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // One line for operators; the stack only when asked for (LOG_LEVEL=debug).
    logger.warn(
      { reason, code: (error as { code?: string }).code },
      "llm engine failed; using the evidence engine's analysis",
    );
    logger.debug({ err: error }, "llm engine failure");
    recordLlmFallback((error as { code?: string }).code ?? "error");
    return {
      ...evidence,
      notes: [`the LLM engine failed (${reason}); this is the evidence engine's analysis`],
    };
  }
}
