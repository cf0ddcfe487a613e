/**
 * The `warroom` command line (shared/contracts/runtime.md). Exit codes: 0 success, 1 runtime failure,
 * 2 bad input or configuration, with a message naming the field or variable.
 */
import { Command, CommanderError } from "commander";
import manifest from "../../package.json" with { type: "json" };
import { exitCodeFor, WarroomError } from "../../src/errors.ts";
import type { CliIo } from "./io.ts";

export type { CliIo } from "./io.ts";

type Register = (program: Command, io: CliIo) => void;

/**
 * Every command, loaded only when it runs: `warroom analyze` must not pay for the database, the job
 * queue and Slack that `serve` needs. Help and unknown commands load them all.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  serve: async () => (await import("./commands/serve.ts")).registerServe,
  analyze: async () => (await import("./commands/analyze.ts")).registerAnalyze,
  eval: async () => (await import("./commands/eval.ts")).registerEval,
  demo: async () => (await import("./commands/demo.ts")).registerDemo,
  escalate: async () => (await import("./commands/escalate.ts")).registerEscalate,
  changes: async () => (await import("./commands/changes.ts")).registerChanges,
  knowledge: async () => (await import("./commands/knowledge.ts")).registerKnowledge,
  digest: async () => (await import("./commands/digest.ts")).registerDigest,
  accounts: async () => (await import("./commands/accounts.ts")).registerAccounts,
};

async function buildProgram(io: CliIo, argv: readonly string[]): Promise<Command> {
  const program = new Command("warroom")
    .description("Customer-escalation war-rooms: context, ranked root causes, verdicts, findings, digests.")
    .version(manifest.version, "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const named = argv.find((a) => !a.startsWith("-"));
  const wanted = named && COMMANDS[named] ? [named] : Object.keys(COMMANDS);
  const registers = await Promise.all(wanted.map((name) => COMMANDS[name]?.()));
  for (const register of registers) register?.(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    await (await buildProgram(io, argv)).parseAsync(argv, { from: "user" });
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
