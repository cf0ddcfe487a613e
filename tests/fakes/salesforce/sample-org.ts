/**
 * A small org to start the fake with: two users, four accounts (two with awkward names for escaping), three
 * cases with comments, two opportunities, and the custom account fields warroom reads. Its clock is fixed at
 * SAMPLE_NOW so relative date literals give the same answer on every run.
 */
import type { FakeSalesforceOptions } from "./index.ts";

/** The sample org's "now": a Friday. */
export const SAMPLE_NOW = new Date("2026-11-20T12:00:00Z");

/** Ids of the sample records. */
export const SAMPLE_IDS = {
  csm: "005000000000001AAA",
  integration: "005000000000002AAA",
  acme: "001000000000001AAA",
  acmeLogistics: "001000000000002AAA",
  obrien: "001000000000003AAA",
  obrienLookalike: "001000000000004AAA",
  syncCase: "500000000000001AAA",
  oldCase: "500000000000002AAA",
  invoiceCase: "500000000000003AAA",
  renewal: "006000000000001AAA",
  expansion: "006000000000002AAA",
} as const;

const ids = SAMPLE_IDS;

/** `O'Brien \ 100% _Co`: every character SOQL makes special in a LIKE pattern. */
export const AWKWARD_NAME = "O'Brien \\ 100% _Co";

/** The sample records, by sObject. */
export const SAMPLE_RECORDS: NonNullable<FakeSalesforceOptions["records"]> = {
  User: [
    {
      Id: ids.csm,
      FirstName: "Casey",
      LastName: "Morgan",
      Email: "csm.one@example.com",
      Username: "casey@acme.test",
    },
    { Id: ids.integration, Name: "Integration", Email: "int@example.com", UserType: "AutomatedProcess" },
  ],
  Account: [
    {
      Id: ids.acme,
      Name: "Acme Corp",
      Industry: "Manufacturing",
      AnnualRevenue: 5_000_000,
      OwnerId: ids.csm,
      ARR__c: 180_000,
      Segment__c: "enterprise",
      Renewal_Date__c: "2026-12-01",
      Health_Score__c: 72,
    },
    { Id: ids.acmeLogistics, Name: "Acme Logistics", ARR__c: 60_000, Segment__c: "mid_market" },
    { Id: ids.obrien, Name: AWKWARD_NAME, ARR__c: 9_000 },
    { Id: ids.obrienLookalike, Name: "O'Brien \\ 100X _Co" },
  ],
  Case: [
    {
      Id: ids.syncCase,
      Subject: "Sync errors",
      Status: "New",
      Priority: "High",
      AccountId: ids.acme,
      OwnerId: ids.csm,
      CreatedById: ids.integration,
      CreatedDate: "2026-11-18T09:00:00Z",
    },
    {
      Id: ids.oldCase,
      Subject: "Old question",
      Status: "Closed",
      AccountId: ids.acme,
      OwnerId: ids.csm,
      CreatedDate: "2026-01-10T09:00:00Z",
      ClosedDate: "2026-01-11T09:00:00Z",
    },
    {
      Id: ids.invoiceCase,
      Subject: "Invoice",
      Status: "New",
      AccountId: ids.acmeLogistics,
      CreatedDate: "2026-11-17T09:00:00Z",
    },
  ],
  CaseComment: [
    {
      ParentId: ids.syncCase,
      CommentBody: "No such column Commission_Rate__c",
      IsPublished: true,
      CreatedDate: "2026-11-18T10:00:00Z",
    },
    {
      ParentId: ids.syncCase,
      CommentBody: "Internal: check the deploy",
      CreatedDate: "2026-11-18T11:00:00Z",
    },
  ],
  Opportunity: [
    {
      Id: ids.renewal,
      Name: "Acme Renewal 2027",
      StageName: "Negotiation",
      CloseDate: "2026-12-15",
      Amount: 180_000,
      AccountId: ids.acme,
      OwnerId: ids.csm,
    },
    {
      Id: ids.expansion,
      Name: "Acme Expansion",
      StageName: "Closed Won",
      CloseDate: "2026-06-30",
      Amount: 40_000,
      AccountId: ids.acme,
    },
  ],
};

/** Options for `startFakeSalesforce` with the sample org; `overrides` replace whole options. */
export function sampleOrg(overrides: FakeSalesforceOptions = {}): FakeSalesforceOptions {
  return {
    now: () => SAMPLE_NOW,
    customFields: { Account: ["ARR__c", "Segment__c", "Renewal_Date__c", "Health_Score__c"] },
    records: SAMPLE_RECORDS,
    ...overrides,
  };
}
