/**
 * Node's compile cache (handlers/cli/compile-cache.js): once it holds every file a command loads, the
 * command never loads Node's TypeScript stripper (its WebAssembly and source stayed resident, about 16 MB of
 * a server's idle memory). The launcher turns the cache on before the first TypeScript file loads, and npm's
 * postinstall fills it (scripts/warm-compile-cache.ts), so the first start after an install is warm too.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWarroom } from "../../support/run-cli.ts";

const ROOT = join(import.meta.dirname, "../../..");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "warroom-compile-cache-"));
  // Preloaded into the warroom process: at exit, writes which of Node's own modules it loaded.
  await writeFile(
    join(dir, "loaded.cjs"),
    `process.on("exit", () => require("node:fs").writeFileSync(process.env.LOADED_FILE, process.moduleLoadList.join("\\n")));\n`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `warroom ARGS` and tells whether it loaded Node's TypeScript stripper. */
async function loadsStripper(
  run: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<boolean> {
  const file = join(dir, `${run}.txt`);
  const result = await runWarroom(args, {
    NODE_OPTIONS: `--require ${join(dir, "loaded.cjs")}`,
    LOADED_FILE: file,
    ...env,
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return (await readFile(file, "utf8")).split("\n").some((m) => m.includes("internal/deps/amaro"));
}

describe("Node's compile cache", () => {
  it("is on before the first TypeScript file loads: a second run strips nothing", async () => {
    // The default folder (the install's own); the first run fills what is missing there.
    await loadsStripper("first", ["--version"]);
    expect(await loadsStripper("second", ["--version"])).toBe(false);
  });

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
  }, 60_000);
});
