import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWarroom } from "../../support/run-cli.ts";

describe("warroom accounts and the account messages of escalate, on the bundled sample", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "warroom-accounts-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));
  const run = (...args: string[]) => runWarroom(args, { DATA_DIR: dataDir });

  it("lists every account with id, name, segment, ARR and its open war-room", async () => {
    const opened = await run("escalate", "ACC-0040", "deals missing from HubSpot");
    expect(opened.code, opened.stderr).toBe(0);
    const result = await run("accounts");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ID +NAME +SEGMENT +ARR +OPEN WAR-ROOM$/m);
    expect(result.stdout).toMatch(
      /^ACC-0040 +Halvard Field Services +mid_market +\$[\d,]+ +WR-\d{4}-\d{4} /m,
    );
    expect(result.stdout).toMatch(/^ACC-0001 +Copperline HVAC +mid_market +\$[\d,]+$/m);
    expect(result.stdout).toMatch(/^60 accounts$/m);
    const json = JSON.parse((await run("accounts", "Halvard", "--format", "json")).stdout);
    expect(json.accounts).toEqual([
      expect.objectContaining({
        id: "ACC-0040",
        openWarRoom: expect.objectContaining({ escalationId: expect.any(String) }),
      }),
    ]);
  });

  it("finds accounts by part of a name or an id in any case, and only those that fit", async () => {
    const dental = await run("accounts", "Dental");
    expect(dental.stdout).toMatch(/Alderbank Dental Group[\s\S]*Harbor Lights Dental[\s\S]*^2 accounts$/m);
    expect((await run("accounts", "acc-0021")).stdout).toMatch(/^ACC-0021 +Alderbank Dental Group/m);
    const none = await run("accounts", "Acme Corp");
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('No account matches "Acme Corp". `warroom accounts` lists them all.\n');
  });

  it("calls an unknown id unknown, with no unrelated closest names", async () => {
    const result = await run("escalate", "ACC-9999", "help");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'warroom: no account matches "ACC-9999"; `warroom accounts` lists them with their ids\n',
    );
  });

  it("names only close accounts as closest", async () => {
    const result = await run("escalate", "Northwind", "help");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("(closest: Northcairn Clinics, Northgate Cleaning Co)");
  });

  it("asks about one candidate as one, and counts several", async () => {
    const one = await run("escalate", "Copperline Heating", "help");
    expect(one.code).toBe(2);
    expect(one.stderr).toContain(
      'no account is named "Copperline Heating"; did you mean Copperline HVAC (ACC-0001)?',
    );
    const two = await run("escalate", "Dental", "help");
    expect(two.stderr).toContain(
      '"Dental" matches 2 accounts: Alderbank Dental Group (ACC-0021), Harbor Lights Dental (ACC-0043)',
    );
  });
});
