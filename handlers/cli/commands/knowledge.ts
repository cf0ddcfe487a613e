/**
 * `warroom knowledge export DIR`: the local knowledge base as Markdown, one file per finding plus an
 * index: the dataset's findings and every finding confirmed in a war-room, with its evidence, timeline
 * and ruled-out hypotheses.
 * `warroom knowledge gaps [--week YYYY-Www] [--format md|json]`: root causes that recurred without a usable
 * article over the 13 weeks the digest of that week covers (the same list as the digest's section).
 */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import {
  createLocalKnowledgeBaseAdapter,
  createTerminalChatAdapter,
} from "../../../integrations/local/index.ts";
import { closeServices, openCrm, openServices } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { QUARTER_WEEKS } from "../../../src/digest/digest-scope.ts";
import {
  parseWeek,
  previousWeek,
  refuseFutureWeek,
  weeksEndingWith,
} from "../../../src/digest/digest-week.ts";
import { queryKnowledgeGaps } from "../../../src/digest/query-knowledge-gaps.ts";
import { renderKnowledgeGapsMarkdown } from "../../../src/digest/render-knowledge-gaps.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { openDatabase } from "../../../src/storage/open-database.ts";
import { checkWritableFolder } from "../check-paths.ts";
import { type CliIo, cliLogger } from "../io.ts";

/** Registers `knowledge export` and `knowledge gaps`. */
export function registerKnowledge(program: Command, io: CliIo): void {
  const knowledge = program.command("knowledge").description("the knowledge base of validated findings");
  knowledge
    .command("export")
    .description("write the local knowledge base as Markdown files")
    .argument("<dir>", "folder to write into (created when missing)")
    .action((dir: string) => exportKnowledge(io, dir));
  knowledge
    .command("gaps")
    .description("root causes that recur without a usable article, with a suggested title and the facts")
    .option("--week <week>", "the 13 weeks ending with this ISO week (default: the last complete week)")
    .addOption(
      new Option("--format <format>", "md for people, json for machines")
        .choices(["md", "json"])
        .default("md"),
    )
    .action((options: { week?: string; format: "md" | "json" }) => printGaps(io, options));
}

async function exportKnowledge(io: CliIo, dir: string): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const target = resolve(io.cwd, dir);
  await checkWritableFolder(target, "knowledge export DIR");
  const logger = cliLogger(config);
  const { seedKnowledge } = await openCrm(config, systemClock, logger);
  const db = await openDatabase(config.database, logger);
  try {
    const kb = createLocalKnowledgeBaseAdapter({ findings: seedKnowledge, db });
    const count = await kb.exportMarkdown(target);
    io.stdout.write(`${count} findings written to ${target} (index.md lists them)\n`);
  } finally {
    await db.close();
  }
}

async function printGaps(io: CliIo, options: { week?: string; format: "md" | "json" }): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const tz = config.digestTimeZone;
  const now = systemClock.now();
  const last = options.week ? parseWeek(options.week, tz) : previousWeek(now, tz);
  refuseFutureWeek(last, now, tz);
  const since = weeksEndingWith(last, QUARTER_WEEKS, tz)[0]?.start ?? last.start;
  // The services as the digest opens them: a local dataset's history is imported, so its gaps count too.
  const chat = createTerminalChatAdapter({ out: io.stderr, user: "terminal" });
  const services = await openServices(config, { logger: cliLogger(config), clock: systemClock, chat });
  try {
    const gaps = await queryKnowledgeGaps(services.db, since, last.end);
    io.stdout.write(
      options.format === "json"
        ? `${JSON.stringify({ since: since.toISOString(), until: last.end.toISOString(), gaps }, null, 2)}\n`
        : renderKnowledgeGapsMarkdown(gaps, since, last.end),
    );
  } finally {
    await closeServices(services);
  }
}
