/**
 * The behaviour every CrmSource must have, run against each implementation: the local dataset, and
 * Salesforce through its fake server. `make` builds the implementation over the fixture world below. Ids
 * have Salesforce's shape (18 characters) so every implementation can hold them as they are.
 */
import { describe, expect, it } from "vitest";
import type { CrmSource } from "../../src/ports/crm-source.ts";

/** The world's ids, by what they name. */
export const IDS = {
  acme: "001000000000001AAA",
  acmeLogistics: "001000000000002AAA",
  globex: "001000000000003AAA",
  hostile: "001000000000004AAA",
  calderFinch: "001CALDERFINCHAAAA",
  brightline: "001000000000005AAA",
  syncTicket: "500000000000001AAA",
  oldTicket: "500000000000002AAA",
  globexTicket: "500000000000003AAA",
  globexEscalation: "500000000000011AAA",
  logisticsEscalation: "500000000000012AAA",
} as const;

/** A name built to break a query that does not escape it. */
export const HOSTILE_NAME = "O'Brien \\ 100% _Co";

/** The fixture world every implementation is built over. */
export const CONTRACT_WORLD = {
  accounts: [
    {
      id: IDS.acme,
      name: "Acme Corp",
      segment: "enterprise",
      arr: 180000,
      ownerEmail: "csm.one@example.com",
      attributes: { crm: "Salesforce" },
    },
    { id: IDS.acmeLogistics, name: "Acme Logistics", segment: "mid_market", arr: 60000 },
    { id: IDS.globex, name: "Globex", segment: "smb", arr: 9000, attributes: { crm: "HubSpot" } },
    { id: IDS.hostile, name: HOSTILE_NAME, segment: "smb", arr: 1000 },
    { id: IDS.calderFinch, name: "Calder Finch", segment: "smb", arr: 2000 },
    { id: IDS.brightline, name: "Brightline Inc", segment: "smb", arr: 3000 },
  ],
  tickets: [
    {
      id: IDS.syncTicket,
      accountId: IDS.acme,
      subject: "Sync errors",
      status: "open",
      createdAt: "2026-11-18T09:00:00Z",
      comments: [{ at: "2026-11-18T10:00:00Z", author: "agent", body: "No such column Commission_Rate__c" }],
    },
    {
      id: IDS.oldTicket,
      accountId: IDS.acme,
      subject: "Old question",
      status: "closed",
      createdAt: "2026-01-10T09:00:00Z",
      closedAt: "2026-01-11T09:00:00Z",
    },
    {
      id: IDS.globexTicket,
      accountId: IDS.globex,
      subject: "Invoice",
      status: "open",
      createdAt: "2026-11-17T09:00:00Z",
    },
  ],
  changes: [
    {
      id: "C-1",
      accountId: IDS.acme,
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
      accountId: IDS.globex,
      at: "2026-11-10T10:00:00Z",
      source: "customer_org",
      scope: "account",
      title: "New admin",
    },
  ],
  escalations: [
    {
      id: IDS.globexEscalation,
      accountId: IDS.globex,
      openedAt: "2026-11-12T09:00:00Z",
      summary: "Sync failures",
      status: "open",
    },
    {
      id: IDS.logisticsEscalation,
      accountId: IDS.acmeLogistics,
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
      const [hit] = await crm.searchAccounts(IDS.globex);
      expect(hit).toMatchObject({ exact: true, account: { id: IDS.globex, name: "Globex" } });
    });

    it("finds accounts by fuzzy name, best first, and marks an exact name", async () => {
      const crm = await make();
      const hits = await crm.searchAccounts("acme corp");
      expect(hits[0]).toMatchObject({ exact: true, account: { id: IDS.acme } });
      expect((await crm.searchAccounts("acme")).map((h) => h.account.id)).toEqual(
        expect.arrayContaining([IDS.acme, IDS.acmeLogistics]),
      );
      expect(await crm.searchAccounts("Initech Unlimited")).toEqual([]);
    });

    it("matches names on whole words and ids only whole", async () => {
      const crm = await make();
      // "Inc" is inside "Finch" and inside the id 001CALDERFINCH…, but is a word only of Brightline Inc.
      expect((await crm.searchAccounts("Inc")).map((h) => h.account.id)).toEqual([IDS.brightline]);
      expect((await crm.searchAccounts("inch")).map((h) => h.account.id)).toEqual([]);
      expect((await crm.searchAccounts("finch")).map((h) => h.account.id)).toEqual([IDS.calderFinch]);
      expect(await crm.searchAccounts("001CALDERFINCH")).toEqual([]);
      expect(await crm.searchAccounts("CALDERFINCHAAAA")).toEqual([]);
      const [byId] = await crm.searchAccounts(IDS.calderFinch);
      expect(byId).toMatchObject({ exact: true, account: { id: IDS.calderFinch } });
    });

    it("searches a name full of quotes, backslashes, % and _ as plain text", async () => {
      const crm = await make();
      const [hit] = await crm.searchAccounts(HOSTILE_NAME);
      expect(hit).toMatchObject({ exact: true, account: { id: IDS.hostile, name: HOSTILE_NAME } });
      expect(await crm.searchAccounts("' OR Name LIKE '%")).toEqual([]);
    });

    it("returns the account with its owner email, or null", async () => {
      const crm = await make();
      expect(await crm.getAccount(IDS.acme)).toMatchObject({
        name: "Acme Corp",
        ownerEmail: "csm.one@example.com",
        arr: 180000,
      });
      expect(await crm.getAccount("001000000000999AAA")).toBeNull();
      expect((await crm.listAccounts()).map((a) => a.id).sort()).toEqual(
        [IDS.acme, IDS.acmeLogistics, IDS.globex, IDS.hostile, IDS.calderFinch, IDS.brightline].sort(),
      );
    });

    it("lists an account's tickets inside a window, with comments and in the bundle's shape", async () => {
      const crm = await make();
      const tickets = await crm.listTickets(IDS.acme, {
        since: new Date("2026-11-01T00:00:00Z"),
        until: new Date("2026-11-30T00:00:00Z"),
      });
      expect(tickets.map((t) => t.id)).toEqual([IDS.syncTicket]);
      expect(tickets[0]?.comments?.[0]?.body).toContain("Commission_Rate__c");
      expect(tickets[0]).not.toHaveProperty("accountId");
      expect((await crm.listTickets(IDS.acme)).map((t) => t.id).sort()).toEqual([
        IDS.syncTicket,
        IDS.oldTicket,
      ]);
    });

    it("lists the account's own changes plus global ones, never another account's", async (context) => {
      const crm = await make();
      // An optional capability: a CRM without a change record leaves changes to the change feed.
      if (!crm.listChanges) return context.skip();
      const changes = await crm.listChanges(IDS.acme);
      expect(changes.map((c) => c.id).sort()).toEqual(["C-1", "C-2"]);
    });

    it("lists escalations newest first, with account names and attributes", async () => {
      const crm = await make();
      const all = await crm.listEscalations();
      expect(all.map((e) => e.id)).toEqual([IDS.globexEscalation, IDS.logisticsEscalation]);
      expect(all[0]).toMatchObject({ accountName: "Globex", attributes: { crm: "HubSpot" } });
      const recent = await crm.listEscalations({ since: new Date("2026-11-01T00:00:00Z") });
      expect(recent.map((e) => e.id)).toEqual([IDS.globexEscalation]);
    });
  });
}
