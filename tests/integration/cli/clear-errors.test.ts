import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import manifest from "../../../package.json" with { type: "json" };
import { runWarroom } from "../../support/run-cli.ts";

describe("clear errors for paths, folders and the database", () => {
  let root: string;
  let file: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "warroom-errors-"));
    file = join(root, "a-file");
    await writeFile(file, "x");
    await mkdir(join(root, "empty"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));
  const dataDir = () => ({ DATA_DIR: join(root, "data") });

  it("refuses a CRM_DATA_DIR that is missing, a file or without accounts, naming the variable", async () => {
    for (const [dir, problem] of [
      [join(root, "missing"), "does not exist"],
      [file, "is a file"],
      [join(root, "empty"), "holds no accounts (accounts.json is missing or empty)"],
    ] as const) {
      const result = await runWarroom(["accounts"], { ...dataDir(), CRM_DATA_DIR: dir });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^warroom: CRM_DATA_DIR ${dir} ${problem.replace(/[()]/g, "\\$&")}: `),
      );
    }
  });

  it("refuses digest --chart into a missing folder before building anything", async () => {
    const result = await runWarroom(["digest", "--chart", join(root, "nope", "chart.png")], dataDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `warroom: --chart ${join(root, "nope", "chart.png")}: the folder ${join(root, "nope")} does not exist; create it first\n`,
    );
    expect(result.stdout).toBe("");
  });

  it("refuses knowledge export onto a file", async () => {
    const result = await runWarroom(["knowledge", "export", file], dataDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^warroom: knowledge export DIR .+ is a file, not a folder/);
  });

  it("refuses a DATA_DIR that is a file", async () => {
    const result = await runWarroom(["accounts"], { DATA_DIR: file });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^warroom: DATA_DIR ${file} is a file .*, not a folder: point DATA_DIR`),
    );
  });

  it("exits 1 naming DATABASE_URL, without its password, when PostgreSQL cannot be reached", async () => {
    const result = await runWarroom(["accounts"], {
      DATABASE_URL: "postgres://u:s3cret@127.0.0.1:1/warroom",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^warroom: DATABASE_URL: cannot use PostgreSQL at 127\.0\.0\.1:1\/warroom \(.*ECONNREFUSED.*\); check that the server runs/,
    );
    expect(result.stderr).not.toContain("s3cret");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("points analyze --help at the README's case-bundle section", async () => {
    const help = await runWarroom(["analyze", "--help"]);
    expect(help.stdout).toContain('README.md, section "Case bundles"');
    const readme = await readFile(join(import.meta.dirname, "../../../README.md"), "utf8");
    expect(readme).toMatch(/^### Case bundles$/m);
  });

  it("prints its version", async () => {
    const result = await runWarroom(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });
});
