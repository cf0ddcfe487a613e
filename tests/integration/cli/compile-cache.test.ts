/**
 * The launcher turns Node's compile cache on before the first TypeScript file loads: once the cache holds
 * every file, a start never loads Node's TypeScript stripper (its WebAssembly and source stayed resident,
 * about 16 MB of a server's idle memory).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWarroom } from "../../support/run-cli.ts";

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

async function loadedModules(run: string): Promise<string[]> {
  const file = join(dir, `${run}.txt`);
  const result = await runWarroom(["--version"], {
    // With NODE_COMPILE_CACHE set, Node turns the cache on by itself; unset, as users run it, the default
    // folder is under the temporary directory.
    TMPDIR: dir,
    NODE_OPTIONS: `--require ${join(dir, "loaded.cjs")}`,
    LOADED_FILE: file,
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return (await readFile(file, "utf8")).split("\n");
}

describe("Node's compile cache", () => {
  it("spares a start whose files are cached the TypeScript stripper", async () => {
    const stripper = (list: string[]) => list.some((m) => m.includes("internal/deps/amaro"));
    // An empty cache: every .ts file is stripped (and cached).
    expect(stripper(await loadedModules("cold"))).toBe(true);
    expect(stripper(await loadedModules("warm"))).toBe(false);
  });
});
