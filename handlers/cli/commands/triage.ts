/**
 * `warroom triage FILE|- [--format json|md] [--history CSV]`: the triage of one ticket, with the topics
 * learned from the labelled CSV, or else from the local dataset.
 * `warroom triage evaluate TRAIN.csv TEST.csv [--format json|text]`: trains the topic learner on a labelled
 * export and scores it on another, so an admin can check it on their own data.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { type Config, loadConfig } from "../../../src/config.ts";
import { describeFirstIssue, parseReporting } from "../../../src/domain/describe-issue.ts";
import { InputError } from "../../../src/errors.ts";
import {
  cliTicketSchema,
  evaluateTopics,
  readLabelledCsv,
  renderTriageMarkdown,
  type TopicClassifier,
  type TopicEvaluation,
  trainTopicModel,
  triageTicket,
} from "../../../src/triage/index.ts";
import { labelledHistory } from "../../../src/triage/label-history.ts";
import { loadRoutingRules } from "../../../src/war-room/routing-rules.ts";
import type { CliIo } from "../io.ts";
import { readJson } from "../read-json.ts";

/** Registers `triage` and `triage evaluate`. */
export function registerTriage(program: Command, io: CliIo): void {
  const triage = program
    .command("triage")
    .description("the triage of one ticket (topic, urgency, sentiment, policy risk, missing details, owner)")
    .argument("<file>", "ticket JSON file (the case bundle's ticket shape), or - for standard input")
    .addOption(new Option("--format <format>", "output format (default json)").choices(["json", "md"]))
    .option("--history <csv>", "labelled history (text,category) to learn the topics from")
    .action((file: string, options: { format?: "json" | "md"; history?: string }) =>
      triageOne(io, file, { ...options, format: options.format ?? "json" }),
    );
  triage
    .command("evaluate")
    .description(
      "train the topic learner on TRAIN.csv and score it on TEST.csv (text,category with a header)",
    )
    .argument("<train>", "labelled CSV to train on")
    .argument("<test>", "labelled CSV to score on")
    .addOption(new Option("--format <format>", "output format (default text)").choices(["text", "json"]))
    .action((train: string, test: string, options: { format?: "text" | "json" }) => {
      // `--format` after the file names is parsed by the parent `triage` command; read it from there too.
      const format = options.format ?? (triage.opts().format === "json" ? "json" : "text");
      return evaluate(io, train, test, format);
    });
}

async function readCsv(io: CliIo, file: string) {
  let csv: string;
  try {
    csv = await readFile(resolve(io.cwd, file), "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  return readLabelledCsv(csv, file);
}

async function triageOne(io: CliIo, file: string, options: { format: "json" | "md"; history?: string }) {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const parsed = parseReporting(cliTicketSchema, await readJson(io, file));
  if (!parsed.success) throw new InputError(`invalid ticket at ${describeFirstIssue(parsed.error)}`);
  const routing = config.routingRulesFile ? await loadRoutingRules(config.routingRulesFile) : undefined;
  const topics = options.history
    ? trainTopicModel(await readCsv(io, options.history))
    : await localDatasetTopics(config);
  const triage = triageTicket(parsed.data, { routing, topics });
  io.stdout.write(
    options.format === "json" ? `${JSON.stringify(triage, null, 2)}\n` : renderTriageMarkdown(triage),
  );
}

/**
 * Without --history, a local dataset (CRM_DATA_DIR or the bundled sample) is the organisation's labelled
 * history, as `serve` learns it; Salesforce's lives in the running service, so none is learned here.
 */
async function localDatasetTopics(config: Config): Promise<TopicClassifier | undefined> {
  if (config.crm.kind !== "local") return undefined;
  const { openLocalCrm } = await import("../../../integrations/local/index.ts");
  const { dataset } = await openLocalCrm(config.crm.dataDir, new Date());
  const areas = dataset.changes.flatMap((c) => (c.productArea ? [c.productArea] : []));
  const history = labelledHistory(dataset.tickets, areas);
  return new Set(history.map((e) => e.label)).size >= 2 ? trainTopicModel(history) : undefined;
}

async function evaluate(io: CliIo, train: string, test: string, format: "text" | "json") {
  const report = evaluateTopics(await readCsv(io, train), await readCsv(io, test));
  io.stdout.write(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderEvaluation(report));
}

function renderEvaluation(r: TopicEvaluation): string {
  const worst = r.classes
    .slice(0, 5)
    .map(
      (c) =>
        `  ${c.label}: F1 ${c.f1.toFixed(2)} (precision ${c.precision.toFixed(2)}, recall ${c.recall.toFixed(2)}, ${c.support} examples)`,
    );
  return [
    `accuracy ${r.accuracy.toFixed(4)}, macro-F1 ${r.macroF1.toFixed(4)}`,
    `trained on ${r.train} in ${r.trainMs} ms; tested on ${r.test} at ${r.msPerItem.toFixed(3)} ms per ticket`,
    "worst classes:",
    ...worst,
    "",
  ].join("\n");
}
