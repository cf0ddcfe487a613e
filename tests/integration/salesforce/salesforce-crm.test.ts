/**
 * The Salesforce adapter through the real jsforce client against the fake Salesforce: the CRM contract,
 * safe searching, paging over thousands of cases, the JWT bearer flow re-authorising on an expired
 * session, and Salesforce's errors turned into messages that say what to fix.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { jwtAudience } from "../../../integrations/salesforce/connect-salesforce.ts";
import { createSalesforceAdapter, type SalesforceAdapter } from "../../../integrations/salesforce/index.ts";
import { salesforceFieldMapSchema } from "../../../src/config/salesforce-fields.ts";
import { AuthError, RateLimitedError, ValidationError } from "../../../src/errors.ts";
import { crmSourceContract, HOSTILE_NAME, IDS } from "../../contracts/crm-source.contract.ts";
import {
  type FakeSalesforce,
  type FakeSalesforceOptions,
  startFakeSalesforce,
} from "../../fakes/salesforce/index.ts";
import { testLogger } from "../../support/databases.ts";
import { WORLD_CUSTOM_FIELDS, WORLD_FIELD_MAP, worldRecords } from "../../support/salesforce-world.ts";

const fakes: FakeSalesforce[] = [];

afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function fakeOrg(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const fake = await startFakeSalesforce({
    records: worldRecords(),
    customFields: WORLD_CUSTOM_FIELDS,
    ...options,
  });
  fakes.push(fake);
  return fake;
}

function adapterFor(fake: FakeSalesforce, fieldMap = WORLD_FIELD_MAP): SalesforceAdapter {
  return createSalesforceAdapter({
    auth: { kind: "token", instanceUrl: fake.url, accessToken: fake.accessToken },
    apiVersion: "62.0",
    fieldMap,
    logger: testLogger,
  });
}

crmSourceContract("salesforce (fake org)", async () => adapterFor(await fakeOrg()));

describe("Salesforce as the CRM", () => {
  it("sends a hostile account name as an escaped literal, never as query text", async () => {
    const fake = await fakeOrg();
    const crm = adapterFor(fake);
    const [hit] = await crm.searchAccounts(HOSTILE_NAME);
    expect(hit?.account.id).toBe(IDS.hostile);
    const soql = fake.queries().find((q) => q.includes("LIKE")) ?? "";
    expect(soql).toContain("Name LIKE '%O\\'Brien \\\\ 100\\% \\_Co%'");
    expect(await crm.searchAccounts("\\' OR Name != '")).toEqual([]);
    expect(fake.calls.every((c) => c.status === 200)).toBe(true);
  });

  it("searches past a lone UTF-16 surrogate instead of throwing URIError, and looks up no id with one", async () => {
    const fake = await fakeOrg();
    const crm = adapterFor(fake);
    const hits = await crm.searchAccounts("Acme Logistics\ud83d");
    expect(hits.map((h) => h.account.id)).toContain(IDS.acmeLogistics);
    expect(await crm.searchAccounts("\udc00")).toEqual([]);
    expect(await crm.suggestAccounts?.("Logistics\ud800 escalation")).toContainEqual(
      expect.objectContaining({ id: IDS.acmeLogistics }),
    );
    expect(await crm.getAccount(`${IDS.acme.slice(0, 17)}\ud800`)).toBeNull();
    expect(fake.calls.every((c) => c.status === 200)).toBe(true);
  });

  it("reads every case of a large account across batches, comments included, in date slices at once", async () => {
    const accountId = IDS.acme;
    const cases = Array.from({ length: 2500 }, (_, i) => ({
      Id: `500${String(100000 + i).padStart(12, "0")}AAA`,
      AccountId: accountId,
      Subject: `Case ${i}`,
      Status: "New",
      CreatedDate: new Date(Date.parse("2026-06-01T00:00:00Z") + i * 3_600_000).toISOString(),
    }));
    const comments = cases.map((c) => ({
      ParentId: c.Id,
      CommentBody: `about ${c.Subject}`,
      CreatedDate: c.CreatedDate,
    }));
    const fake = await fakeOrg({
      batchSize: 400,
      records: { ...worldRecords(), Case: cases, CaseComment: comments },
    });
    const tickets = await adapterFor(fake).listTickets(accountId, {
      since: new Date("2026-05-01T00:00:00Z"),
      until: new Date("2026-10-28T00:00:00Z"),
    });
    expect(tickets).toHaveLength(2500);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(2500);
    expect(tickets.every((t) => t.comments?.[0]?.body === `about ${t.subject}`)).toBe(true);
    expect(tickets.map((t) => t.createdAt)).toEqual([...tickets.map((t) => t.createdAt)].sort());
    const paths = fake.calls.map((c) => c.path);
    expect(paths.filter((p) => p.endsWith("/query")).length).toBe(6);
    expect(paths.filter((p) => /\/query\/.+/.test(p)).length).toBeGreaterThan(0);
    // The digest's per-ticket rate counts cases of every account in one COUNT() query.
    const counted = await adapterFor(fake).countTickets?.({
      since: new Date("2026-06-01T00:00:00Z"),
      until: new Date("2026-06-02T00:00:00Z"),
    });
    // 24 hourly cases on 1 June and the one at midnight that closes the window (CreatedDate <= until).
    expect(counted).toBe(25);
  });

  it("reads the renewal from the next open renewal opportunity when no field holds it", async () => {
    const fake = await fakeOrg({
      records: {
        ...worldRecords(),
        Opportunity: [
          {
            AccountId: IDS.acme,
            Name: "Renewal 2027",
            Type: "Renewal",
            StageName: "Negotiation",
            CloseDate: "2027-03-15",
            Amount: 190000,
          },
          {
            AccountId: IDS.acme,
            Name: "Renewal 2026",
            Type: "Renewal",
            StageName: "Closed Won",
            CloseDate: "2026-03-15",
            Amount: 170000,
          },
        ],
      },
    });
    const account = await adapterFor(fake).getAccount(IDS.acme);
    expect(account).toMatchObject({ renewalDate: "2027-03-15", arr: 180000 });
  });

  it("re-authorises through the JWT bearer flow when the session expires", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwtOptions = {
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
      clientId: "3MVG9.app",
      username: "casey@acme.test",
    };
    const fake = await fakeOrg({ jwt: jwtOptions });
    const jwt = (key: string) =>
      createSalesforceAdapter({
        auth: {
          kind: "jwt",
          loginUrl: fake.url,
          clientId: "3MVG9.app",
          username: "casey@acme.test",
          privateKey: key,
        },
        apiVersion: "62.0",
        fieldMap: WORLD_FIELD_MAP,
        logger: testLogger,
      });
    // Keys usually arrive through an environment variable with escaped line breaks.
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString().replace(/\n/g, "\\n");
    const crm = jwt(pem);
    expect((await crm.getAccount(IDS.acme))?.name).toBe("Acme Corp");
    fake.expireSession();
    expect((await crm.getAccount(IDS.globex))?.name).toBe("Globex");
    const tokenCalls = fake.calls.filter((c) => c.path === "/services/oauth2/token");
    expect(tokenCalls.map((c) => c.status)).toEqual([200, 200]);
    // An admin removes the user from the connected app: the next expiry cannot re-authorise, and says why.
    jwtOptions.username = "someone.else@acme.test";
    fake.expireSession();
    const revoked = await crm.getAccount(IDS.acme).catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(AuthError);
    expect((revoked as Error).message).toMatch(
      /re-authorising \(JWT bearer\).*invalid_grant.*pre-authorised/s,
    );
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const refused = await jwt(other.export({ type: "pkcs8", format: "pem" }).toString())
      .getAccount(IDS.acme)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthError);
    expect((refused as Error).message).toMatch(/invalid_grant.*certificate matches SALESFORCE_PRIVATE_KEY/);
  });

  it("says which setting to fix when a token is stale or a mapped field does not exist", async () => {
    const fake = await fakeOrg();
    const stale = createSalesforceAdapter({
      auth: { kind: "token", instanceUrl: fake.url, accessToken: "00Dstale" },
      apiVersion: "62.0",
      fieldMap: WORLD_FIELD_MAP,
      logger: testLogger,
    });
    const expired = await stale.getAccount(IDS.acme).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(AuthError);
    expect((expired as Error).message).toContain("SALESFORCE_ACCESS_TOKEN");
    const wrongMap = salesforceFieldMapSchema.parse({ account: { arr: "Annual_Recurring__c" } });
    const invalid = await adapterFor(fake, wrongMap)
      .getAccount(IDS.acme)
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as Error).message).toMatch(/INVALID_FIELD.*Annual_Recurring__c.*SALESFORCE_FIELD_MAP/s);
  });

  it("turns REQUEST_LIMIT_EXCEEDED into a rate limit with a back-off", async () => {
    const fake = await fakeOrg({ apiLimit: { used: 99_999, max: 100_000 } });
    const crm = adapterFor(fake);
    await crm.getAccount(IDS.acme);
    const limited = await crm.getAccount(IDS.acme).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(60_000);
  });

  it("lists escalated cases modified since a time, oldest first, with the owner's email", async () => {
    const fake = await fakeOrg({ now: () => new Date("2026-11-20T12:00:00Z") });
    fake.insert("Case", {
      AccountId: IDS.acme,
      Subject: "Commission data wrong",
      Description: "VP emailed our CEO",
      Priority: "High",
      Status: "Escalated",
      IsEscalated: true,
      OwnerId: "005000000000001AAA",
    });
    const cases = await adapterFor(fake).listEscalatedCases(new Date("2026-11-20T00:00:00Z"));
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      accountId: IDS.acme,
      subject: "Commission data wrong",
      severity: "high",
      ownerEmail: "csm.one@example.com",
      modifiedAt: new Date("2026-11-20T12:00:00Z"),
    });
    expect(cases[0]?.url).toBe(`${fake.url}/lightning/r/Case/${cases[0]?.caseId}/view`);
    // A closed case stays escalated in Salesforce, but it is not a new escalation.
    fake.update("Case", String(cases[0]?.caseId), { Status: "Closed", IsClosed: true });
    expect(await adapterFor(fake).listEscalatedCases(new Date("2026-11-20T00:00:00Z"))).toEqual([]);
  });

  it("points the JWT assertion at the login host Salesforce expects, whatever the login URL", () => {
    expect(jwtAudience("https://login.salesforce.com")).toBe("https://login.salesforce.com");
    expect(jwtAudience("https://acme.my.salesforce.com")).toBe("https://login.salesforce.com");
    expect(jwtAudience("https://acme--uat.sandbox.my.salesforce.com")).toBe("https://test.salesforce.com");
    expect(jwtAudience("https://test.salesforce.com/")).toBe("https://test.salesforce.com");
  });
});
