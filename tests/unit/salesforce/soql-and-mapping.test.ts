import { describe, expect, it } from "vitest";
import { toCrmAccount, toTicket } from "../../../integrations/salesforce/map-records.ts";
import {
  isSalesforceId,
  soqlContains,
  soqlDateTime,
  soqlString,
  soqlValue,
} from "../../../integrations/salesforce/soql.ts";
import {
  DEFAULT_SALESFORCE_FIELD_MAP,
  salesforceFieldMapSchema,
} from "../../../src/config/salesforce-fields.ts";

describe("SOQL literals", () => {
  it("escapes backslashes before quotes, so no value can close the string", () => {
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString("back\\slash")).toBe("'back\\\\slash'");
    // A trailing backslash would otherwise escape the closing quote.
    expect(soqlString("x\\' OR Name != '")).toBe("'x\\\\\\' OR Name != \\''");
    expect(soqlString("line\nbreak\ttab")).toBe("'line\\nbreak\\ttab'");
  });

  it("makes % and _ match themselves inside a LIKE pattern", () => {
    expect(soqlContains("100% _Co")).toBe("'%100\\% \\_Co%'");
    expect(soqlContains("' OR Name LIKE '%")).toBe("'%\\' OR Name LIKE \\'\\%%'");
  });

  it("writes datetimes in UTC without milliseconds and checks configured values", () => {
    expect(soqlDateTime(new Date("2026-11-18T09:00:00.123+02:00"))).toBe("2026-11-18T07:00:00Z");
    expect(soqlValue(true)).toBe("true");
    expect(soqlValue(3)).toBe("3");
    expect(soqlValue("Escalated")).toBe("'Escalated'");
    expect(() => soqlValue(Number.NaN)).toThrow(RangeError);
  });

  it("knows a record id from a name", () => {
    expect(isSalesforceId("001000000000001AAA")).toBe(true);
    expect(isSalesforceId("001000000000001")).toBe(true);
    expect(isSalesforceId("Acme Corp")).toBe(false);
    expect(isSalesforceId("001000000000001AA")).toBe(false);
  });
});

describe("the field map", () => {
  it("refuses a field name that could change a query", () => {
    const parsed = salesforceFieldMapSchema.safeParse({ account: { arr: "ARR__c FROM User --" } });
    expect(parsed.success).toBe(false);
    expect(salesforceFieldMapSchema.safeParse({ account: { arr: "Owner.Email" } }).success).toBe(true);
  });
});

describe("Salesforce records in the bundle's shapes", () => {
  const map = salesforceFieldMapSchema.parse({
    account: {
      arr: "ARR__c",
      segment: "Segment__c",
      healthScore: "Health__c",
      attributes: { crm: "CRM__c" },
    },
    segmentValues: { Strategic: "enterprise" },
  });

  it("maps an account through the field map, translating picklists and dropping what does not fit", () => {
    const account = toCrmAccount(
      {
        Id: "001A",
        Name: "Acme",
        ARR__c: 180000,
        Segment__c: "Mid-Market",
        Health__c: "Red",
        CRM__c: "Salesforce",
        Owner: { Email: "csm@example.com" },
        Industry: null,
      },
      map,
    );
    expect(account).toEqual({
      id: "001A",
      name: "Acme",
      arr: 180000,
      segment: "mid_market",
      healthScore: 25,
      attributes: { crm: "Salesforce" },
      ownerEmail: "csm@example.com",
    });
    expect(toCrmAccount({ Id: "1", Name: "S", Segment__c: "Strategic" }, map).segment).toBe("enterprise");
  });

  it("derives the segment from head count and renewal and ARR from the renewal opportunity by default", () => {
    const account = toCrmAccount(
      {
        Id: "001B",
        Name: "Globex",
        NumberOfEmployees: 240,
        Opportunities: { totalSize: 1, done: true, records: [{ CloseDate: "2027-03-15", Amount: 42000 }] },
      },
      DEFAULT_SALESFORCE_FIELD_MAP,
    );
    expect(account).toMatchObject({ segment: "mid_market", renewalDate: "2027-03-15", arr: 42000 });
  });

  it("maps a case and its comments to a ticket, portal users as the customer", () => {
    const ticket = toTicket(
      {
        Id: "500A",
        CaseNumber: "00001234",
        Subject: "Sync errors",
        Status: "Closed",
        IsClosed: true,
        ClosedDate: "2026-11-19T10:00:00.000+0000",
        CreatedDate: "2026-11-18T09:00:00.000+0000",
        Priority: "Medium",
        Type: "Problem",
        Origin: "Email",
        CaseComments: {
          totalSize: 2,
          done: true,
          records: [
            {
              CommentBody: "It broke",
              CreatedDate: "2026-11-18T09:05:00.000+0000",
              CreatedBy: { UserType: "PowerCustomerSuccess" },
            },
            {
              CommentBody: "Looking",
              CreatedDate: "2026-11-18T09:10:00.000+0000",
              CreatedBy: { UserType: "Standard" },
            },
          ],
        },
      },
      DEFAULT_SALESFORCE_FIELD_MAP,
    );
    expect(ticket).toMatchObject({
      id: "500A",
      number: "00001234",
      status: "closed",
      priority: "normal",
      createdAt: "2026-11-18T09:00:00.000Z",
      closedAt: "2026-11-19T10:00:00.000Z",
      tags: ["problem", "email"],
    });
    expect(ticket.comments?.map((c) => c.author)).toEqual(["customer", "agent"]);
  });
});
