/**
 * Runs SOQL through jsforce and follows Salesforce's paging: the top level through `nextRecordsUrl`
 * (queryMore), and a child relationship (a record's CaseComments) whose own result says it is not done.
 * Failures become IntegrationErrors; API usage from `Sforce-Limit-Info` is logged after each query.
 */
import type { Connection } from "jsforce";
import { RateLimitedError } from "../../src/errors.ts";
import type { Logger } from "../../src/logger.ts";
import { recordExternalCall } from "../../src/metrics/metrics.ts";
import { refreshFailureOf } from "./connect-salesforce.ts";
import { toSalesforceError } from "./salesforce-errors.ts";

/** A record as Salesforce returns it: fields, nested parents, child results. */
export type SfRecord = Record<string, unknown> & { attributes?: { type: string; url: string } };

/** A child relationship's result inside a parent record. */
interface ChildResult {
  done: boolean;
  totalSize: number;
  records: SfRecord[];
  nextRecordsUrl?: string;
}

/** Logs the org's API usage from Sforce-Limit-Info: at each new whole percent, and as a warning past 90%. */
export function createUsageLog(logger: Logger): (conn: Connection) => void {
  let lastPercent = -1;
  return (conn) => {
    const usage = (conn.limitInfo as { apiUsage?: { used: number; limit: number } }).apiUsage;
    if (!usage || usage.limit <= 0) return;
    const percent = Math.floor((usage.used / usage.limit) * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    const line = { apiUsed: usage.used, apiLimit: usage.limit, percent };
    if (percent >= 90) logger.warn(line, "salesforce API allocation nearly spent");
    else logger.info(line, "salesforce API usage");
  };
}

function isChildResult(value: unknown): value is ChildResult {
  return (
    typeof value === "object" &&
    value !== null &&
    "records" in value &&
    "done" in value &&
    "totalSize" in value
  );
}

/** Completes child relationships that Salesforce cut short (rare: very many children on one record). */
async function completeChildren(conn: Connection, record: SfRecord): Promise<void> {
  for (const value of Object.values(record)) {
    if (!isChildResult(value) || value.done || !value.nextRecordsUrl) continue;
    let next: string | undefined = value.nextRecordsUrl;
    while (next) {
      const page: ChildResult = await conn.queryMore<SfRecord>(next);
      value.records.push(...page.records);
      next = page.done ? undefined : page.nextRecordsUrl;
    }
    value.done = true;
  }
}

/** Every record a query matches, across all batches. `what` names the query in errors. */
export async function queryAll(
  conn: Connection,
  soql: string,
  logUsage: (conn: Connection) => void,
  what: string,
): Promise<SfRecord[]> {
  try {
    const records: SfRecord[] = [];
    let page = await conn.query<SfRecord>(soql, { autoFetch: false });
    records.push(...page.records);
    while (!page.done && page.nextRecordsUrl) {
      page = await conn.queryMore<SfRecord>(page.nextRecordsUrl);
      records.push(...page.records);
    }
    for (const record of records) await completeChildren(conn, record);
    logUsage(conn);
    recordExternalCall("salesforce", "ok");
    return records;
  } catch (error) {
    const failure = refreshFailureOf(conn, error) ?? toSalesforceError(error, what);
    // Counted per query (its pages and children included): jsforce offers no per-request seam.
    recordExternalCall("salesforce", failure instanceof RateLimitedError ? "rate_limited" : "error");
    throw failure;
  }
}

/** How many records `SELECT COUNT() FROM …` matches (Salesforce answers the count alone). */
export async function countRecords(
  conn: Connection,
  soql: string,
  logUsage: (conn: Connection) => void,
  what: string,
): Promise<number> {
  try {
    const result = await conn.query<SfRecord>(soql, { autoFetch: false });
    logUsage(conn);
    recordExternalCall("salesforce", "ok");
    return result.totalSize;
  } catch (error) {
    const failure = refreshFailureOf(conn, error) ?? toSalesforceError(error, what);
    recordExternalCall("salesforce", failure instanceof RateLimitedError ? "rate_limited" : "error");
    throw failure;
  }
}

/** The records of a child relationship (an empty one comes back as null). */
export function childRecords(record: SfRecord, relationship: string): SfRecord[] {
  const value = record[relationship];
  return isChildResult(value) ? value.records : [];
}

/** A property by name, ignoring case (SOQL names are case-insensitive; responses use canonical casing). */
function property(object: Record<string, unknown>, name: string): unknown {
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

/** A field by API name, following relationship hops (`Owner.Email`); undefined when absent or null. */
export function fieldValue(record: SfRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = property(value as Record<string, unknown>, part);
  }
  return value ?? undefined;
}
