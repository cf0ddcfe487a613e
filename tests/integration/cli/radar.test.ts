import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWarroom } from "../../support/run-cli.ts";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString().replace(/\.\d+Z$/, "Z");
const ahead = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** A tiny world: a big account writing about sync for the third time, angrier each time, and a calm one. */
const dataset = {
  "accounts.json": [
    {
      id: "ACC-1",
      name: "Acme Corp",
      segment: "enterprise",
      arr: 320000,
      renewalDate: ahead(40),
      healthScore: 45,
    },
    { id: "ACC-2", name: "Calm Co", segment: "smb", arr: 6000 },
  ],
  "tickets.json": [
    {
      id: "T-1",
      accountId: "ACC-1",
      subject: "Deals not syncing",
      status: "closed",
      priority: "high",
      createdAt: ago(20),
      closedAt: ago(19),
      tags: ["crm-sync"],
    },
    {
      id: "T-2",
      accountId: "ACC-1",
      subject: "Sync stopped again",
      status: "closed",
      priority: "high",
      createdAt: ago(9),
      closedAt: ago(8),
      tags: ["crm-sync"],
    },
    {
      id: "T-3",
      accountId: "ACC-1",
      number: "00000003",
      subject: "Sync broken for the third time",
      status: "open",
      priority: "high",
      createdAt: ago(2),
      tags: ["crm-sync"],
      description: "Deals are missing in the CRM again.",
      comments: [
        {
          at: ago(1),
          author: "customer",
          body: "This is unacceptable. We are furious and considering our options.",
        },
      ],
    },
    {
      id: "T-4",
      accountId: "ACC-2",
      subject: "How do I export a report?",
      status: "open",
      priority: "low",
      createdAt: ago(0.1),
      tags: ["reporting"],
    },
  ],
  "changes.json": [
    {
      id: "CHG-1",
      at: ago(5),
      source: "vendor_deploy",
      scope: "global",
      title: "crm-sync 2.0 released",
      productArea: "crm-sync",
    },
  ],
};

describe("warroom radar", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "warroom-radar-"));
    await Promise.all(
      Object.entries(dataset).map(([f, items]) => writeFile(join(dir, f), JSON.stringify(items))),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    runWarroom(["radar", ...args], { DATA_DIR: join(dir, "data"), CRM_DATA_DIR: dir });

  it("lists open threads by risk, highest first, each signal with its evidence", async () => {
    const result = await run();
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^0\.\d\d {2}Acme Corp · ticket 00000003 "Sync broken for the third time" · risk 0\.\d\d \((high|critical)\)$/,
    );
    expect(result.stdout).toMatch(
      /- Repeat contact \(\+0\.40\): The third ticket on crm-sync in 30 days: after T-1 .*, T-2 .*\[T-3, T-1, T-2\]/,
    );
    expect(result.stdout).toMatch(/- Tone getting worse .*angry.*\[T-3\]/);
    expect(result.stdout).toMatch(/- Incident or change of ours .*CHG-1 "crm-sync 2\.0 released".*\[CHG-1\]/);
    expect(result.stdout).toMatch(
      /- Account value .*ARR \$320K, enterprise, renews .* \(in \d+ days\), health 45\/100 \[ACC-1\]/,
    );
    expect(result.stdout).toMatch(/Calm Co · ticket T-4/);
    expect(result.stdout).toMatch(
      /2 open threads; 1 at or above the alert threshold 0\.7 \(RISK_ALERT_THRESHOLD\)\n$/,
    );
  });

  it("narrows to one account by name and prints JSON", async () => {
    const result = await run("--account", "calm", "--format", "json");
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.threshold).toBe(0.7);
    expect(json.threads).toEqual([
      expect.objectContaining({ accountId: "ACC-2", ticketId: "T-4", level: null }),
    ]);
  });

  it("says what is wrong with an unknown account and exits 2", async () => {
    const result = await run("--account", "Globex");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--account "Globex" matches no account: give the account id (warroom accounts lists them)',
    );
  });
});
