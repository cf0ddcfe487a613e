#!/usr/bin/env node
/**
 * The `warroom` process: the only place that touches `process` (environment, streams, signals). npm's
 * `warroom` bin is `launcher.js`, which picks a Node that runs TypeScript and then loads this file.
 */
import { enableCompileCache } from "./compile-cache.js";

// The launcher has turned Node's compile cache on already (see compile-cache.js); this covers running this
// file directly. The CLI is imported after this call, or its modules would be compiled before the cache is on.
enableCompileCache();
const { runCli } = await import("./index.ts");

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      // A second signal while shutting down means "now".
      process.once(signal, () => process.exit(130));
      resolve(signal);
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}

function onProcessFault(
  decide: (kind: "unhandledRejection" | "uncaughtException", error: unknown) => "continue" | "exit",
): void {
  process.on("unhandledRejection", (reason) => {
    if (decide("unhandledRejection", reason) === "exit") process.exit(1);
  });
  process.on("uncaughtException", (error) => {
    if (decide("uncaughtException", error) === "exit") process.exit(1);
  });
}

// `warroom analyze … | head`: the reader left; there is nobody to report to.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  stopSignal,
  onProcessFault,
  // An unref'd timer: it never keeps the process alive, it only ends one that something else holds open.
  exitAfter: (ms) => void setTimeout(() => process.exit(), ms).unref(),
});
