/**
 * `warroom changes import` and `warroom knowledge export`, run as the real executable on an embedded
 * database: what a deploy pipeline or an admin does from a shell.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runWarroom } from "../../support/run-cli.ts";

let dir: string;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function workspace(): Promise<Record<string, string>> {
  dir = await mkdtemp(join(tmpdir(), "warroom-cli-"));
  return { DATA_DIR: join(dir, "data") };
}

describe("warroom changes import", () => {
  it("stores a file of changes, counts a second import of it as updates, and reads standard input", async () => {
    const env = await workspace();
    const file = join(dir, "changes.json");
    await writeFile(
      file,
      JSON.stringify([
        {
          id: "deploy-1",
          at: "2026-11-20T14:00:00Z",
          source: "vendor_deploy",
          scope: "global",
          title: "API v2.4",
        },
        {
          at: "2026-11-21T09:00:00Z",
          source: "customer_config",
          scope: "account",
          accountId: "ACC-0001",
          title: "SSO",
        },
      ]),
    );
    const first = await runWarroom(["changes", "import", file], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^2 changes recorded, 0 updated: deploy-1, CHG-[0-9a-f]{16}/);
    expect((await runWarroom(["changes", "import", file], env)).stdout).toMatch(
      /^0 changes recorded, 2 updated/,
    );
    const piped = await runWarroom(
      ["changes", "import", "-"],
      env,
      JSON.stringify({
        id: "cfg-7",
        at: "2026-11-22T09:00:00Z",
        source: "vendor_config",
        scope: "global",
        title: "x",
      }),
    );
    expect(piped.stdout).toMatch(/^1 changes recorded/);
  });

  it("exits 2 naming the item and field of a bad change, and for a file that is not JSON", async () => {
    const env = await workspace();
    const bad = await runWarroom(
      ["changes", "import", "-"],
      env,
      JSON.stringify([
        { at: "2026-11-20T14:00:00Z", source: "vendor_deploy", scope: "galactic", title: "t" },
      ]),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /invalid change \(\[0\]\.scope\): expected one of "account", "segment", "global"/,
    );
    const deep = await runWarroom(
      ["changes", "import", "-"],
      env,
      `{"at":"2026-11-20T14:00:00Z","source":"vendor_deploy","scope":"global","title":"t","x":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    );
    expect(deep.code).toBe(2);
    expect(deep.stderr).toContain("is nested more than 32 levels deep");
    const notJson = await runWarroom(["changes", "import", "-"], env, "deploy happened");
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain("standard input is not valid JSON");
    expect((await runWarroom(["changes", "import", join(dir, "missing.json")], env)).stderr).toContain(
      "cannot read",
    );
  });
});

describe("warroom knowledge export", () => {
  it("writes the bundled dataset's findings as Markdown with an index", async () => {
    const env = await workspace();
    const out = join(dir, "kb");
    const result = await runWarroom(["knowledge", "export", out], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^25 findings written to .+kb/);
    const files = await readdir(out);
    expect(files).toContain("index.md");
    expect(files.filter((f) => f.startsWith("KB-"))).toHaveLength(25);
    const one = await readFile(join(out, "KB-0011.md"), "utf8");
    expect(one).toMatch(/^# Salesforce validation rule blocks account upserts\n/);
    expect(one).toContain("## Root cause");
    expect(await readFile(join(out, "index.md"), "utf8")).toContain("(KB-0011.md) · customer_change");
  });
});
