/**
 * Fills Node's compile cache (handlers/cli/compile-cache.js) at install time, run by npm's postinstall: so
 * the first `warroom serve` after an install (a container's, say) starts with every module compiled and never
 * loads Node's TypeScript stripper. It loads every module of warroom, and so what they import, in a process
 * with the V8 flags the database commands run with (Node keeps one cache per set of flags). Best effort: on
 * any failure the cache fills at the first start instead.
 *   node scripts/warm-compile-cache.ts
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { flushCompileCache } from "node:module";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { COMPILE_CACHE_DIR } from "../handlers/cli/compile-cache.js";
import { missingRuntimeFlags, RUNTIME_FLAGS } from "../handlers/cli/runtime-flags.js";

const ROOT = join(import.meta.dirname, "..");
/** Modules that do their work when loaded: the CLI's entry point and the sample-data generator. */
const ENTRY_POINTS = new Set(["handlers/cli/warroom.ts", "integrations/local/sample-data/generate.ts"]);

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    const name = relative(ROOT, path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") && !ENTRY_POINTS.has(name) ? [path] : [];
  });
}

if (process.env.NODE_DISABLE_COMPILE_CACHE) process.exit(0);
if (missingRuntimeFlags().length > 0) {
  // Again with the flags, the cache named in the environment so that Node turns it on before any module;
  // then the CLI's entry point, which runs when loaded: `warroom --version` loads it with the same flags.
  const env = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE || COMPILE_CACHE_DIR };
  const runs = [[import.meta.filename], [join(ROOT, "handlers/cli/launcher.js"), "--version"]].map((args) =>
    spawnSync(process.execPath, [...RUNTIME_FLAGS, ...args], {
      stdio: ["ignore", "ignore", "inherit"],
      env,
      // A module that kept its process alive must not hold up npm ci.
      timeout: 120_000,
      killSignal: "SIGKILL",
    }),
  );
  if (runs.some((run) => run.status !== 0))
    console.error("could not fill Node's compile cache: the first start fills it");
  process.exit(0);
}

const started = Date.now();
const files = ["src", "handlers", "integrations"].flatMap((dir) => modules(join(ROOT, dir)));
for (const file of files) {
  try {
    await import(pathToFileURL(file).href);
  } catch {
    // Compiled all the same: a worker thread's module refuses to run on the main thread, for one.
  }
}
flushCompileCache();
console.error(
  `compiled ${files.length} modules into ${process.env.NODE_COMPILE_CACHE} in ${((Date.now() - started) / 1000).toFixed(1)} s: the first warroom serve starts warm`,
);
// Some modules start timers when loaded (metrics); nothing here needs them.
process.exit(0);
