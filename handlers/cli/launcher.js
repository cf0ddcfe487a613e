#!/usr/bin/env node
/**
 * The `warroom` executable as npm installs it. Plain JavaScript so that it starts on any Node: warroom's
 * TypeScript needs Node's type stripping (22.18 or newer). On an older Node (a shell's `./node_modules/.bin/
 * warroom` finds the machine's) it runs the same command on the project's own Node 24, which `npm ci`
 * installs from the npm registry's `node` package; without that it says in one line what to do.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { enableCompileCache } from "./compile-cache.js";
import { missingRuntimeFlags, RUNTIME_ENV, RUNTIME_FLAGS } from "./runtime-flags.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
const stripsTypes = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);

const NO_DATABASE = new Set(["analyze", "help", "-h", "--help", "-V", "--version"]);

if (stripsTypes) {
  const [command = "--help"] = process.argv.slice(2);
  const missing = missingRuntimeFlags();
  const unset = Object.keys(RUNTIME_ENV).filter((name) => process.env[name] === undefined);
  if (
    (missing.length > 0 || unset.length > 0) &&
    !NO_DATABASE.has(command) &&
    typeof process.execve === "function"
  ) {
    const script = fileURLToPath(import.meta.url);
    const args = [...missing, ...process.execArgv, script, ...process.argv.slice(2)];
    process.execve(process.execPath, [process.execPath, ...args], { ...RUNTIME_ENV, ...process.env });
  }
  // Before the first .ts file loads: a start whose files are cached never loads Node's TypeScript stripper.
  enableCompileCache();
  await import("./warroom.ts");
} else {
  const root = join(HERE, "../..");
  const ownNode = join(root, "node_modules", "node", "bin", "node");
  if (!existsSync(ownNode)) {
    process.stderr.write(
      `warroom: needs Node 22.18 or newer (this is Node ${process.version}); run \`npm ci\` in ${root} ` +
        "(it installs Node 24 for warroom from the npm registry) or install Node 24\n",
    );
    process.exit(2);
  }
  runOn(ownNode);
}

/** Runs this command on `node`, passing signals on and exiting the way it exits. */
function runOn(node) {
  const child = spawn(node, [...RUNTIME_FLAGS, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...RUNTIME_ENV, ...process.env },
  });
  // SIGTERM and SIGHUP are sent to this process alone: pass them on, so `kill` stops the server too.
  // Ctrl-C reaches the whole foreground group, the child included: passing SIGINT on would make it two,
  // and a second SIGINT means "stop now" to warroom.
  for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  process.on("SIGINT", () => {});
  child.on("error", (error) => {
    process.stderr.write(`warroom: cannot start ${node}: ${error.message}\n`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
}
