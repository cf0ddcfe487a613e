/**
 * `warroom eval [DIR] [--format text|json] [--engine evidence|auto|openai]`: scores the root-cause engine
 * with the rule of shared/tools/score-rca.mjs, on a folder of scenario files (a case bundle plus
 * `expected`) or, without DIR, on the store's own resolved war-rooms: the evidence snapshot taken when each
 * war-room opened, against the finding people confirmed.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { loadConfig } from "../../../src/config.ts";
import { caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import { describeFirstIssue, parseReporting } from "../../../src/domain/describe-issue.ts";
import { InputError } from "../../../src/errors.ts";
import { openLlm } from "../../../src/open-llm.ts";
import { openDatabase } from "../../../src/storage/open-database.ts";
import { listResolvedCases } from "../../../src/storage/resolved-cases.ts";
import { analyzeCase, type EngineChoice } from "../../../src/use-cases/analyze-case.ts";
import {
  type EvalRow,
  type EvalSummary,
  evaluateEngine,
  type LabelledCase,
} from "../../../src/use-cases/evaluate-engine.ts";
import { type CliIo, cliLogger } from "../io.ts";

interface EvalOptions {
  format: "text" | "json";
  engine: EngineChoice;
}

/** Registers `eval`. */
export function registerEval(program: Command, io: CliIo): void {
  program
    .command("eval")
    .description("score the engine on scenario files, or on the store's resolved war-rooms")
    .argument(
      "[dir]",
      "folder of scenario files: case bundles with an `expected` block (README: Scoring the engine)",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(
      new Option("--engine <engine>", "which engine")
        .choices(["evidence", "auto", "openai"])
        .default("evidence"),
    )
    .action((dir: string | undefined, options: EvalOptions) => evaluate(io, dir, options));
}

const expectedSchemaHint =
  '"expected": { "rootCause": { "category": "product_defect", "evidence": ["C1"] }, "pattern": "isolated" }';

async function loadFolder(dir: string): Promise<LabelledCase[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  } catch (error) {
    throw new InputError(`cannot read the folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
  if (files.length === 0) throw new InputError(`${dir} holds no .json scenario files`);
  return Promise.all(files.map((file) => loadScenario(join(dir, file), file)));
}

async function loadScenario(path: string, name: string): Promise<LabelledCase> {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const { expected, ...rest } = raw;
  const cause = (expected as { rootCause?: { category?: unknown; evidence?: unknown } } | undefined)
    ?.rootCause;
  if (typeof cause?.category !== "string")
    throw new InputError(
      `${path}: expected.rootCause.category is missing; a scenario carries ${expectedSchemaHint}`,
    );
  const parsed = parseReporting(caseBundleSchema, rest);
  if (!parsed.success)
    throw new InputError(`${path}: invalid case bundle at ${describeFirstIssue(parsed.error)}`);
  const pattern = (expected as { pattern?: unknown }).pattern;
  return {
    name,
    bundle: parsed.data,
    expected: {
      category: cause.category,
      evidence: Array.isArray(cause.evidence) ? cause.evidence.map(String) : [],
    },
    ...(pattern === "pattern" || pattern === "isolated" ? { pattern } : {}),
  };
}

/** The store's resolved war-rooms as cases: the causal item of the confirmed hypothesis when its category stood. */
async function loadStore(io: CliIo): Promise<LabelledCase[]> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const db = await openDatabase(config.database, cliLogger(config));
  try {
    const out: LabelledCase[] = [];
    for (const r of await listResolvedCases(db)) {
      const parsed = caseBundleSchema.safeParse(r.bundle);
      if (!parsed.success) continue;
      const causal = r.confirmed?.category === r.category ? r.confirmed.evidence.slice(0, 1) : [];
      out.push({
        name: r.escalationId,
        bundle: parsed.data,
        expected: { category: r.category, evidence: causal },
      });
    }
    return out;
  } finally {
    await db.close();
  }
}

function line(r: EvalRow): string {
  const verdict = r.error
    ? `ERROR ${r.error}`
    : `rank=${r.rank ?? "-"} pattern=${r.pattern ?? "n/a"} invalid_citations=${r.invalid}`;
  return `${r.name.padEnd(44)} ${verdict}`;
}

function summaryLine(s: EvalSummary): string {
  return `top1=${s.top1} top3=${s.top3} mrr=${s.mrr} pattern=${s.pattern ?? "n/a"} citation_validity=${s.citationValidity ?? "n/a"} errors=${s.errors}/${s.scenarios}`;
}

async function evaluate(io: CliIo, dir: string | undefined, options: EvalOptions): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const cases = dir ? await loadFolder(resolve(io.cwd, dir)) : await loadStore(io);
  if (cases.length === 0) {
    if (options.format === "json")
      io.stdout.write(`${JSON.stringify({ summary: null, rows: [] }, null, 2)}\n`);
    else
      io.stdout.write(
        "No resolved war-rooms with a finding yet: nothing to score. Pass a folder of scenario files instead.\n",
      );
    return;
  }
  const logger = cliLogger(config);
  const llm = options.engine !== "evidence" ? await openLlm(config) : null;
  const result = await evaluateEngine(cases, (bundle) =>
    analyzeCase(bundle, { engine: options.engine, llm, logger, timeoutMs: config.llm?.timeoutMs }),
  );
  if (options.format === "json") {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  for (const r of result.rows) io.stdout.write(`${line(r)}\n`);
  io.stdout.write(`${summaryLine(result.summary)}\n`);
}
