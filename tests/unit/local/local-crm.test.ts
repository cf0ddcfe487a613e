import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalCrmAdapter, loadDataset } from "../../../integrations/local/index.ts";
import { InputError } from "../../../src/errors.ts";
import { CONTRACT_WORLD, crmSourceContract, IDS } from "../../contracts/crm-source.contract.ts";

async function writeDataset(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "warroom-dataset-"));
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

const worldFiles = {
  "accounts.json": CONTRACT_WORLD.accounts,
  "tickets.json": CONTRACT_WORLD.tickets,
  "changes.json": CONTRACT_WORLD.changes,
  "escalations.json": CONTRACT_WORLD.escalations,
};

crmSourceContract("local dataset", async () =>
  createLocalCrmAdapter({ dataset: await loadDataset(await writeDataset(worldFiles)), label: "test" }),
);

async function loadError(files: Record<string, unknown>): Promise<string> {
  const dir = await writeDataset(files);
  const error = await loadDataset(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe("loadDataset", () => {
  it("treats missing files as empty", async () => {
    const dataset = await loadDataset(await writeDataset({ "accounts.json": CONTRACT_WORLD.accounts }));
    expect(dataset.accounts).toHaveLength(CONTRACT_WORLD.accounts.length);
    expect(dataset.tickets).toEqual([]);
    expect(dataset.knowledge).toEqual([]);
  });

  it("names the file, the item index and the field of a malformed item", async () => {
    const tickets = [
      ...CONTRACT_WORLD.tickets,
      { id: "T-9", accountId: IDS.acme, subject: "x", status: "open", createdAt: "yesterday" },
    ];
    const message = await loadError({ ...worldFiles, "tickets.json": tickets });
    expect(message).toMatch(/tickets\.json: item 3, field createdAt: .*ISO-8601/);
  });

  it("names a nested field and the allowed values", async () => {
    const accounts = [{ id: "A", name: "A", segment: "huge" }];
    expect(await loadError({ "accounts.json": accounts })).toMatch(
      /accounts\.json: item 0, field segment: .*"enterprise", "mid_market", "smb", got "huge"/,
    );
  });

  it("says when a file is not JSON or not an array", async () => {
    expect(await loadError({ "accounts.json": "{ nope" })).toMatch(/accounts\.json: is not valid JSON/);
    expect(await loadError({ "accounts.json": { id: "A" } })).toMatch(
      /accounts\.json: .*must be a JSON array/,
    );
  });

  it("requires accountId on account-scoped changes and checks it refers to an account", async () => {
    const orphan = [
      { id: "C", at: "2026-11-01T00:00:00Z", source: "customer_config", scope: "account", title: "t" },
    ];
    expect(await loadError({ ...worldFiles, "changes.json": orphan })).toMatch(
      /changes\.json: item 0, field accountId: .*required when scope is "account"/,
    );
    const unknown = [{ ...CONTRACT_WORLD.tickets[0], accountId: "ACC-404" }];
    expect(await loadError({ ...worldFiles, "tickets.json": unknown })).toMatch(
      /tickets\.json: item 0, field accountId: "ACC-404" is not an id in accounts\.json/,
    );
  });

  it("moves every date by whole weeks when rebasing, keeping weekdays and date-only fields", async () => {
    const dir = await writeDataset({
      "accounts.json": [{ id: "A", name: "A", renewalDate: "2027-01-15" }],
      "tickets.json": [
        {
          id: "T",
          accountId: "A",
          subject: "s",
          status: "open",
          createdAt: "2026-11-18T09:00:00Z",
          comments: [{ at: "2026-11-18T10:00:00Z", author: "a", body: "b" }],
        },
      ],
    });
    const dataset = await loadDataset(dir, {
      rebase: { anchor: new Date("2026-11-23T00:00:00Z"), to: new Date("2027-02-04T12:00:00Z") },
    });
    // Anchor Monday 2026-11-23 → the Monday of 2027-02-04 is 2027-02-01: ten weeks later.
    expect(dataset.tickets[0]?.createdAt).toBe("2027-01-27T09:00:00Z");
    expect(dataset.tickets[0]?.comments?.[0]?.at).toBe("2027-01-27T10:00:00Z");
    expect(dataset.accounts[0]?.renewalDate).toBe("2027-03-26");
  });
});

describe("local CRM change targeting", () => {
  it("gives an account the segment-scoped changes aimed at its segment or region, and untargeted ones", async () => {
    const dir = await writeDataset({
      "accounts.json": [
        { id: "EU-ENT", name: "Eu Ent", segment: "enterprise", attributes: { region: "eu" } },
        { id: "US-SMB", name: "Us Smb", segment: "smb", attributes: { region: "us" } },
      ],
      "changes.json": [
        {
          id: "TO-ENT",
          at: "2026-11-01T00:00:00Z",
          source: "vendor_config",
          scope: "segment",
          segment: "enterprise",
          title: "t",
        },
        {
          id: "TO-EU",
          at: "2026-11-01T00:00:00Z",
          source: "vendor_config",
          scope: "segment",
          region: "eu",
          title: "t",
        },
        { id: "TO-ALL", at: "2026-11-01T00:00:00Z", source: "vendor_config", scope: "segment", title: "t" },
      ],
    });
    const crm = createLocalCrmAdapter({ dataset: await loadDataset(dir), label: "t" });
    expect((await crm.listChanges("EU-ENT")).map((c) => c.id).sort()).toEqual(["TO-ALL", "TO-ENT", "TO-EU"]);
    expect((await crm.listChanges("US-SMB")).map((c) => c.id)).toEqual(["TO-ALL"]);
  });
});
