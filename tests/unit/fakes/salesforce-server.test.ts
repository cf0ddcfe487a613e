/**
 * The fake Salesforce driven by the real jsforce 3 Connection: SOQL shapes and semantics, paging, errors,
 * session refresh through the JWT bearer flow, the API allocation and scripted failures.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import type { Connection, ConnectionConfig } from "jsforce";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type FakeSalesforce,
  type FakeSalesforceOptions,
  startFakeSalesforce,
} from "../../fakes/salesforce/index.ts";
import {
  connectTo as connect,
  failureOf as failure,
  JWT_BEARER_GRANT as JWT_GRANT,
  rejection,
  signAssertion,
} from "../../fakes/salesforce/jsforce-support.ts";
import { AWKWARD_NAME, SAMPLE_IDS as ids, sampleOrg } from "../../fakes/salesforce/sample-org.ts";

type Row = Record<string, unknown>;

const CLIENT_ID = "3MVG9fake.consumer.key";
const USERNAME = "casey@acme.test";
const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();

/** A fake started before each test (with a jsforce Connection to it) and closed after it. */
function useFake(options: () => FakeSalesforceOptions = () => sampleOrg()) {
  let current: { fake: FakeSalesforce; conn: Connection } | undefined;
  beforeEach(async () => {
    const fake = await startFakeSalesforce(options());
    current = { fake, conn: connect(fake) };
  });
  afterEach(() => current?.fake.close());
  const started = () => {
    if (!current) throw new Error("the fake Salesforce starts in beforeEach");
    return current;
  };
  return {
    get fake() {
      return started().fake;
    },
    get conn() {
      return started().conn;
    },
  };
}

async function rows(conn: Connection, soql: string): Promise<Row[]> {
  return (await conn.query<Row>(soql, { autoFetch: false })).records;
}

/** A SOQL string literal, escaped the way an adapter must: backslash first, then quote (and LIKE wildcards). */
function soqlString(text: string, like = false): string {
  const escaped = text.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
  return `'${like ? escaped.replace(/[%_]/g, "\\$&") : escaped}'`;
}

function assertion(claims: { iss?: string; sub?: string; aud?: string; exp?: number } = {}, key?: KeyObject) {
  return signAssertion({ iss: CLIENT_ID, sub: USERNAME, ...claims }, key ?? keys.privateKey);
}

/** A refreshFn that re-authorizes through the JWT bearer flow, as the adapter's must. */
function jwtRefresh(claims: { sub?: string } = {}): NonNullable<ConnectionConfig["refreshFn"]> {
  return (conn, callback) => {
    assertion(claims)
      .then((jwt) => conn.authorize({ grant_type: JWT_GRANT, assertion: jwt }))
      .then(() => callback(null, conn.accessToken ?? undefined))
      .catch((error: Error) => callback(error));
  };
}

describe("record shapes", () => {
  const env = useFake();

  it("returns the selected fields in SELECT order, canonically cased, with attributes", async () => {
    const result = await env.conn.query<Row>(
      `select name, ID, annualrevenue, arr__C from account where id = '${ids.acme.slice(0, 15)}'`,
    );
    expect(result).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: "Account", url: `/services/data/v62.0/sobjects/Account/${ids.acme}` },
          Name: "Acme Corp",
          Id: ids.acme,
          AnnualRevenue: 5_000_000,
          ARR__c: 180_000,
        },
      ],
    });
    expect(Object.keys(result.records[0] ?? {})).toEqual([
      "attributes",
      "Name",
      "Id",
      "AnnualRevenue",
      "ARR__c",
    ]);
  });

  it("formats dates and datetimes as Salesforce does", async () => {
    const [closed] = await rows(
      env.conn,
      `SELECT CreatedDate, ClosedDate, IsClosed FROM Case WHERE Id = '${ids.oldCase}'`,
    );
    expect(closed).toMatchObject({
      CreatedDate: "2026-01-10T09:00:00.000+0000",
      ClosedDate: "2026-01-11T09:00:00.000+0000",
      IsClosed: true,
    });
    const [renewal] = await rows(env.conn, `SELECT CloseDate FROM Opportunity WHERE Id = '${ids.renewal}'`);
    expect(renewal?.CloseDate).toBe("2026-12-15");
  });

  it("nests parent relationships, null when the lookup is empty, `Name` for a polymorphic owner", async () => {
    const cases = await rows(
      env.conn,
      "SELECT Subject, Owner.Name, Owner.Email, Account.Name, Account.Owner.Email, CreatedBy.Name FROM Case " +
        "WHERE Status = 'New' ORDER BY Subject",
    );
    expect(cases[0]).toMatchObject({
      Subject: "Invoice",
      Owner: null,
      Account: { Name: "Acme Logistics", Owner: null },
      CreatedBy: null,
    });
    expect(cases[1]).toMatchObject({
      Owner: {
        attributes: { type: "Name", url: `/services/data/v62.0/sobjects/User/${ids.csm}` },
        Name: "Casey Morgan",
        Email: "csm.one@example.com",
      },
      Account: {
        attributes: { type: "Account" },
        Name: "Acme Corp",
        Owner: { attributes: { type: "User" }, Email: "csm.one@example.com" },
      },
      CreatedBy: { Name: "Integration" },
    });
    const refused = await failure(env.conn.query("SELECT Owner.UserType FROM Case"));
    expect(refused).toMatchObject({
      errorCode: "INVALID_FIELD",
      message: expect.stringContaining("No such column 'UserType' on entity 'Name'"),
    });
  });

  it("answers child subqueries with their own WHERE, ORDER BY and LIMIT, null when there are none", async () => {
    const accounts = await rows(
      env.conn,
      "SELECT Name, (SELECT Name FROM Opportunities WHERE IsClosed = false ORDER BY CloseDate) FROM Account " +
        "WHERE Name LIKE 'acme%' ORDER BY Name",
    );
    expect(accounts.map((a) => a.Opportunities)).toEqual([
      {
        totalSize: 1,
        done: true,
        records: [
          {
            attributes: {
              type: "Opportunity",
              url: `/services/data/v62.0/sobjects/Opportunity/${ids.renewal}`,
            },
            Name: "Acme Renewal 2027",
          },
        ],
      },
      null,
    ]);
    const [sync] = await rows(
      env.conn,
      `SELECT (SELECT CommentBody, CreatedBy.Name FROM CaseComments ORDER BY CreatedDate DESC LIMIT 1) FROM Case WHERE Id = '${ids.syncCase}'`,
    );
    expect(sync?.CaseComments).toMatchObject({
      totalSize: 1,
      records: [{ CommentBody: "Internal: check the deploy", CreatedBy: null }],
    });
  });
});

const LOOKALIKE = "O'Brien \\ 100X _Co";

/** Queries and the names (or subjects) they must return, in order. */
const FILTERS: [string, string[]][] = [
  [
    "SELECT Name FROM Account WHERE (ARR__c > 100000 OR Segment__c = 'MID_MARKET') AND (NOT Name LIKE '%corp')",
    ["Acme Logistics"],
  ],
  ["SELECT Name FROM Account WHERE Segment__c IN ('enterprise', 'smb') AND OwnerId != null", ["Acme Corp"]],
  // As in Salesforce, != and NOT IN match records where the field is null.
  [
    "SELECT Name FROM Account WHERE Segment__c NOT IN ('enterprise') ORDER BY Name",
    ["Acme Logistics", AWKWARD_NAME, LOOKALIKE],
  ],
  [
    "SELECT Subject FROM Case WHERE Account.Name LIKE 'ACME%' AND IsClosed = false ORDER BY Subject",
    ["Invoice", "Sync errors"],
  ],
  [`SELECT Name FROM Account WHERE Name LIKE ${soqlString(AWKWARD_NAME, true)}`, [AWKWARD_NAME]],
  [`SELECT Name FROM Account WHERE Name = ${soqlString(AWKWARD_NAME.toUpperCase())}`, [AWKWARD_NAME]],
  // Unescaped, % and _ are wildcards, so the look-alike matches too.
  [
    `SELECT Name FROM Account WHERE Name LIKE ${soqlString(AWKWARD_NAME)} ORDER BY Name`,
    [AWKWARD_NAME, LOOKALIKE],
  ],
  [
    "SELECT Subject FROM Case WHERE CreatedDate > 2026-11-01T00:00:00Z ORDER BY CreatedDate",
    ["Invoice", "Sync errors"],
  ],
  ["SELECT Subject FROM Case WHERE CreatedDate >= 2026-11-18T10:00:00+02:00", ["Sync errors"]],
  ["SELECT Name FROM Opportunity WHERE CloseDate < 2026-12-01", ["Acme Expansion"]],
  ["SELECT Name FROM Account WHERE Renewal_Date__c <= 2026-12-31", ["Acme Corp"]],
  // The sample org's clock says 2026-11-20; relative literals count whole UTC days.
  ["SELECT Subject FROM Case WHERE CreatedDate = LAST_N_DAYS:7 ORDER BY Subject", ["Invoice", "Sync errors"]],
  ["SELECT Subject FROM Case WHERE CreatedDate = YESTERDAY", []],
  ["SELECT Name FROM Opportunity WHERE CloseDate = NEXT_N_DAYS:30", ["Acme Renewal 2027"]],
  [
    "SELECT Name FROM Account ORDER BY Segment__c DESC NULLS FIRST, Name ASC LIMIT 3 OFFSET 1",
    [LOOKALIKE, "Acme Logistics", "Acme Corp"],
  ],
];

/** Queries Salesforce refuses, with the errorCode and a piece of the message. */
const REFUSALS: [string, string, string][] = [
  [
    "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'",
    "MALFORMED_QUERY",
    "unexpected token: 'OR'",
  ],
  [
    "SELECT Id FROM Account WHERE Name != null AND NOT Name = 'b'",
    "MALFORMED_QUERY",
    "unexpected token: 'NOT'",
  ],
  ["SELECT Id FROM Account WHERE Name = 'a\\%b'", "MALFORMED_QUERY", "Illegal character sequence '\\%'"],
  ["SELECT Id FROM Account WHERE AnnualRevenue > '5'", "INVALID_FIELD", "must be of type currency"],
  ["SELECT Id FROM Case WHERE CreatedDate > 2026-11-01", "INVALID_FIELD", "must be of type dateTime"],
  ["SELECT Id FROM Case WHERE Description = 'x'", "INVALID_FIELD", "can not be filtered"],
  ["SELECT Id FROM Account WHERE Id = 'ACC-1'", "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: ACC-1"],
];

describe("WHERE, ORDER BY, LIMIT and COUNT()", () => {
  const env = useFake();

  it.each(FILTERS)("%s", async (soql, expected) => {
    expect((await rows(env.conn, soql)).map((row) => row.Name ?? row.Subject)).toEqual(expected);
  });

  it.each(REFUSALS)("refuses %s", async (soql, errorCode, message) => {
    expect(await failure(env.conn.query(soql))).toEqual({
      errorCode,
      message: expect.stringContaining(message),
    });
  });

  it("sees inserted records, e.g. for TODAY", async () => {
    env.fake.insert("Case", { Subject: "Today", CreatedDate: "2026-11-20T08:00:00Z" });
    expect(await rows(env.conn, "SELECT Subject FROM Case WHERE CreatedDate = TODAY")).toMatchObject([
      { Subject: "Today" },
    ]);
  });

  it("answers SELECT COUNT() with totalSize and no records", async () => {
    const counted = await env.conn.query("SELECT COUNT() FROM Case WHERE IsClosed = false");
    expect(counted).toEqual({ totalSize: 2, done: true, records: [] });
  });

  it("sees updates, with LastModifiedDate moved for incremental syncs", async () => {
    env.fake.update("Case", ids.invoiceCase, { Status: "Escalated" }, new Date("2026-11-20T11:00:00Z"));
    const soql =
      "SELECT Subject, Status, LastModifiedDate FROM Case WHERE LastModifiedDate > 2026-11-20T00:00:00Z";
    expect(await rows(env.conn, soql)).toMatchObject([
      { Subject: "Invoice", Status: "Escalated", LastModifiedDate: "2026-11-20T11:00:00.000+0000" },
    ]);
  });
});

describe("paging", () => {
  const env = useFake(() => ({
    batchSize: 200,
    records: {
      Account: Array.from({ length: 450 }, (_, i) => ({ Name: `Account ${String(i).padStart(3, "0")}` })),
    },
  }));

  it("serves a large result in batches through nextRecordsUrl and queryMore", async () => {
    const first = await env.conn.query<Row>("SELECT Id, Name FROM Account ORDER BY Name", {
      autoFetch: false,
    });
    // jsforce hands nextRecordsUrl back absolute, rebuilt from the locator the fake sent.
    const locator = /\/services\/data\/v62\.0\/query\/01g\w{15}-200$/;
    expect(first).toMatchObject({
      totalSize: 450,
      done: false,
      nextRecordsUrl: expect.stringMatching(locator),
    });
    const second = await env.conn.queryMore<Row>(first.nextRecordsUrl ?? "");
    expect(second).toMatchObject({
      totalSize: 450,
      done: false,
      nextRecordsUrl: expect.stringMatching(/-400$/),
    });
    const third = await env.conn.queryMore<Row>(second.nextRecordsUrl ?? "");
    expect(third).toMatchObject({ totalSize: 450, done: true });
    expect(third.nextRecordsUrl).toBeUndefined();
    const names = [...first.records, ...second.records, ...third.records].map((row) => row.Name);
    expect(names).toHaveLength(450);
    expect(names[0]).toBe("Account 000");
    expect(names[449]).toBe("Account 449");
    expect(env.fake.queries()).toEqual(["SELECT Id, Name FROM Account ORDER BY Name"]);
    expect(env.fake.calls.map((call) => call.path.replace(/01g\w+/, "<locator>"))).toEqual([
      "/services/data/v62.0/query",
      "/services/data/v62.0/query/<locator>-200",
      "/services/data/v62.0/query/<locator>-400",
    ]);
  });

  it("follows every batch with autoFetch, and refuses an unknown locator", async () => {
    const all = await env.conn.query<Row>("SELECT Id FROM Account", { autoFetch: true, maxFetch: 1000 });
    expect(all.records).toHaveLength(450);
    expect(await failure(env.conn.queryMore("/services/data/v62.0/query/01gD0000002HU6KIAW-200"))).toEqual({
      errorCode: "INVALID_QUERY_LOCATOR",
      message: "invalid query locator",
    });
  });

  it("counts child records toward the batch size", async () => {
    const fake = await startFakeSalesforce(sampleOrg({ batchSize: 2 }));
    const first = await connect(fake).query<Row>(
      "SELECT Name, (SELECT Name FROM Opportunities) FROM Account ORDER BY Name",
      { autoFetch: false },
    );
    // Acme Corp and its two opportunities fill more than a batch of 2 on their own.
    expect(first.records.map((row) => row.Name)).toEqual(["Acme Corp"]);
    expect(first).toMatchObject({ totalSize: 4, done: false });
    await fake.close();
  });
});

describe("errors", () => {
  const env = useFake();

  it("surfaces INVALID_FIELD, MALFORMED_QUERY and INVALID_TYPE as jsforce errors with errorCode", async () => {
    expect(await rejection(env.conn.query("SELECT Id, Foo__c FROM Account"))).toMatchObject({
      name: "INVALID_FIELD",
      errorCode: "INVALID_FIELD",
      data: {
        errorCode: "INVALID_FIELD",
        message: expect.stringContaining("No such column 'Foo__c' on entity 'Account'"),
      },
    });
    expect(await failure(env.conn.query("SELECT Id FROM Account WHERE"))).toMatchObject({
      errorCode: "MALFORMED_QUERY",
    });
    expect(await failure(env.conn.query("SELECT Id FROM Foo"))).toMatchObject({
      errorCode: "INVALID_TYPE",
      message: expect.stringContaining("sObject type 'Foo' is not supported."),
    });
    expect(env.fake.calls.map((call) => [call.status, call.errorCode])).toEqual([
      [400, "INVALID_FIELD"],
      [400, "MALFORMED_QUERY"],
      [400, "INVALID_TYPE"],
    ]);
  });

  it("answers 404 NOT_FOUND for another API version or an unknown resource", async () => {
    const other = connect(env.fake, { version: "61.0" });
    expect(await failure(other.query("SELECT Id FROM Account"))).toEqual({
      errorCode: "NOT_FOUND",
      message: "The requested resource does not exist",
    });
    expect(await failure(env.conn.request("/services/data/v62.0/nothing-here"))).toMatchObject({
      errorCode: "NOT_FOUND",
    });
  });

  it("answers a valid query the fake cannot evaluate with FAKE_NOT_IMPLEMENTED", async () => {
    expect(await failure(env.conn.query("SELECT COUNT(Id) FROM Case"))).toMatchObject({
      errorCode: "FAKE_NOT_IMPLEMENTED",
    });
  });
});

describe("sessions and the JWT bearer flow", () => {
  const env = useFake(() => sampleOrg({ jwt: { publicKeyPem, clientId: CLIENT_ID, username: USERNAME } }));

  it("answers 401 INVALID_SESSION_ID for a missing, wrong or expired token", async () => {
    const bare = await fetch(`${env.fake.url}/services/data/v62.0/limits`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual([
      { message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" },
    ]);
    expect(
      await failure(connect(env.fake, { accessToken: "00Dwrong!x" }).query("SELECT Id FROM Account")),
    ).toMatchObject({
      errorCode: "INVALID_SESSION_ID",
    });
    env.fake.expireSession();
    expect(await failure(env.conn.query("SELECT Id FROM Account"))).toMatchObject({
      errorCode: "INVALID_SESSION_ID",
    });
  });

  it("lets a Connection with a JWT refreshFn recover from an expired session transparently", async () => {
    const conn = connect(env.fake, { refreshFn: jwtRefresh() });
    const before = env.fake.accessToken;
    await conn.query("SELECT Id FROM Account");
    env.fake.expireSession();
    expect((await rows(conn, "SELECT Name FROM Account WHERE Name = 'Acme Corp'"))[0]?.Name).toBe(
      "Acme Corp",
    );
    expect(conn.accessToken).toBe(env.fake.accessToken);
    expect(env.fake.accessToken).not.toBe(before);
    expect(conn.userInfo).toMatchObject({ id: ids.csm });
    expect(env.fake.calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      "GET /services/data/v62.0/query 200",
      "GET /services/data/v62.0/query 401",
      "POST /services/oauth2/token 200",
      "GET /services/data/v62.0/query 200",
    ]);
  });

  it("surfaces a refresh that fails as a plain Error naming the OAuth description", async () => {
    const conn = connect(env.fake, { refreshFn: jwtRefresh({ sub: "someone@else.test" }) });
    env.fake.expireSession();
    expect(await failure(conn.query("SELECT Id FROM Account"))).toEqual({
      errorCode: "Error",
      message: "Unable to refresh session due to: user hasn't approved this consumer",
    });
  });

  it("refuses bad assertions with OAuth's invalid_grant and invalid_client_id", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const nowS = Math.floor(Date.now() / 1000);
    const attempts = [
      await assertion({}, other),
      await assertion({ aud: "https://example.com" }),
      await assertion({ exp: nowS - 60 }),
      await assertion({ sub: "someone@else.test" }),
      await assertion({ iss: "unknown-app" }),
      "not-a-jwt",
    ];
    const refusals = [];
    for (const jwt of attempts) {
      refusals.push(await failure(env.conn.authorize({ grant_type: JWT_GRANT, assertion: jwt })));
    }
    expect(refusals).toEqual([
      { errorCode: "invalid_grant", message: "invalid assertion" },
      { errorCode: "invalid_grant", message: "audience is invalid" },
      { errorCode: "invalid_grant", message: "expired authorization code" },
      { errorCode: "invalid_grant", message: "user hasn't approved this consumer" },
      { errorCode: "invalid_client_id", message: "client identifier invalid" },
      { errorCode: "invalid_grant", message: "invalid assertion" },
    ]);
    const ok = await env.conn.authorize({
      grant_type: JWT_GRANT,
      assertion: await assertion({ aud: env.fake.url }),
    });
    expect(ok).toMatchObject({ id: ids.csm, organizationId: expect.stringMatching(/^00D/) });
  });
});

describe("API allocation and scripted failures", () => {
  const env = useFake(() => sampleOrg({ apiLimit: { used: 98, max: 100 } }));

  it("reports usage in Sforce-Limit-Info and refuses calls past the allocation", async () => {
    await env.conn.query("SELECT Id FROM Account");
    expect(env.conn.limitInfo.apiUsage).toEqual({ used: 99, limit: 100 });
    await env.conn.query("SELECT Id FROM Account");
    expect(env.conn.limitInfo.apiUsage).toEqual({ used: 100, limit: 100 });
    expect(await failure(env.conn.query("SELECT Id FROM Account"))).toEqual({
      errorCode: "REQUEST_LIMIT_EXCEEDED",
      message: "TotalRequests Limit exceeded.",
    });
    env.fake.setApiUsage(0, 5000);
    expect(await env.conn.request("/services/data/v62.0/limits")).toEqual({
      DailyApiRequests: { Max: 5000, Remaining: 4999 },
    });
  });

  it("fails the next calls as scripted, with Salesforce's error array", async () => {
    env.fake.failNext({
      status: 400,
      errorCode: "QUERY_TIMEOUT",
      message: "Your query request was running for too long.",
      times: 2,
    });
    for (let i = 0; i < 2; i += 1) {
      expect(await failure(env.conn.query("SELECT Id FROM Account"))).toEqual({
        errorCode: "QUERY_TIMEOUT",
        message: "Your query request was running for too long.",
      });
    }
    expect((await env.conn.query("SELECT Id FROM Account")).totalSize).toBe(4);
  });

  it("shows that jsforce retries a GET answered 503 on its own", async () => {
    env.fake.failNext({ status: 503, errorCode: "SERVER_UNAVAILABLE" });
    expect((await env.conn.query("SELECT Id FROM Account")).totalSize).toBe(4);
    expect(env.fake.calls.map((call) => call.status)).toEqual([503, 200]);
  });
});
