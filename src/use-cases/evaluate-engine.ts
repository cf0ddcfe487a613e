/**
 * Scores root-cause analyses against known answers with the rule of shared/tools/score-rca.mjs: a
 * hypothesis matches when its category is the expected one and, where expected evidence is given, one of
 * its first three cited ids is expected (the causal item leads; citing everything earns nothing). Used by
 * `warroom eval` on scenario files and on the store's own resolved war-rooms, and by the engine's tests.
 */
import type { Analysis, Hypothesis } from "../domain/analysis.ts";
import type { CaseBundle } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";

/** The answer a case is scored against. */
export interface ExpectedCause {
  readonly category: Category | string;
  /** Ids of the causal item(s); empty: the category alone decides. */
  readonly evidence: readonly string[];
}

/** One case to score. */
export interface LabelledCase {
  readonly name: string;
  readonly bundle: CaseBundle;
  readonly expected: ExpectedCause;
  readonly pattern?: "pattern" | "isolated";
}

/** How one case went. */
export interface EvalRow {
  readonly name: string;
  /** Rank of the first matching hypothesis (1-based), or null when none matches. */
  readonly rank: number | null;
  /** Whether the pattern verdict was right; null when the case has no expected verdict. */
  readonly pattern: boolean | null;
  readonly cited: number;
  readonly invalid: number;
  readonly error?: string;
}

/** The figures over all cases. */
export interface EvalSummary {
  readonly scenarios: number;
  readonly errors: number;
  readonly top1: number;
  readonly top3: number;
  readonly mrr: number;
  readonly pattern: number | null;
  readonly citationValidity: number | null;
}

/** The most ids a hypothesis may cite before it earns nothing. */
const MAX_CITED = 6;

/** The scorer's matching rule. */
export function matchesExpected(
  h: Pick<Hypothesis, "category" | "evidence">,
  expected: ExpectedCause,
): boolean {
  return (
    h.category === expected.category &&
    h.evidence.length <= MAX_CITED &&
    (expected.evidence.length === 0 || h.evidence.slice(0, 3).some((id) => expected.evidence.includes(id)))
  );
}

/** Every evidence id of a bundle. */
export function evidenceIds(bundle: CaseBundle): Set<string> {
  return new Set(
    [...bundle.tickets, ...bundle.changes, ...bundle.relatedEscalations, ...bundle.knowledge].map(
      (x) => x.id,
    ),
  );
}

/** Scores one analysis of one case. */
export function scoreAnalysis(c: LabelledCase, analysis: Analysis): EvalRow {
  const hypotheses = [...analysis.hypotheses].sort((a, b) => a.rank - b.rank);
  const known = evidenceIds(c.bundle);
  const cited = hypotheses.flatMap((h) => h.evidence);
  const i = hypotheses.findIndex((h) => matchesExpected(h, c.expected));
  return {
    name: c.name,
    rank: i >= 0 ? i + 1 : null,
    pattern: c.pattern ? analysis.pattern.verdict === c.pattern : null,
    cited: cited.length,
    invalid: cited.filter((id) => !known.has(id)).length,
  };
}

/** Runs `analyze` on every case and scores it; a case whose analysis fails counts as an error. */
export async function evaluateEngine(
  cases: readonly LabelledCase[],
  analyze: (bundle: CaseBundle) => Promise<Analysis>,
): Promise<{ rows: EvalRow[]; summary: EvalSummary }> {
  const rows: EvalRow[] = [];
  for (const c of cases) {
    try {
      rows.push(scoreAnalysis(c, await analyze(c.bundle)));
    } catch (error) {
      rows.push({
        name: c.name,
        rank: null,
        pattern: null,
        cited: 0,
        invalid: 0,
        error: String((error as Error).message ?? error),
      });
    }
  }
  return { rows, summary: summarise(rows) };
}

function round(x: number, digits = 3): number {
  return Number(x.toFixed(digits));
}

/** The figures of score-rca.mjs over `rows`. */
export function summarise(rows: readonly EvalRow[]): EvalSummary {
  const n = Math.max(1, rows.length);
  const top = (k: number) => rows.filter((r) => r.rank !== null && r.rank <= k).length / n;
  const withPattern = rows.filter((r) => r.pattern !== null);
  const cited = rows.reduce((s, r) => s + r.cited, 0);
  const invalid = rows.reduce((s, r) => s + r.invalid, 0);
  return {
    scenarios: rows.length,
    errors: rows.filter((r) => r.error !== undefined).length,
    top1: round(top(1)),
    top3: round(top(3)),
    mrr: round(rows.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / n),
    pattern:
      withPattern.length > 0 ? round(withPattern.filter((r) => r.pattern).length / withPattern.length) : null,
    citationValidity: cited > 0 ? round(1 - invalid / cited, 4) : null,
  };
}
