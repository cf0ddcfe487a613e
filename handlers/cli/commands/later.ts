/**
 * Commands of the contract that later issues build. Each parses its real options, then says which issue
 * brings it and exits 2, so scripts written against the contract fail clearly rather than oddly.
 */
import type { Command } from "commander";
import { NotYetAvailableError } from "../../../src/errors.ts";

/** Registers `digest`. */
export function registerLaterCommands(program: Command): void {
  program
    .command("digest")
    .description("build (and with --post, post) the weekly digest")
    .option("--week <week>", "ISO week like 2026-W47 (default: last week)")
    .option("--format <format>", "md | json", "md")
    .option("--post", "post it to DIGEST_CHANNEL")
    .action(() => {
      throw new NotYetAvailableError("warroom digest", 6);
    });
}
