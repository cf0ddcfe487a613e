/**
 * `warroom knowledge export DIR`: the local knowledge base as Markdown, one file per finding plus an
 * index: the dataset's findings and every finding confirmed in a war-room, with its evidence, timeline
 * and ruled-out hypotheses.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { createLocalKnowledgeBaseAdapter } from "../../../integrations/local/index.ts";
import { openCrm } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { openDatabase } from "../../../src/storage/open-database.ts";
import { checkWritableFolder } from "../check-paths.ts";
import { type CliIo, cliLogger } from "../io.ts";

/** Registers `knowledge export`. */
export function registerKnowledge(program: Command, io: CliIo): void {
  program
    .command("knowledge")
    .description("the knowledge base of validated findings")
    .command("export")
    .description("write the local knowledge base as Markdown files")
    .argument("<dir>", "folder to write into (created when missing)")
    .action((dir: string) => exportKnowledge(io, dir));
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
