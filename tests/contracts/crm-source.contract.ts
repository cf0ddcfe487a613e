/**
 * The behaviour every CrmSource must have, run against each implementation (local dataset now, Salesforce
 * through its fake server later). `make` builds the implementation over the fixture world below.
 */
import { describe, expect, it } from "vitest";
import type { CrmSource } from "../../src/ports/crm-source.ts";

/** The fixture world every implementation is built over. */
export const CONTRACT_WORLD = {
  accounts: [
    {
      id: "ACC-1",
      name: "Acme Corp",
      segment: "enterprise",
      arr: 180000,
      ownerEmail: "csm.one@example.com",
      attributes: { crm: "Salesforce" },
    },
    { id: "ACC-2", name: "Acme Logistics", segment: "mid_market", arr: 60000 },
    { id: "ACC-3", name: "Globex", segment: "smb", arr: 9000, attributes: { crm: "HubSpot" } },
  ],
  tickets: [
    {
      id: "T-1",
      accountId: "ACC-1",
      subject: "Sync errors",
      status: "open",
      createdAt: "2026-11-18T09:00:00Z",
      comments: [{ at: "2026-11-18T10:00:00Z", author: "agent", body: "No such column Commission_Rate__c" }],
    },
    {
      id: "T-2",
      accountId: "ACC-1",
      subject: "Old question",
      status: "closed",
      createdAt: "2026-01-10T09:00:00Z",
      closedAt: "2026-01-11T09:00:00Z",
    },
    { id: "T-3", accountId: "ACC-3", subject: "Invoice", status: "open", createdAt: "2026-11-17T09:00:00Z" },
  ],
  changes: [
    {
      id: "C-1",
      accountId: "ACC-1",
      at: "2026-11-09T14:00:00Z",
      source: "customer_config",
      scope: "account",
      title: "Renamed fields",
    },
    {
      id: "C-2",
      at: "2026-11-14T18:00:00Z",
      source: "vendor_deploy",
      scope: "global",
      title: "Deployed v2.4",
    },
    {
      id: "C-3",
      accountId: "ACC-3",
      at: "2026-11-10T10:00:00Z",
      source: "customer_org",
      scope: "account",
      title: "New admin",
    },
  ],
  escalations: [
    {
      id: "ESC-1",
      accountId: "ACC-3",
      openedAt: "2026-11-12T09:00:00Z",
      summary: "Sync failures",
      status: "open",
    },
    {
      id: "ESC-2",
      accountId: "ACC-2",
      openedAt: "2026-10-01T09:00:00Z",
      summary: "Billing dispute",
      status: "resolved",
      rootCauseCategory: "billing",
      resolvedAt: "2026-10-05T09:00:00Z",
    },
  ],
  knowledge: [],
};

/** Runs the contract against one implementation. */
export function crmSourceContract(name: string, make: () => Promise<CrmSource>): void {
  describe(`CrmSource contract: ${name}`, () => {
    it("finds an account by exact id", async () => {
      const crm = await make();
      const [hit] = await crm.searchAccounts("ACC-3");
      expect(hit).toMatchObject({ exact: true, account: { id: "ACC-3", name: "Globex" } });
    });

    it("finds accounts by fuzzy name, best first, and marks an exact name", async () => {
      const crm = await make();
      const hits = await crm.searchAccounts("acme corp");
      expect(hits[0]).toMatchObject({ exact: true, account: { id: "ACC-1" } });
      expect((await crm.searchAccounts("acme")).map((h) => h.account.id)).toEqual(
        expect.arrayContaining(["ACC-1", "ACC-2"]),
      );
      expect(await crm.searchAccounts("Initech Unlimited")).toEqual([]);
    });

    it("returns the account with its owner email, or null", async () => {
      const crm = await make();
      expect(await crm.getAccount("ACC-1")).toMatchObject({
        name: "Acme Corp",
        ownerEmail: "csm.one@example.com",
        arr: 180000,
      });
      expect(await crm.getAccount("nope")).toBeNull();
      expect((await crm.listAccounts()).map((a) => a.id).sort()).toEqual(["ACC-1", "ACC-2", "ACC-3"]);
    });

    it("lists an account's tickets inside a window, with comments and in the bundle's shape", async () => {
      const crm = await make();
      const tickets = await crm.listTickets("ACC-1", { since: new Date("2026-11-01T00:00:00Z") });
      expect(tickets.map((t) => t.id)).toEqual(["T-1"]);
      expect(tickets[0]?.comments?.[0]?.body).toContain("Commission_Rate__c");
      expect(tickets[0]).not.toHaveProperty("accountId");
      expect((await crm.listTickets("ACC-1")).map((t) => t.id).sort()).toEqual(["T-1", "T-2"]);
    });

    it("lists the account's own changes plus global ones, never another account's", async () => {
      const crm = await make();
      const changes = await crm.listChanges("ACC-1");
      expect(changes.map((c) => c.id).sort()).toEqual(["C-1", "C-2"]);
    });

    it("lists escalations newest first, with account names and attributes", async () => {
      const crm = await make();
      const all = await crm.listEscalations();
      expect(all.map((e) => e.id)).toEqual(["ESC-1", "ESC-2"]);
      expect(all[0]).toMatchObject({ accountName: "Globex", attributes: { crm: "HubSpot" } });
      const recent = await crm.listEscalations({ since: new Date("2026-11-01T00:00:00Z") });
      expect(recent.map((e) => e.id)).toEqual(["ESC-1"]);
    });
  });
}
