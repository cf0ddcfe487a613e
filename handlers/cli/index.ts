/**
 * The `warroom` command line (shared/contracts/runtime.md). Exit codes: 0 success, 1 runtime failure,
 * 2 bad input or configuration, with a message naming the field or variable.
 */
import { Command, CommanderError } from "commander";
import manifest from "../../package.json" with { type: "json" };
import { describeFailure } from "../../src/describe-failure.ts";
import { exitCodeFor, IntegrationError, WarroomError } from "../../src/errors.ts";
import type { CliIo } from "./io.ts";

export type { CliIo } from "./io.ts";

type Register = (program: Command, io: CliIo) => void;

/**
 * Every command, with the one line `warroom --help` shows. A command's module (and all it imports) loads
 * only when that command runs: `warroom --version` or `analyze` need none of the service's modules.
 */
const COMMANDS: { name: string; summary: string; load: () => Promise<Register> }[] = [
  {
    name: "serve",
    summary: "run Slack, Teams, schedules and the HTTP API as configured",
    load: async () => (await import("./commands/serve.ts")).registerServe,
  },
  {
    name: "analyze",
    summary: "rank the root causes of a case bundle (a JSON file)",
    load: async () => (await import("./commands/analyze.ts")).registerAnalyze,
  },
  {
    name: "eval",
    summary: "score the engine on scenario files or on the resolved war-rooms",
    load: async () => (await import("./commands/eval.ts")).registerEval,
  },
  {
    name: "demo",
    summary: "the sample escalation's war-room, printed",
    load: async () => (await import("./commands/demo.ts")).registerDemo,
  },
  {
    name: "escalate",
    summary: "open a war-room for an account",
    load: async () => (await import("./commands/escalate.ts")).registerEscalate,
  },
  {
    name: "changes",
    summary: "record deploys and config changes (changes import FILE)",
    load: async () => (await import("./commands/changes.ts")).registerChanges,
  },
  {
    name: "knowledge",
    summary:
      "export the knowledge base as Markdown (knowledge export DIR); recurring causes without an article (knowledge gaps)",
    load: async () => (await import("./commands/knowledge.ts")).registerKnowledge,
  },
  {
    name: "digest",
    summary: "the weekly digest: print, post, chart",
    load: async () => (await import("./commands/digest.ts")).registerDigest,
  },
  {
    name: "accounts",
    summary: "list accounts, or find them by name or id",
    load: async () => (await import("./commands/accounts.ts")).registerAccounts,
  },
  {
    name: "triage",
    summary: "triage one ticket, or evaluate the topic learner (triage evaluate TRAIN.csv TEST.csv)",
    load: async () => (await import("./commands/triage.ts")).registerTriage,
  },
  {
    name: "radar",
    summary: "open ticket threads by escalation risk, with their reasons",
    load: async () => (await import("./commands/radar.ts")).registerRadar,
  },
];

/** The command `argv` runs (`help X` asks about X), if any. */
function commandNamed(argv: string[]): string | undefined {
  const [first, second] = argv.filter((arg) => !arg.startsWith("-"));
  return first === "help" ? second : first;
}

async function buildProgram(io: CliIo, argv: string[]): Promise<Command> {
  const program = new Command("warroom")
    .description("Customer-escalation war-rooms: context, ranked root causes, verdicts, findings, digests.")
    .version(manifest.version, "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const wanted = commandNamed(argv);
  for (const spec of COMMANDS) {
    // The others are listed by name only; they never run in this process.
    if (spec.name === wanted) (await spec.load())(program, io);
    else program.command(spec.name).allowUnknownOption().allowExcessArguments();
    program.commands.at(-1)?.summary(spec.summary);
  }
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
    io.stderr.write(`warroom: ${describeForTerminal(error)}\n`);
    return exitCodeFor(error);
  }
}

/**
 * One line for the terminal: input and configuration errors as written (they name the field and an
 * example); a failed system in words (describeFailure) followed by its technical detail; anything else
 * with its message and where to find more.
 */
function describeForTerminal(error: unknown): string {
  if (error instanceof IntegrationError)
    return `${describeFailure(error)} Details: ${error.message.replace(/\s*\n\s*/g, " ")}`;
  if (error instanceof WarroomError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `something went wrong inside warroom: ${message.replace(/\s*\n\s*/g, " ")} (rerun with LOG_LEVEL=debug for details)`;
}
