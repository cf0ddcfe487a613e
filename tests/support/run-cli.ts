/**
 * Runs the real `warroom` executable as a child process, the way a user or CI does.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "../../handlers/cli/launcher.js");

/** The outcome of a finished command. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A base environment without the developer's own warroom variables leaking in. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "warn" };
  return { ...env, ...extra };
}

/** Runs `warroom ARGS` to completion. */
export function runWarroom(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** A running `warroom serve`. */
export interface ServeProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `warroom serve` on a free port and resolves once it says where it listens. */
export function startServe(env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, "serve"], { env: cleanEnv({ PORT: "0", ...env }) });
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => (out += d));
    child.stdout.on("data", (d) => {
      out += d;
      const match = /listening on http:\/\/(?:\[[^\]]+\]|[^:/]+):(\d+)/.exec(out);
      if (match) {
        resolve({
          child,
          port: Number(match[1]),
          output: () => out,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${out}`)));
  });
}
