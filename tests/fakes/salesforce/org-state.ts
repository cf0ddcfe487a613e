/**
 * The fake org's records. Values are stored the way the REST API returns them: canonical field names, dates
 * as `YYYY-MM-DD`, datetimes as `2026-11-18T09:00:00.000+0000`, 18-character ids. Fields Salesforce fills in
 * itself are filled in here too: audit timestamps, false for unset checkboxes, the case number, IsClosed and
 * IsWon from the status or stage, a user's Name from first and last name.
 */
import { idKey, isSalesforceId, makeId, toId18 } from "./salesforce-ids.ts";
import {
  type FieldDef,
  type FieldKind,
  objectDef,
  type Schema,
  SOBJECT_TYPES,
  type SObjectType,
} from "./schema.ts";
import { formatDateTime, instantOf } from "./soql-literals.ts";

/** A stored record: canonical field names to values. */
export type SfRecord = Record<string, unknown>;

/** Everything the org holds. */
export interface OrgState {
  schema: Schema;
  /** Records by type, keyed by the 15-character id. */
  records: Map<SObjectType, Map<string, SfRecord>>;
  sequence: number;
  caseNumber: number;
  now: () => Date;
}

/** An empty org over a schema. */
export function createOrgState(schema: Schema, now: () => Date): OrgState {
  const records = new Map(SOBJECT_TYPES.map((type) => [type, new Map<string, SfRecord>()]));
  return { schema, records, sequence: 0, caseNumber: 1000, now };
}

function kindOfValue(value: unknown): FieldKind {
  if (typeof value === "number") return "double";
  if (typeof value === "boolean") return "boolean";
  if (value instanceof Date) return "datetime";
  if (typeof value !== "string") return "unknown";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return "date";
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(instantOf(value))
    ? "datetime"
    : "string";
}

function normalize(type: SObjectType, field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // A custom field takes the type of the first value it is given, so filters can check literals against it.
  if (field.kind === "unknown") field.kind = kindOfValue(value);
  const where = `fake Salesforce: ${type}.${field.name}`;
  if (field.kind === "datetime" || field.kind === "date") {
    const ms = instantOf(value);
    if (Number.isNaN(ms)) throw new Error(`${where} needs a date, got ${String(value)}`);
    return field.kind === "date" ? formatDateTime(ms).slice(0, 10) : formatDateTime(ms);
  }
  if (field.kind === "id" || field.kind === "reference") {
    if (typeof value !== "string" || !isSalesforceId(value)) {
      throw new Error(`${where} needs a 15- or 18-character Salesforce id, got ${String(value)}`);
    }
    return toId18(value);
  }
  return value;
}

function fieldOf(state: OrgState, type: SObjectType, name: string): FieldDef {
  const field = objectDef(state.schema, type).fields.get(name.toLowerCase());
  if (!field) {
    throw new Error(`fake Salesforce: ${type} has no field ${name} (declare custom fields in customFields)`);
  }
  return field;
}

function canonical(state: OrgState, type: SObjectType, input: SfRecord): SfRecord {
  const out: SfRecord = {};
  for (const [name, value] of Object.entries(input)) {
    const field = fieldOf(state, type, name);
    out[field.name] = normalize(type, field, value);
  }
  return out;
}

function fillDerived(state: OrgState, type: SObjectType, record: SfRecord): void {
  if (type === "Case") {
    if (record.CaseNumber == null) {
      state.caseNumber += 1;
      record.CaseNumber = String(state.caseNumber).padStart(8, "0");
    }
    record.IsClosed ??= record.Status === "Closed";
  }
  if (type === "Opportunity" && typeof record.StageName === "string") {
    record.IsClosed ??= record.StageName.startsWith("Closed");
    record.IsWon ??= record.StageName === "Closed Won";
  }
  if (type === "Task") {
    record.Status ??= "Not Started";
    record.Priority ??= "Normal";
    record.IsClosed = record.Status === "Completed";
    // Salesforce fills a task's AccountId from what it is about: the account itself, or a case's account.
    const what = typeof record.WhatId === "string" ? record.WhatId : "";
    const about = findRecord(state, "Case", what) ?? findRecord(state, "Account", what);
    record.AccountId = about ? (about.AccountId ?? about.Id ?? null) : null;
  }
  if (type === "User") {
    const parts = [record.FirstName, record.LastName].filter((part) => typeof part === "string");
    if (record.Name == null && parts.length > 0) record.Name = parts.join(" ");
    record.IsActive ??= true;
    record.UserType ??= "Standard";
  }
}

function fillDefaults(state: OrgState, type: SObjectType, record: SfRecord): void {
  const stamp = formatDateTime(state.now().getTime());
  record.CreatedDate ??= stamp;
  record.LastModifiedDate ??= record.CreatedDate;
  record.SystemModstamp ??= record.LastModifiedDate;
  fillDerived(state, type, record);
  // Checkboxes are never null in Salesforce.
  for (const field of objectDef(state.schema, type).fields.values()) {
    if (field.kind === "boolean" && record[field.name] == null) record[field.name] = false;
  }
}

function newId(state: OrgState, type: SObjectType): string {
  const prefix = objectDef(state.schema, type).keyPrefix;
  for (;;) {
    state.sequence += 1;
    const id = makeId(prefix, state.sequence);
    if (!state.records.get(type)?.has(idKey(id))) return id;
  }
}

/** Stores a record (with a new Id unless it has one) and returns a copy as stored. */
export function insertRecord(state: OrgState, type: SObjectType, input: SfRecord): SfRecord {
  const record = canonical(state, type, input);
  const id = typeof record.Id === "string" ? record.Id : newId(state, type);
  const table = state.records.get(type);
  if (!table || table.has(idKey(id))) throw new Error(`fake Salesforce: ${type} ${id} exists already`);
  fillDefaults(state, type, record);
  const stored = { Id: id, ...record };
  table.set(idKey(id), stored);
  return { ...stored };
}

/** Changes fields of a record and bumps LastModifiedDate and SystemModstamp. */
export function updateRecord(
  state: OrgState,
  type: SObjectType,
  id: string,
  patch: SfRecord,
  at?: Date,
): void {
  const record = state.records.get(type)?.get(idKey(id));
  if (!record) throw new Error(`fake Salesforce: no ${type} ${id}`);
  Object.assign(record, canonical(state, type, patch));
  if (type === "Task") record.IsClosed = record.Status === "Completed";
  const stamp = formatDateTime((at ?? state.now()).getTime());
  record.LastModifiedDate = stamp;
  record.SystemModstamp = stamp;
}

/** The record an id points at, if any. */
export function findRecord(state: OrgState, type: SObjectType, id: unknown): SfRecord | undefined {
  return typeof id === "string" ? state.records.get(type)?.get(idKey(id)) : undefined;
}
