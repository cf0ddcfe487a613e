/**
 * Query paging. A result larger than one batch answers `done: false` with a `nextRecordsUrl` of the form
 * `/services/data/v62.0/query/01g…-2000` (a query-locator id, a dash, the number of rows already served);
 * GET on it serves the next batch from the snapshot taken when the query ran. As in Salesforce, child records
 * returned by subqueries count toward the batch size, and a batch always holds at least one row.
 */
import { randomBytes } from "node:crypto";
import type { SfRecord } from "./org-state.ts";
import { SalesforceError } from "./salesforce-errors.ts";
import { toId18 } from "./salesforce-ids.ts";
import type { QueryRows } from "./soql-run.ts";

/** One response of the query resource. */
export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SfRecord[];
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function locatorId(): string {
  const tail = [...randomBytes(12)].map((byte) => ALPHANUMERIC.charAt(byte % ALPHANUMERIC.length)).join("");
  return toId18(`01g${tail}`);
}

/** Open query cursors of one fake org. */
export function createCursorStore(batchSize: number, version: string) {
  const cursors = new Map<string, QueryRows>();

  const page = (id: string, rows: QueryRows, start: number): QueryPage => {
    let end = start;
    let used = 0;
    while (end < rows.records.length) {
      const weight = rows.weights[end] ?? 1;
      if (end > start && used + weight > batchSize) break;
      used += weight;
      end += 1;
    }
    const records = rows.records.slice(start, end);
    if (end >= rows.records.length) return { totalSize: rows.totalSize, done: true, records };
    cursors.set(id, rows);
    const nextRecordsUrl = `/services/data/v${version}/query/${id}-${end}`;
    return { totalSize: rows.totalSize, done: false, nextRecordsUrl, records };
  };

  return {
    /** The first batch of a query's rows. */
    first: (rows: QueryRows): QueryPage => page(locatorId(), rows, 0),
    /** The batch a locator (`01g…-2000`) points at; INVALID_QUERY_LOCATOR when there is none. */
    next: (locator: string): QueryPage => {
      const match = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(locator);
      const rows = match ? cursors.get(match[1] ?? "") : undefined;
      const start = Number(match?.[2]);
      if (!match || !rows || start <= 0 || start >= rows.records.length) {
        throw new SalesforceError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
      }
      return page(match[1] ?? "", rows, start);
    },
  };
}

/** The cursor store type. */
export type CursorStore = ReturnType<typeof createCursorStore>;
