/**
 * A fake Salesforce REST API on 127.0.0.1 for the real jsforce `Connection`:
 * `new Connection({ instanceUrl: fake.url, accessToken: fake.accessToken, version: "62.0" })`. It serves SOQL
 * queries (checked against the standard fields of Account, Case, CaseComment, Opportunity and User plus the
 * custom fields a test declares) with Salesforce's record shapes, paging and error arrays; the JWT bearer
 * token flow; session expiry; the daily API allocation with `Sforce-Limit-Info`; scripted failures; latency.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type FakeSalesforceCall,
  handleRequest,
  type RouteContext,
  type ScriptedFailure,
} from "./http-routes.ts";
import { type JwtOptions, loadVerificationKey, type TokenEndpoint } from "./oauth-jwt.ts";
import { createOrgState, insertRecord, type OrgState, updateRecord } from "./org-state.ts";
import { createCursorStore } from "./query-cursors.ts";
import { makeId } from "./salesforce-ids.ts";
import { createSchema, SOBJECT_TYPES, type SObjectType } from "./schema.ts";
import type { ObjectAccess } from "./sobject-routes.ts";

export type { FakeSalesforceCall, ScriptedFailure } from "./http-routes.ts";
export type { JwtOptions } from "./oauth-jwt.ts";
export type { SObjectType } from "./schema.ts";
export type { ObjectAccess } from "./sobject-routes.ts";

/** How to start the fake; everything has a default. */
export interface FakeSalesforceOptions {
  /**
   * Records by sObject type; an Id is generated (`001000000000001AAA` style) when absent. Field names are
   * checked against the schema; dates may be `YYYY-MM-DD` strings, datetimes ISO strings or Dates.
   */
  records?: Partial<Record<SObjectType, Record<string, unknown>[]>>;
  /**
   * Custom fields per object besides the standard ones, e.g. `{ Account: ["ARR__c", "Renewal_Date__c"] }`.
   * A query naming a field on neither list fails with INVALID_FIELD. A custom field's type is taken from the
   * first value stored in it (number, boolean, `YYYY-MM-DD` date, ISO datetime or text).
   */
  customFields?: Partial<Record<SObjectType, string[]>>;
  /** API version served (default "62.0"); other versions answer 404 NOT_FOUND. */
  version?: string;
  /** Records per query batch (Salesforce: up to 2000); default 2000. */
  batchSize?: number;
  /** Delay before every answer, for benchmarks. */
  latencyMs?: number;
  /** The bearer token accepted at start (default "00DFAKE!token"). */
  accessToken?: string;
  /** Enables the OAuth 2.0 JWT bearer flow on `POST /services/oauth2/token`. */
  jwt?: JwtOptions;
  /** The daily API allocation (default 0 used of 100,000); at the maximum, calls answer 403. */
  apiLimit?: { used?: number; max?: number };
  /** The org's clock, for relative date literals (TODAY, LAST_N_DAYS:n) and audit timestamps. */
  now?: () => Date;
}

/** A running fake Salesforce. */
export interface FakeSalesforce {
  /** `http://127.0.0.1:<port>`: both the instance URL and the login URL. */
  url: string;
  /** The token currently valid (changes after a JWT exchange). */
  readonly accessToken: string;
  /** Every request in order: method, path, the SOQL of queries, HTTP status, errorCode when it failed. */
  readonly calls: FakeSalesforceCall[];
  /** The SOQL of every query call (not queryMore), in order. */
  queries(): string[];
  /** Adds a record and returns it as stored, with its Id and audit timestamps (now unless given). */
  insert(type: SObjectType, record: Record<string, unknown>): Record<string, unknown>;
  /** Updates fields of a record and bumps LastModifiedDate/SystemModstamp (to `at` when given, else now). */
  update(type: SObjectType, id: string, patch: Record<string, unknown>, at?: Date): void;
  /** The current token stops working: calls with it get 401 INVALID_SESSION_ID until a JWT exchange. */
  expireSession(): void;
  /** Makes the next API call(s) (not the token endpoint) fail with a status and a Salesforce error array. */
  failNext(failure: ScriptedFailure): void;
  /**
   * What the integration user may not write on an sObject from now on (no create, no edit, read-only
   * fields, hidden records); an empty object gives full access back.
   */
  restrict(type: SObjectType, access: ObjectAccess): void;
  /** The records of a type as stored (copies). */
  records(type: SObjectType): Record<string, unknown>[];
  /** Sets used (and max) of the daily API allocation. */
  setApiUsage(used: number, max?: number): void;
  /** Sets the delay before every answer. */
  setLatency(ms: number): void;
  /** Stops the server, dropping kept-alive connections. */
  close(): Promise<void>;
}

function seed(org: OrgState, records: FakeSalesforceOptions["records"] = {}): void {
  for (const type of SOBJECT_TYPES) {
    for (const record of records[type] ?? []) insertRecord(org, type, record);
  }
}

function tokenEndpoint(org: OrgState, sessions: RouteContext["sessions"], jwt: JwtOptions | undefined) {
  const endpoint: TokenEndpoint = {
    jwt: jwt ? { options: jwt, key: loadVerificationKey(jwt.publicKeyPem) } : undefined,
    baseUrl: "",
    orgId: makeId("00D", 1),
    userId: () => {
      const users = [...(org.records.get("User")?.values() ?? [])];
      const user = users.find((record) => record.Username === jwt?.username);
      return typeof user?.Id === "string" ? user.Id : makeId("005", 0);
    },
    issueToken: () => {
      sessions.current = `00D000000000001!${randomBytes(36).toString("base64url")}`;
      sessions.valid.add(sessions.current);
      return sessions.current;
    },
  };
  return endpoint;
}

function routeContext(options: FakeSalesforceOptions, org: OrgState): RouteContext {
  const version = options.version ?? "62.0";
  const accessToken = options.accessToken ?? "00DFAKE!token";
  const sessions = { current: accessToken, valid: new Set([accessToken]) };
  return {
    org,
    version,
    cursors: createCursorStore(options.batchSize ?? 2000, version),
    sessions,
    usage: { used: options.apiLimit?.used ?? 0, max: options.apiLimit?.max ?? 100_000 },
    failures: [],
    calls: [],
    access: new Map(),
    token: tokenEndpoint(org, sessions, options.jwt),
  };
}

function listen(ctx: RouteContext, latency: { ms: number }): Server {
  return createServer((req, res) => {
    const delay =
      latency.ms > 0 ? new Promise((resolve) => setTimeout(resolve, latency.ms)) : Promise.resolve();
    delay
      .then(() => handleRequest(ctx, req, res))
      .catch((error: unknown) => {
        // A bug in the fake surfaces as Salesforce's own 500 rather than a hung request.
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json;charset=UTF-8" });
        res.end(
          JSON.stringify([{ message: `fake Salesforce: ${String(error)}`, errorCode: "UNKNOWN_EXCEPTION" }]),
        );
      });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // jsforce's keep-alive sockets would hold close() open.
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Starts the fake Salesforce on a free port of 127.0.0.1. */
export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const org = createOrgState(createSchema(options.customFields), options.now ?? (() => new Date()));
  seed(org, options.records);
  const ctx = routeContext(options, org);
  const latency = { ms: options.latencyMs ?? 0 };
  const server = listen(ctx, latency);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx.token.baseUrl = url;
  return {
    url,
    get accessToken() {
      return ctx.sessions.current;
    },
    calls: ctx.calls,
    queries: () => ctx.calls.filter((call) => call.soql !== undefined).map((call) => call.soql ?? ""),
    insert: (type, record) => insertRecord(org, type, record),
    update: (type, id, patch, at) => updateRecord(org, type, id, patch, at),
    expireSession: () => {
      ctx.sessions.valid.delete(ctx.sessions.current);
    },
    failNext: (failure) => {
      ctx.failures.push({ ...failure });
    },
    restrict: (type, access) => {
      ctx.access.set(type, { ...access });
    },
    records: (type) => [...(org.records.get(type)?.values() ?? [])].map((r) => ({ ...r })),
    setApiUsage: (used, max) => {
      ctx.usage.used = used;
      if (max !== undefined) ctx.usage.max = max;
    },
    setLatency: (ms) => {
      latency.ms = ms;
    },
    close: () => closeServer(server),
  };
}
