/**
 * The `warroom` command line (shared/contracts/runtime.md). Exit codes: 0 success, 1 runtime failure,
 * 2 bad input or configuration, with a message naming the field or variable.
 */
import { Command, CommanderError } from "commander";
import { exitCodeFor, WarroomError } from "../../src/errors.ts";
import { registerAnalyze } from "./commands/analyze.ts";
import { registerChanges } from "./commands/changes.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerDigest } from "./commands/digest.ts";
import { registerEscalate } from "./commands/escalate.ts";
import { registerKnowledge } from "./commands/knowledge.ts";
import { registerServe } from "./commands/serve.ts";
import type { CliIo } from "./io.ts";

export type { CliIo } from "./io.ts";

function buildProgram(io: CliIo): Command {
  const program = new Command("warroom")
    .description("Customer-escalation war-rooms: context, ranked root causes, verdicts, findings, digests.")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerServe(program, io);
  registerAnalyze(program, io);
  registerDemo(program, io);
  registerEscalate(program, io);
  registerChanges(program, io);
  registerKnowledge(program, io);
  registerDigest(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; usage mistakes are bad input.
      return error.exitCode === 0 ? 0 : 2;
    }
    io.stderr.write(`warroom: ${error instanceof WarroomError ? error.message : describeUnknown(error)}\n`);
    return exitCodeFor(error);
  }
}

function describeUnknown(error: unknown): string {
  if (error instanceof Error)
    return `${error.message}\n(unexpected error; rerun with LOG_LEVEL=debug for details)`;
  return String(error);
}
