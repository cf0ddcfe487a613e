/**
 * Salesforce as the CRM: accounts, their cases and case comments, the next renewal opportunity, and
 * escalated cases (which open war-rooms by themselves). Every value in a query is a SOQL literal built in
 * soql.ts, and every field name comes from the validated field map, so no input can change a query.
 */
import Fuse from "fuse.js";
import type { Connection } from "jsforce";
import type { SalesforceFieldMap } from "../../src/config.ts";
import { nameMatchesQuery } from "../../src/domain/match-account-name.ts";
import type { Logger } from "../../src/logger.ts";
import type {
  AccountMatch,
  CrmAccount,
  CrmSource,
  CrmTaskInput,
  EscalatedCase,
} from "../../src/ports/crm-source.ts";
import { connectSalesforce, type SalesforceAuth } from "./connect-salesforce.ts";
import { toCrmAccount, toCrmEscalation, toEscalatedCase, toModifiedCase, toTicket } from "./map-records.ts";
import { countRecords, createUsageLog, queryAll, type SfRecord } from "./run-query.ts";
import { accountFields, caseFields, slices, windowFilter } from "./salesforce-queries.ts";
import {
  dropLoneSurrogates,
  isSalesforceId,
  soqlContains,
  soqlDateTime,
  soqlString,
  soqlValue,
} from "./soql.ts";
import { createTaskWriter } from "./write-tasks.ts";

/** Configuration of the Salesforce adapter. */
export interface SalesforceAdapterConfig {
  auth: SalesforceAuth;
  /** REST API version, e.g. "62.0" (jsforce would otherwise use an old default). */
  apiVersion: string;
  fieldMap: SalesforceFieldMap;
  logger: Logger;
  /**
   * A long ticket window is read as this many date slices at once, instead of one query paged batch after
   * batch (default 6); paging is sequential, slices are not.
   */
  ticketSlices?: number;
}

/** A CrmSource over Salesforce; follow-ups become Tasks (write-tasks.ts). */
export interface SalesforceAdapter extends CrmSource {
  listEscalatedCases(since: Date): Promise<EscalatedCase[]>;
  createTask(task: CrmTaskInput): Promise<string>;
  completeTask(crmTaskId: string): Promise<void>;
}

/**
 * Ranks accounts by how closely their name matches `query`, among the names sharing a word with it (LIKE
 * finds the letters inside words too); an equal name (any case) comes first.
 */
function rank(query: string, found: CrmAccount[], limit: number): AccountMatch[] {
  const candidates = found.filter((account) => nameMatchesQuery(query, account.name));
  const q = query.trim().toLowerCase();
  const fuse = new Fuse(candidates, {
    keys: ["name"],
    includeScore: true,
    ignoreLocation: true,
    threshold: 1,
  });
  return fuse
    .search(query.trim(), { limit })
    .map((hit) => ({ account: hit.item, score: hit.score ?? 1, exact: hit.item.name.toLowerCase() === q }))
    .sort((a, b) => Number(b.exact) - Number(a.exact) || a.score - b.score);
}

/** Creates the adapter; with the JWT flow, authorisation happens on first use and is retried on failure. */
export function createSalesforceAdapter(config: SalesforceAdapterConfig): SalesforceAdapter {
  const map = config.fieldMap;
  const logger = config.logger.child({ system: "salesforce" });
  let connection: Promise<Connection> | null = null;
  const conn = () => {
    connection ??= connectSalesforce(config.auth, config.apiVersion).catch((error: unknown) => {
      connection = null;
      throw error;
    });
    return connection;
  };
  const logUsage = createUsageLog(logger);
  const query = async (soql: string, what: string) => queryAll(await conn(), soql, logUsage, what);
  const accountsWhere = (where: string, what: string) =>
    query(`SELECT ${accountFields(map)} FROM Account WHERE ${where}`, what).then((rows) =>
      rows.map((r) => toCrmAccount(r, map)),
    );
  const escalated = `${map.escalation.field} = ${soqlValue(map.escalation.value)}`;

  return {
    name: "salesforce",
    ...createTaskWriter(conn, logUsage),

    async searchAccounts(text, limit = 5) {
      const q = dropLoneSurrogates(text).trim();
      if (!q) return [];
      if (isSalesforceId(q)) {
        const [byId] = await accountsWhere(`Id = ${soqlString(q)}`, "looking up an account by id");
        if (byId) return [{ account: byId, score: 0, exact: true }];
      }
      const hits = await accountsWhere(
        `Name LIKE ${soqlContains(q)} ORDER BY Name ASC LIMIT 200`,
        "searching accounts by name",
      );
      return rank(q, hits, limit);
    },

    async suggestAccounts(text, limit = 3) {
      const words = text
        .split(/\s+/)
        .filter((w) => w.length >= 3)
        .slice(0, 5);
      if (words.length === 0) return [];
      const where = words.map((w) => `Name LIKE ${soqlContains(w)}`).join(" OR ");
      const hits = await accountsWhere(`(${where}) ORDER BY Name ASC LIMIT 200`, "suggesting accounts");
      return rank(text, hits, limit).map((m) => m.account);
    },

    async getAccount(accountId) {
      if (!isSalesforceId(accountId)) return null;
      const [account] = await accountsWhere(`Id = ${soqlString(accountId)}`, "reading the account");
      return account ?? null;
    },

    listAccounts: () => accountsWhere("Id != null ORDER BY Name ASC", "listing accounts"),

    async countTickets(window) {
      const soql = `SELECT COUNT() FROM Case WHERE Id != null${windowFilter("CreatedDate", window)}`;
      return countRecords(await conn(), soql, logUsage, "counting cases for the digest");
    },

    async listTickets(accountId, window = {}) {
      if (!isSalesforceId(accountId)) return [];
      const parts = await Promise.all(
        slices(window, config.ticketSlices ?? 6).map((w) =>
          query(
            `SELECT ${caseFields(map)} FROM Case WHERE AccountId = ${soqlString(accountId)}${windowFilter("CreatedDate", w)} ORDER BY CreatedDate ASC`,
            "reading the account's cases",
          ),
        ),
      );
      return parts.flat().map((r) => toTicket(r, map));
    },

    async listEscalations(window) {
      const attributes = Object.values(map.account.attributes).map((f) => `Account.${f}`);
      const product = map.case.productArea ? [map.case.productArea] : [];
      const fields = ["Id", "CaseNumber", "Subject", "Description", "AccountId", "Account.Name", "Priority"];
      const select = [
        ...new Set([...fields, "IsClosed", "ClosedDate", "CreatedDate", ...product, ...attributes]),
      ];
      const rows = await query(
        `SELECT ${select.join(", ")} FROM Case WHERE ${escalated} AND AccountId != null${windowFilter("CreatedDate", window)} ORDER BY CreatedDate DESC`,
        "reading escalated cases",
      );
      return rows.map((r: SfRecord) => toCrmEscalation(r, map));
    },

    async listEscalatedCases(since) {
      const c = await conn();
      const rows = await queryAll(
        c,
        `SELECT Id, CaseNumber, Subject, Description, Priority, AccountId, Owner.Email, LastModifiedDate FROM Case WHERE ${escalated} AND IsClosed = false AND AccountId != null AND LastModifiedDate >= ${soqlDateTime(since)} ORDER BY LastModifiedDate ASC, Id ASC`,
        logUsage,
        "polling escalated cases",
      );
      return rows.map((r) => toEscalatedCase(r, c.instanceUrl));
    },

    // SystemModstamp, not LastModifiedDate: it also moves when Salesforce itself touches the case, and it is
    // the indexed audit field Salesforce recommends for incremental reads.
    async listModifiedCases(since) {
      const rows = await query(
        `SELECT ${caseFields(map)}, AccountId, SystemModstamp FROM Case WHERE AccountId != null AND SystemModstamp >= ${soqlDateTime(since)} ORDER BY SystemModstamp ASC, Id ASC`,
        "polling modified cases",
      );
      return rows.map((r) => toModifiedCase(r, map));
    },
  };
}
