/**
 * The sObject resource of the fake Salesforce, as jsforce's `sobject(type).create / update / retrieve` call
 * it: `POST …/sobjects/{type}` answers 201 `{ id, success, errors }`, `PATCH …/sobjects/{type}/{id}` answers
 * 204, `GET …/sobjects/{type}/{id}` the record. The integration user's access is scripted per object (no
 * create, no edit, read-only fields, records it cannot see) and refused with Salesforce's error codes and
 * wording: INSUFFICIENT_ACCESS_OR_READONLY, INVALID_FIELD_FOR_INSERT_UPDATE,
 * INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY, INVALID_FIELD, NOT_FOUND.
 */
import { findRecord, insertRecord, type OrgState, updateRecord } from "./org-state.ts";
import { SalesforceError, standardError } from "./salesforce-errors.ts";
import { isSalesforceId } from "./salesforce-ids.ts";
import { findObject, type ObjectDef, SOBJECT_TYPES, type SObjectType } from "./schema.ts";

/** What the integration user may not do on one sObject. */
export interface ObjectAccess {
  /** No Create permission on the object. */
  create?: false;
  /** No Edit permission on the object. */
  edit?: false;
  /** Fields whose field-level security is read-only for the user. */
  readOnlyFields?: string[];
  /** Records (by id) the user cannot see: naming them in a lookup is refused. */
  hiddenRecords?: string[];
}

/** The scripted access of the integration user, by sObject. */
export type AccessRules = Map<SObjectType, ObjectAccess>;

/** Fields Salesforce computes itself: never writable. */
const COMPUTED = new Set([
  "id",
  "isclosed",
  "createddate",
  "lastmodifieddate",
  "systemmodstamp",
  "isdeleted",
]);

const NO_ACCESS =
  "You do not have the level of access necessary to perform the operation you requested. Please contact the owner of the record or your administrator if access is necessary.";

function objectOf(org: OrgState, name: string): ObjectDef {
  const def = findObject(org.schema, name);
  if (!def) throw new SalesforceError(404, "NOT_FOUND", "The requested resource does not exist");
  return def;
}

function parseRecord(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new SalesforceError(400, "JSON_PARSER_ERROR", "Unexpected character in the request body");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new SalesforceError(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of sObject");
  const { attributes: _attributes, ...fields } = parsed as Record<string, unknown>;
  return fields;
}

/** Refuses what the user may not write: unknown fields, computed or read-only ones, hidden lookups. */
function checkFields(
  def: ObjectDef,
  fields: Record<string, unknown>,
  access: ObjectAccess,
  org: OrgState,
): void {
  const readOnly = new Set((access.readOnlyFields ?? []).map((f) => f.toLowerCase()));
  const blocked: string[] = [];
  for (const name of Object.keys(fields)) {
    const field = def.fields.get(name.toLowerCase());
    if (!field)
      throw new SalesforceError(
        400,
        "INVALID_FIELD",
        `No such column '${name}' on sobject of type ${def.name}`,
      );
    if (COMPUTED.has(name.toLowerCase()) || readOnly.has(name.toLowerCase())) blocked.push(field.name);
  }
  if (blocked.length)
    throw new SalesforceError(
      400,
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      `Unable to create/update fields: ${blocked.join(", ")}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      blocked,
    );
  for (const [name, value] of Object.entries(fields)) {
    const field = def.fields.get(name.toLowerCase())!;
    if (field.kind !== "reference" || value === null) continue;
    const target = typeof value === "string" && isSalesforceId(value) ? value : "";
    const exists = SOBJECT_TYPES.some((type) => findRecord(org, type, target));
    const hidden = (access.hiddenRecords ?? []).some((id) => id.slice(0, 15) === target.slice(0, 15));
    if (!exists || hidden)
      throw new SalesforceError(
        400,
        "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
        "insufficient access rights on cross-reference id",
        [field.name],
      );
  }
}

/** Answers an sObject request: status and body (undefined for 204). */
export function routeSObject(
  org: OrgState,
  access: AccessRules,
  method: string,
  resource: string,
  body: string,
): { status: number; body?: unknown } {
  const [, typeName = "", id] = /^\/sobjects\/([^/]+)(?:\/([^/]+))?$/.exec(resource) ?? [];
  const def = objectOf(org, typeName);
  const rules = access.get(def.name) ?? {};
  if (method === "POST" && !id) {
    const fields = parseRecord(body);
    if ("Id" in fields || "id" in fields)
      throw new SalesforceError(
        400,
        "INVALID_FIELD",
        "The Id field should not be specified in the sobject data.",
      );
    if (rules.create === false) throw new SalesforceError(400, "INSUFFICIENT_ACCESS_OR_READONLY", NO_ACCESS);
    checkFields(def, fields, rules, org);
    const stored = insertRecord(org, def.name, fields);
    return { status: 201, body: { id: stored.Id, success: true, errors: [] } };
  }
  if (!id)
    throw new SalesforceError(
      405,
      "METHOD_NOT_ALLOWED",
      `HTTP Method '${method}' not allowed. Allowed are GET,HEAD,POST`,
    );
  const record = findRecord(org, def.name, id);
  if (!record) throw standardError(404, "NOT_FOUND");
  if (method === "GET") return { status: 200, body: { attributes: { type: def.name }, ...record } };
  if (method === "PATCH") {
    const fields = parseRecord(body);
    if (rules.edit === false)
      throw new SalesforceError(
        400,
        "INSUFFICIENT_ACCESS_OR_READONLY",
        "insufficient access rights on object id",
      );
    checkFields(def, fields, rules, org);
    updateRecord(org, def.name, id, fields);
    return { status: 204 };
  }
  throw new SalesforceError(
    405,
    "METHOD_NOT_ALLOWED",
    `HTTP Method '${method}' not allowed. Allowed are GET,HEAD,PATCH`,
  );
}
