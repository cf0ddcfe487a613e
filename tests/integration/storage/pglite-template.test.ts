import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/storage/open-database.ts";
import { pgliteTemplatePath } from "../../../src/storage/pglite-template.ts";
import { testLogger } from "../../support/databases.ts";

describe("the install-time PGlite template", () => {
  it("was prepared by npm install, for the installed PGlite version", () => {
    expect(pgliteTemplatePath()).toMatch(/pglite-\d+\.\d+\.\d+\.tar\.gz$/);
    expect(
      existsSync(pgliteTemplatePath()),
      "npm's postinstall should have run scripts/prepare-pglite-template.ts",
    ).toBe(true);
  });

  it("gives a new data directory a working, migrated database", async () => {
    const dir = await mkdtemp(join(tmpdir(), "warroom-template-"));
    try {
      const db = await openDatabase({ kind: "pglite", dataDir: dir }, testLogger);
      expect(await db.query("SELECT count(*)::int AS n FROM escalations")).toEqual([{ n: 0 }]);
      await db.close();
      expect(existsSync(join(dir, "pglite", "PG_VERSION"))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
