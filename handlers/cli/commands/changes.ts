/**
 * `warroom changes import FILE|-`: records deploys and config changes from a JSON file (one change or an
 * array, the case bundle's shape plus an optional accountId), the offline twin of POST /api/changes.
 */
import type { Command } from "commander";
import { loadConfig } from "../../../src/config.ts";
import { openDatabase } from "../../../src/storage/open-database.ts";
import { recordChanges } from "../../../src/use-cases/record-changes.ts";
import { type CliIo, cliLogger } from "../io.ts";
import { readJson } from "../read-json.ts";

/** Registers `changes import`. */
export function registerChanges(program: Command, io: CliIo): void {
  program
    .command("changes")
    .description("record deploys and config changes")
    .command("import")
    .description("store the changes in a JSON file (one change or an array); - reads standard input")
    .argument("<file>", "JSON file, or - for standard input")
    .action((file: string) => importChanges(io, file));
}

async function importChanges(io: CliIo, file: string): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const input = await readJson(io, file);
  const db = await openDatabase(config.database, cliLogger(config));
  try {
    const result = await recordChanges(db, input, "import");
    io.stdout.write(
      `${result.created} changes recorded, ${result.updated} updated: ${result.ids.join(", ")}\n`,
    );
  } finally {
    await db.close();
  }
}
