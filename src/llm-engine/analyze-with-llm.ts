/**
 * The LLM engine: the evidence pack (bounded, masked) plus the evidence engine's candidates as hints go
 * to a model that answers in a fixed schema; the answer is unmasked and checked against the bundle.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT_CAUSE_SCHEMA_NAME, rootCauseAnswerSchema } from "../../prompts/root-cause.schema.ts";
import type { Analysis } from "../domain/analysis.ts";
import type { CaseBundle } from "../domain/case-bundle.ts";
import type { LlmClient } from "../ports/llm-client.ts";
import { buildEvidencePack, DEFAULT_PACK_TOKENS, type EvidencePack } from "./build-evidence-pack.ts";
import { type CheckedAnswer, checkLlmAnswer } from "./check-llm-answer.ts";
import { PersonalDataMasker } from "./mask-personal-data.ts";

const PROMPT_PATH = join(import.meta.dirname, "../../prompts/root-cause.md");
let prompt: string | undefined;

/** Options of one LLM analysis. */
export interface LlmAnalysisOptions {
  llm: LlmClient;
  /** The evidence engine's analysis of the same bundle: its candidates go in as hints. */
  hints: Analysis;
  budgetTokens?: number;
  timeoutMs?: number;
}

/** What the LLM engine produced and what it had to discard. */
export interface LlmAnalysis extends CheckedAnswer {
  pack: Pick<EvidencePack, "tokens" | "ids" | "omitted">;
}

/** Names the bundle itself declares as people: reporters and comment authors that look like names. */
function declaredNames(bundle: CaseBundle): string[] {
  const names = bundle.tickets.flatMap((t) => (t.comments ?? []).map((c) => c.author));
  if (bundle.escalation.reportedBy) names.push(bundle.escalation.reportedBy);
  return names.filter((n) => /^\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)+$/u.test(n.trim()));
}

function renderHints(hints: Analysis): string {
  const lines = hints.hypotheses.map(
    (h) => `${h.rank}. ${h.category} (${h.likelihood}) citing ${h.evidence.join(", ")}: ${h.title}`,
  );
  return `Candidates from the offline evidence engine (may be wrong; verify against the evidence):\n${lines.join("\n")}\nIts pattern verdict: ${hints.pattern.verdict}.`;
}

/** Runs the LLM engine; throws on any failure so the caller can fall back. */
export async function analyzeWithLlm(bundle: CaseBundle, options: LlmAnalysisOptions): Promise<LlmAnalysis> {
  prompt ??= readFileSync(PROMPT_PATH, "utf8");
  const masker = new PersonalDataMasker(declaredNames(bundle));
  const pack = buildEvidencePack(bundle, masker, options.budgetTokens ?? DEFAULT_PACK_TOKENS);
  const answer = await options.llm.generate({
    name: ROOT_CAUSE_SCHEMA_NAME,
    instructions: prompt,
    input: `${pack.text}\n\n${masker.mask(renderHints(options.hints))}`,
    schema: rootCauseAnswerSchema,
    timeoutMs: options.timeoutMs,
  });
  const checked = checkLlmAnswer(masker.unmaskDeep(answer), bundle, "openai");
  return { ...checked, pack: { tokens: pack.tokens, ids: pack.ids, omitted: pack.omitted } };
}
