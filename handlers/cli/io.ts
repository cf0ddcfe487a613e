/**
 * What a CLI command gets from the process: the environment, the streams and the working directory.
 * Passing them in keeps `process` out of the commands and lets tests run them in-process.
 */
import type { Readable, Writable } from "node:stream";

/** The process-facing side of a CLI run. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  /** Resolves when the process is asked to stop (SIGTERM or SIGINT). */
  stopSignal(): Promise<string>;
}
