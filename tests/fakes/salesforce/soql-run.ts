/**
 * Runs a compiled query over the org and shapes the rows as the REST API does: `attributes` first, then the
 * selected fields in SELECT order; a parent relationship nested under its name (null when the lookup is
 * empty, typed `Name` when it is polymorphic); a child subquery as `{ totalSize, done, records }` or null
 * when there are no children.
 */
import type { OrgState, SfRecord } from "./org-state.ts";
import { idKey } from "./salesforce-ids.ts";
import type { CompiledQuery, OrderItem, SelectItem } from "./soql-compile.ts";
import { instantOf } from "./soql-literals.ts";
import { type FieldPath, followLookup, readPath } from "./soql-paths.ts";
import { evaluateExpr } from "./soql-where.ts";

/** The answer to a query: every row (before paging), each with how much of a batch it takes. */
export interface QueryRows {
  totalSize: number;
  records: SfRecord[];
  /** 1 per row plus its child records: child records count toward the batch size in Salesforce. */
  weights: number[];
}

function attributes(version: string, type: string, urlType: string, id: unknown) {
  return { type, url: `/services/data/v${version}/sobjects/${urlType}/${String(id)}` };
}

function sortKey(path: FieldPath, value: unknown): number | string {
  const kind = path.field.kind;
  if (kind === "date" || kind === "datetime") return instantOf(value);
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  return String(value).toLowerCase();
}

function compareBy(state: OrgState, order: OrderItem[]) {
  return (a: SfRecord, b: SfRecord): number => {
    for (const item of order) {
      const left = readPath(state, a, item.path);
      const right = readPath(state, b, item.path);
      if (left === null || right === null) {
        if (left === right) continue;
        return (left === null) === item.nullsFirst ? -1 : 1;
      }
      const x = sortKey(item.path, left);
      const y = sortKey(item.path, right);
      if (x === y) continue;
      return (x < y ? -1 : 1) * (item.descending ? -1 : 1);
    }
    return 0;
  };
}

function selectRows(state: OrgState, query: CompiledQuery, candidates: Iterable<SfRecord>): SfRecord[] {
  const where = query.where;
  const matched = [...candidates].filter(
    (record) => !where || evaluateExpr(where, (cond) => cond.test(readPath(state, record, cond.path))),
  );
  if (query.orderBy.length) matched.sort(compareBy(state, query.orderBy));
  const end = query.limit === undefined ? undefined : query.offset + query.limit;
  return matched.slice(query.offset, end);
}

function isRecord(value: unknown): value is SfRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function placeField(
  state: OrgState,
  version: string,
  out: SfRecord,
  record: SfRecord,
  path: FieldPath,
): void {
  let container = out;
  let current = record;
  for (const hop of path.hops) {
    const parent = followLookup(state, current, hop);
    if (!(hop.name in container)) {
      const type = hop.polymorphic ? "Name" : hop.target;
      container[hop.name] = parent ? { attributes: attributes(version, type, hop.target, parent.Id) } : null;
    }
    const nested = container[hop.name];
    if (!parent || !isRecord(nested)) return;
    container = nested;
    current = parent;
  }
  container[path.field.name] = current[path.field.name] ?? null;
}

function childRows(
  state: OrgState,
  version: string,
  item: Extract<SelectItem, { kind: "child" }>,
  parent: SfRecord,
) {
  const { child, query } = item;
  const parentKey = idKey(String(parent.Id));
  const candidates = [...(state.records.get(child.type)?.values() ?? [])].filter((record) => {
    const lookup = record[child.field];
    return typeof lookup === "string" && idKey(lookup) === parentKey;
  });
  return selectRows(state, query, candidates).map((record) => shapeRow(state, version, query, record).row);
}

function shapeRow(state: OrgState, version: string, query: CompiledQuery, record: SfRecord) {
  const row: SfRecord = { attributes: attributes(version, query.type, query.type, record.Id) };
  let weight = 1;
  for (const item of query.select) {
    if (item.kind === "field") {
      placeField(state, version, row, record, item.path);
      continue;
    }
    const children = childRows(state, version, item, record);
    row[item.child.name] = children.length
      ? { totalSize: children.length, done: true, records: children }
      : null;
    weight += children.length;
  }
  return { row, weight };
}

/** Runs a query: every matching row, shaped, or just the count for `SELECT COUNT()`. */
export function runQuery(state: OrgState, query: CompiledQuery, version: string): QueryRows {
  const rows = selectRows(state, query, state.records.get(query.type)?.values() ?? []);
  if (query.count) return { totalSize: rows.length, records: [], weights: [] };
  const shaped = rows.map((record) => shapeRow(state, version, query, record));
  return {
    totalSize: shaped.length,
    records: shaped.map((s) => s.row),
    weights: shaped.map((s) => s.weight),
  };
}
