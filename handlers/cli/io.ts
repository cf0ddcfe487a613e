/**
 * What a CLI command gets from the process: the environment, the streams and the working directory.
 * Passing them in keeps `process` out of the commands and lets tests run them in-process.
 */
import type { Readable, Writable } from "node:stream";
import type { Config } from "../../src/config.ts";
import { createLogger, type Logger } from "../../src/logger.ts";

/** The process-facing side of a CLI run. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  /** Resolves when the process is asked to stop (SIGTERM or SIGINT). */
  stopSignal(): Promise<string>;
  /**
   * Hands every error that escapes all handlers to `decide` (serve installs it; other commands keep Node's
   * default of exiting). Absent in tests that run a command in-process.
   */
  onProcessFault?(
    decide: (kind: "unhandledRejection" | "uncaughtException", error: unknown) => "continue" | "exit",
  ): void;
  /**
   * Ends the process `ms` from now unless it has ended by itself: after a shutdown, a client call still
   * hanging (a Slack request in its 30 s timeout and retries) must not keep it alive. Absent in-process.
   */
  exitAfter?(ms: number): void;
}

/**
 * The logger of a one-shot command: warnings and worse unless LOG_LEVEL asks for more, so the command's own
 * output is not buried under a service's info lines.
 */
export function cliLogger(config: Config): Logger {
  return createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
}
