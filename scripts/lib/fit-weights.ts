/**
 * Fits the evidence engine's feature weights from scenarios with known answers, and measures them with
 * k-fold cross-validation. The model is a pairwise logistic regression (RankNet's idea on a linear score):
 * for every scenario, each candidate that matches the expected cause is compared with each that does not,
 * and the weights are fitted so the right one scores higher. It stays explainable: a hypothesis's score is
 * still the sum of its features' values times these weights. mljs's logistic regression does the fitting;
 * a small ridge penalty (pseudo-pairs pulling each weight to 0) keeps weights of rare features modest.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import LogisticRegressionTwoClasses from "ml-logistic-regression/src/logreg_2classes.js";
import { Matrix } from "ml-matrix";
import { type CaseBundle, caseBundleSchema } from "../../src/domain/case-bundle.ts";
import { FIXED_WEIGHTS, type Weights } from "../../src/engine/apply-weights.ts";
import { type Direction, FEATURES } from "../../src/engine/engine-features.ts";
import { collectCandidates, type ExcludedHypothesis } from "../../src/engine/evidence-engine.ts";
import { citedIds, rankCandidates } from "../../src/engine/rank-hypotheses.ts";
import type { Candidate, WeightName } from "../../src/engine/types.ts";
import { matchesExpected } from "../../src/use-cases/evaluate-engine.ts";

/** A scenario: a case bundle with its expected answer. */
export interface LabelledScenario {
  readonly folder: string;
  readonly file: string;
  readonly bundle: CaseBundle;
  readonly expected: { category: string; evidence: string[] };
  readonly exclude: ExcludedHypothesis[];
}

/** A scenario's candidates with their labels, measured once. */
export interface ExtractedScenario {
  readonly scenario: LabelledScenario;
  readonly candidates: readonly Candidate[];
  readonly known: ReadonlySet<string>;
  /** Right (true), wrong (false) or neither (undefined): a change that only scores by citing the right tickets. */
  readonly positive: readonly (boolean | undefined)[];
}

/** Loads every `*.json` scenario of the folders. */
export function loadLabelled(folders: readonly string[]): LabelledScenario[] {
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((file) => {
        const raw = JSON.parse(readFileSync(join(folder, file), "utf8")) as Record<string, unknown>;
        const { expected, excludedHypotheses, ...rest } = raw;
        return {
          folder:
            basename(folder) === "scenarios" && folder.includes("fixtures") ? "fixtures" : basename(folder),
          file,
          bundle: caseBundleSchema.parse(rest),
          expected: (expected as { rootCause: LabelledScenario["expected"] }).rootCause,
          exclude: (excludedHypotheses as ExcludedHypothesis[] | undefined) ?? [],
        };
      }),
  );
}

/** The scorer's rule (shared/tools/score-rca.mjs): same category, an expected id among the first three cited. */
export function isMatch(c: Candidate, known: ReadonlySet<string>, expected: LabelledScenario["expected"]) {
  if (c.category !== expected.category) return false;
  return (
    expected.evidence.length === 0 ||
    citedIds(c, known)
      .slice(0, 3)
      .some((id) => expected.evidence.includes(id))
  );
}

/**
 * Real accounts sit among dozens of changes that have nothing to do with the escalation, while a
 * scenario holds a few hand-picked ones. For training, each scenario also gets `n` changes from other
 * scenarios, moved into its last 60 days under new ids, so the fit learns what tells a relevant change
 * from noise (topic, exact strings, setup) and not only from the scenario's own decoys.
 */
export function withUnrelatedChanges(
  scenarios: readonly LabelledScenario[],
  n: number,
  seed = 7,
): LabelledScenario[] {
  const pool = scenarios.flatMap((s) => s.bundle.changes.map((c) => ({ from: s.file, change: c })));
  return scenarios.map((s, i) => {
    const others = shuffled(
      pool.filter((p) => p.from !== s.file),
      seed + i,
    ).slice(0, n);
    const opened = Date.parse(s.bundle.escalation.openedAt);
    const extra = others.map((p, j) => ({
      ...p.change,
      id: `X${j}-${p.change.id}`,
      at: new Date(opened - (((j * 7919 + i * 104729) % 60) + 1) * 86_400_000).toISOString(),
    }));
    return { ...s, bundle: { ...s.bundle, changes: [...s.bundle.changes, ...extra] } };
  });
}

/** Runs the engine's candidate stage on each scenario. */
export function extract(scenarios: readonly LabelledScenario[]): ExtractedScenario[] {
  return scenarios.map((scenario) => {
    const { candidates, known } = collectCandidates(scenario.bundle, scenario.exclude);
    const label = (c: Candidate) => {
      if (!isMatch(c, known, scenario.expected)) return false;
      // A change that matches only through the tickets it cites is not what the fit should learn to prefer.
      return c.origin === "journey" || scenario.expected.evidence.includes(c.causalId) ? true : undefined;
    };
    return { scenario, candidates, known, positive: candidates.map(label) };
  });
}

function vectorOf(c: Candidate, names: readonly WeightName[]): number[] {
  const sums = new Map<WeightName, number>();
  for (const f of c.features) sums.set(f.name, (sums.get(f.name) ?? 0) + f.value);
  return names.map((n) => sums.get(n) ?? 0);
}

/** Options of one fit. */
export interface FitOptions {
  /** Ridge strength: the size of the pseudo-pair pulling each weight towards 0. */
  readonly ridge: number;
  readonly steps: number;
  /** Fit on unit-RMS features (true) or on their own scales, so the ridge weighs every weight alike (false). */
  readonly standardise: boolean;
}

/** Wrong candidates each scenario contributes to the fit. */
const NEGATIVES_PER_SCENARIO = 30;

export const DEFAULT_FIT: FitOptions = {
  ridge: Number(process.env.FIT_RIDGE ?? 1),
  steps: Number(process.env.FIT_STEPS ?? 1500),
  standardise: process.env.FIT_STANDARDISE === "1",
};

function directionOf(name: WeightName): Direction {
  return (FEATURES as Readonly<Record<string, readonly [Direction, string]>>)[name]?.[0] ?? "±";
}

/**
 * Fits weights on `train`, keeping every feature's declared direction: a feature the data would give the
 * opposite sign is left at 0 and the rest refitted, until every weight points the way its name says.
 */
export function fitWeights(train: readonly ExtractedScenario[], options: FitOptions = DEFAULT_FIT): Weights {
  const all = [...new Set(train.flatMap((s) => s.candidates.flatMap((c) => c.features.map((f) => f.name))))]
    .filter((n) => FIXED_WEIGHTS[n] === undefined)
    .sort();
  const zeroed = new Set<WeightName>();
  for (;;) {
    const w = fitFree(
      train,
      all.filter((n) => !zeroed.has(n)),
      options,
    );
    const wrong = Object.entries(w).filter(([n, v]) => {
      const d = directionOf(n as WeightName);
      return (d === "+" && (v ?? 0) < 0) || (d === "-" && (v ?? 0) > 0);
    });
    if (wrong.length === 0) {
      for (const n of zeroed) w[n] = 0;
      return { ...w, ...FIXED_WEIGHTS };
    }
    // The most wrongly signed first: dropping one feature can right the others.
    const worst = wrong.sort((a, b) => Math.abs(b[1] ?? 0) - Math.abs(a[1] ?? 0))[0];
    if (worst) zeroed.add(worst[0] as WeightName);
  }
}

function fitFree(
  train: readonly ExtractedScenario[],
  names: readonly WeightName[],
  options: FitOptions,
): Partial<Record<WeightName, number>> {
  const vectors = train.map((s) => s.candidates.map((c) => vectorOf(c, names)));
  const all = vectors.flat();
  // Features on their own scales would need different step sizes; the fit runs on unit-RMS values.
  const scale = names.map((_, j) =>
    options.standardise
      ? Math.sqrt(all.reduce((a, r) => a + (r[j] ?? 0) ** 2, 0) / Math.max(1, all.length)) || 1
      : 1,
  );
  const rows: number[][] = [];
  const target: number[] = [];
  train.forEach((s, i) => {
    const vs = vectors[i] ?? [];
    const pos = vs.filter((_, j) => s.positive[j] === true);
    // A fixed sample of a scenario's wrong candidates keeps every scenario's say equal and the fit quick.
    const neg = shuffled(
      vs.filter((_, j) => s.positive[j] === false),
      i + 1,
    ).slice(0, NEGATIVES_PER_SCENARIO);
    for (const p of pos)
      for (const n of neg) {
        const d = p.map((x, j) => (x - (n[j] ?? 0)) / (scale[j] ?? 1));
        rows.push(
          d,
          d.map((x) => -x),
        );
        target.push(1, 0);
      }
  });
  names.forEach((_, j) => {
    const e = names.map((__, k) => (k === j ? options.ridge : 0));
    rows.push(e, e);
    target.push(1, 0);
  });
  const model = new LogisticRegressionTwoClasses({ numSteps: options.steps, learningRate: 2 / rows.length });
  model.train(new Matrix(rows), Matrix.columnVector(target));
  const w = model.weights.to1DArray();
  const out: Partial<Record<WeightName, number>> = {};
  names.forEach((n, j) => {
    out[n] = Math.round(((w[j] ?? 0) / (scale[j] ?? 1)) * 1000) / 1000;
  });
  return out;
}

/** Rank of the first matching hypothesis (1-based), or null, with the engine's own ranking. */
export function rankOfAnswer(s: ExtractedScenario, weights: Weights): number | null {
  const ranked = rankCandidates(s.candidates, s.scenario.exclude, s.known, weights).slice(0, 5);
  const i = ranked.findIndex((c) => isMatch(c, s.known, s.scenario.expected));
  return i >= 0 ? i + 1 : null;
}

/** Top-1, top-3 and mean reciprocal rank of `weights` on `set`. */
export function evaluate(set: readonly ExtractedScenario[], weights: Weights) {
  const ranks = set.map((s) => rankOfAnswer(s, weights));
  const n = Math.max(1, set.length);
  return {
    scenarios: set.length,
    top1: ranks.filter((r) => r === 1).length / n,
    top3: ranks.filter((r) => r !== null && r <= 3).length / n,
    mrr: ranks.reduce<number>((a, r) => a + (r ? 1 / r : 0), 0) / n,
  };
}

/** A deterministic shuffle, so cross-validation figures repeat run to run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed * 2654435761 + 1;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * k-fold cross-validated top-1 / top-3 / MRR, averaged over `repeats` shuffles: weights fitted on the
 * other folds of `train` are scored on each fold of `set` (`train[i]` is `set[i]`, possibly augmented).
 */
export function crossValidate(
  set: readonly ExtractedScenario[],
  train: readonly ExtractedScenario[] = set,
  k = 6,
  repeats = 2,
  options = DEFAULT_FIT,
) {
  let top1 = 0;
  let top3 = 0;
  let mrr = 0;
  for (let r = 0; r < repeats; r++) {
    const order = shuffled(
      set.map((_, i) => i),
      r + 1,
    );
    for (let fold = 0; fold < k; fold++) {
      const test = order.filter((_, i) => i % k === fold).map((i) => set[i] as ExtractedScenario);
      const fitOn = order.filter((_, i) => i % k !== fold).map((i) => train[i] as ExtractedScenario);
      const e = evaluate(test, fitWeights(fitOn, options));
      top1 += e.top1 * test.length;
      top3 += e.top3 * test.length;
      mrr += e.mrr * test.length;
    }
  }
  const n = set.length * repeats;
  return { folds: k, repeats, top1: top1 / n, top3: top3 / n, mrr: mrr / n };
}

/** Out-of-fold rank of each scenario of `set`: its rank under weights fitted without its fold. */
export function outOfFoldRanks(
  set: readonly ExtractedScenario[],
  train: readonly ExtractedScenario[] = set,
  k = 6,
  options = DEFAULT_FIT,
) {
  const order = shuffled(
    set.map((_, i) => i),
    1,
  );
  const ranks = new Map<number, number | null>();
  for (let fold = 0; fold < k; fold++) {
    const w = fitWeights(
      order.filter((_, i) => i % k !== fold).map((i) => train[i] as ExtractedScenario),
      options,
    );
    for (const i of order.filter((_, j) => j % k === fold))
      ranks.set(i, rankOfAnswer(set[i] as ExtractedScenario, w));
  }
  return set.map((s, i) => ({ file: `${s.scenario.folder}/${s.scenario.file}`, rank: ranks.get(i) ?? null }));
}
