import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWarroom } from "../../support/run-cli.ts";

describe("warroom escalate on the terminal", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "warroom-escalate-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("opens the war-room through the same request and job, printing the room, context and hypotheses", async () => {
    const result = await runWarroom(
      [
        "escalate",
        "Halvard Field Services",
        "HubSpot",
        "deals",
        "stale",
        "for",
        "a",
        "week",
        "--severity",
        "critical",
      ],
      { DATA_DIR: dataDir },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Opening a war-room for Halvard Field Services \(WR-\d{4}-\d{4}\)/);
    expect(result.stdout).toMatch(/# esc-halvard-field-services-\d{8} \(private\)/);
    expect(result.stdout).toMatch(/\[ \] #1 .+ — \d+% · [a-z_]+/);
    expect(result.stdout).toMatch(/Talking points:/);
  });

  it("finds the open war-room instead of opening a second one", async () => {
    const result = await runWarroom(["escalate", "ACC-0040", "again"], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Halvard Field Services already has an open war-room: WR-\d{4}-\d{4}/);
  });

  it("exits 2 for an account it cannot find", async () => {
    const result = await runWarroom(["escalate", "Nonexistent Unlimited", "help"], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no account matches "Nonexistent Unlimited"');
  });
});
