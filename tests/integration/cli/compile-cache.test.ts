/**
 * Node's compile cache (handlers/cli/compile-cache.js): once it holds every file a command loads, the
 * command never loads Node's TypeScript stripper (its WebAssembly and source stayed resident, about 16 MB of
 * a server's idle memory). The launcher turns the cache on before the first TypeScript file loads, and npm's
 * postinstall fills it (scripts/warm-compile-cache.ts), so the first start after an install is warm too.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWarroom } from "../../support/run-cli.ts";

const ROOT = join(import.meta.dirname, "../../..");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "warroom-compile-cache-"));
  // Preloaded into the warroom process and its worker threads: at exit, the process and each thread that
  // ends by itself (a terminated one does not get there) write which of Node's own modules they loaded.
  await writeFile(
    join(dir, "loaded.cjs"),
    `const { threadId } = require("node:worker_threads");\n` +
      `process.on("exit", () => require("node:fs").writeFileSync(\`\${process.env.LOADED_FILE}.\${threadId}\`, process.moduleLoadList.join("\\n")));\n`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `warroom ARGS` and tells whether it, or one of its worker threads, loaded Node's TypeScript stripper. */
async function loadsStripper(
  run: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<boolean> {
  const result = await runWarroom(args, {
    NODE_OPTIONS: `--require ${join(dir, "loaded.cjs")}`,
    LOADED_FILE: join(dir, run),
    ...env,
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const threads = (await readdir(dir)).filter((name) => name.startsWith(`${run}.`));
  expect(threads.length).toBeGreaterThan(0);
  const lists = await Promise.all(threads.map((name) => readFile(join(dir, name), "utf8")));
  return lists.some((list) => list.includes("internal/deps/amaro"));
}

describe("Node's compile cache", () => {
  it("is on before the first TypeScript file loads: a second run strips nothing", async () => {
    // The default folder (the install's own); a first run fills what is missing there. `--version` runs as
    // it was started, a database command restarts with the V8 flags (a cache of its own).
    await loadsStripper("version-1", ["--version"]);
    expect(await loadsStripper("version-2", ["--version"])).toBe(false);
    await loadsStripper("accounts-1", ["accounts"], { DATA_DIR: join(dir, "data-0") });
    expect(await loadsStripper("accounts-2", ["accounts"], { DATA_DIR: join(dir, "data-0") })).toBe(false);
  }, 120_000);

  it("is filled at install, so the first database command after it strips nothing", async () => {
    const cache = join(dir, "cache");
    // The same command on a cache nobody filled strips every file: the probe sees the stripper.
    const empty = { NODE_COMPILE_CACHE: join(dir, "empty"), DATA_DIR: join(dir, "data-1") };
    expect(await loadsStripper("empty", ["accounts"], empty)).toBe(true);
    await promisify(execFile)(process.execPath, [join(ROOT, "scripts/warm-compile-cache.ts")], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_COMPILE_CACHE: cache },
    });
    const warm = { NODE_COMPILE_CACHE: cache, DATA_DIR: join(dir, "data-2") };
    expect(await loadsStripper("warmed", ["accounts"], warm)).toBe(false);
  }, 120_000);
});
