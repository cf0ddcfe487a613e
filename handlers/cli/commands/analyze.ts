/**
 * `warroom analyze FILE|- [--format json|md] [--engine auto|evidence|openai]`: root-cause analysis of a
 * case bundle. An invalid bundle exits 2 with the JSON path of the first problem and what was expected.
 */
import { type Command, Option } from "commander";
import { loadConfig } from "../../../src/config.ts";
import { type CaseBundle, caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import { describeFirstIssue, parseReporting } from "../../../src/domain/describe-issue.ts";
import { InputError } from "../../../src/errors.ts";
import { createLogger } from "../../../src/logger.ts";
import { openLlm } from "../../../src/open-llm.ts";
import { analyzeCase, type EngineChoice } from "../../../src/use-cases/analyze-case.ts";
import type { CliIo } from "../io.ts";
import { readJson } from "../read-json.ts";
import { renderAnalysisMarkdown } from "../render-analysis.ts";

/** Registers `analyze`. */
export function registerAnalyze(program: Command, io: CliIo): void {
  program
    .command("analyze")
    .description('root-cause analysis of a case bundle (its format: README.md, "Case bundles")')
    .argument("<file>", "bundle JSON file, or - for standard input")
    .addOption(new Option("--format <format>", "output format").choices(["json", "md"]).default("json"))
    .addOption(
      new Option("--engine <engine>", "which engine").choices(["auto", "evidence", "openai"]).default("auto"),
    )
    .addHelpText(
      "after",
      `\nA case bundle is one JSON object: escalation (id, openedAt, summary) and account (id, name) are required;
tickets, changes, relatedEscalations and knowledge are optional lists. Every field is described in
README.md, section "Case bundles". Example:
  warroom analyze tests/fixtures/scenarios/101-northwind-saml-certificate-rollover.json --format md\n`,
    )
    .action((file: string, options: { format: "json" | "md"; engine: EngineChoice }) =>
      analyze(io, file, options),
    );
}

async function readBundle(io: CliIo, file: string): Promise<CaseBundle> {
  const json = await readJson(io, file);
  const parsed = parseReporting(caseBundleSchema, json);
  if (!parsed.success) throw new InputError(`invalid case bundle at ${describeFirstIssue(parsed.error)}`);
  return parsed.data;
}

async function analyze(
  io: CliIo,
  file: string,
  options: { format: "json" | "md"; engine: EngineChoice },
): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const logger = createLogger(io.env.LOG_LEVEL ?? "warn");
  const bundle = await readBundle(io, file);
  const llm = options.engine !== "evidence" ? await openLlm(config) : null;
  const analysis = await analyzeCase(bundle, { engine: options.engine, llm, logger });
  io.stdout.write(
    options.format === "json"
      ? `${JSON.stringify(analysis, null, 2)}\n`
      : renderAnalysisMarkdown(analysis, bundle),
  );
}
