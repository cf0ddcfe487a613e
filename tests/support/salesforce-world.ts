/**
 * The CRM contract's world as a Salesforce org for the fake: accounts with the custom fields the field map
 * below names, tickets as cases with comments, other accounts' escalations as escalated cases.
 */
import { salesforceFieldMapSchema } from "../../src/config/salesforce-fields.ts";
import { CONTRACT_WORLD } from "../contracts/crm-source.contract.ts";
import type { FakeSalesforceOptions } from "../fakes/salesforce/index.ts";

/** The field map an org like this one is configured with. */
export const WORLD_FIELD_MAP = salesforceFieldMapSchema.parse({
  account: { arr: "ARR__c", segment: "Segment__c", attributes: { crm: "CRM__c" } },
});

export const CSM_USER_ID = "005000000000001AAA";
const AGENT_USER_ID = "005000000000002AAA";

/** Custom fields the world's records use. */
export const WORLD_CUSTOM_FIELDS: FakeSalesforceOptions["customFields"] = {
  Account: ["ARR__c", "Segment__c", "CRM__c"],
};

/** The contract world as fake-Salesforce records. */
export function worldRecords(): NonNullable<FakeSalesforceOptions["records"]> {
  const accounts = CONTRACT_WORLD.accounts.map((a) => ({
    Id: a.id,
    Name: a.name,
    ARR__c: a.arr,
    Segment__c: a.segment,
    CRM__c: a.attributes?.crm ?? null,
    ...(a.ownerEmail ? { OwnerId: CSM_USER_ID } : {}),
  }));
  const tickets = CONTRACT_WORLD.tickets.map((t) => ({
    Id: t.id,
    AccountId: t.accountId,
    Subject: t.subject,
    Status: t.status === "closed" ? "Closed" : "New",
    CreatedDate: t.createdAt,
    ...(t.closedAt ? { ClosedDate: t.closedAt } : {}),
  }));
  const escalations = CONTRACT_WORLD.escalations.map((e) => ({
    Id: e.id,
    AccountId: e.accountId,
    Subject: e.summary,
    Status: e.status === "resolved" ? "Closed" : "Escalated",
    IsEscalated: true,
    CreatedDate: e.openedAt,
    ...(e.resolvedAt ? { ClosedDate: e.resolvedAt } : {}),
  }));
  const comments = CONTRACT_WORLD.tickets.flatMap((t) =>
    (t.comments ?? []).map((c) => ({
      ParentId: t.id,
      CommentBody: c.body,
      CreatedDate: c.at,
      CreatedById: AGENT_USER_ID,
    })),
  );
  return {
    User: [
      {
        Id: CSM_USER_ID,
        FirstName: "Casey",
        LastName: "One",
        Email: "csm.one@example.com",
        Username: "casey@acme.test",
      },
      {
        Id: AGENT_USER_ID,
        FirstName: "Avery",
        LastName: "Agent",
        Email: "agent@vendor.test",
        Username: "avery@vendor.test",
      },
    ],
    Account: accounts,
    Case: [...tickets, ...escalations],
    CaseComment: comments,
  };
}
