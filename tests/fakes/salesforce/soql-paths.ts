/**
 * Field paths of a query (`Subject`, `Owner.Email`, `Account.Owner.Name`): checked against the schema when
 * the query is compiled, then followed through lookup ids when it runs. A polymorphic lookup (Case.Owner)
 * reaches the `Name` pseudo-object, which has only a few of the user's fields, as in Salesforce.
 */
import { findRecord, type OrgState, type SfRecord } from "./org-state.ts";
import { noSuchColumn, notImplemented, unknownRelationship } from "./salesforce-errors.ts";
import {
  type FieldDef,
  isSObjectType,
  NAME_OBJECT_FIELDS,
  objectDef,
  type ParentDef,
  type Schema,
  type SObjectType,
} from "./schema.ts";

/** A resolved path: the lookups to follow, then the field to read. */
export interface FieldPath {
  hops: ParentDef[];
  field: FieldDef;
  /** The canonical spelling, e.g. `Account.Name`. */
  key: string;
}

function parentStep(schema: Schema, soql: string, type: SObjectType, name: string): ParentDef {
  const parent = objectDef(schema, type).parents.get(name.toLowerCase());
  if (!parent) throw unknownRelationship(soql, name);
  if (!isSObjectType(parent.target))
    throw notImplemented(`the ${parent.target} object (${type}.${parent.name})`);
  return parent;
}

/** Resolves a dotted path from `type`; the errors are Salesforce's INVALID_FIELD ones. */
export function resolvePath(schema: Schema, soql: string, type: SObjectType, dotted: string): FieldPath {
  const names = dotted.split(".");
  const column = names.pop() ?? "";
  const hops: ParentDef[] = [];
  let current = type;
  let viaName = false;
  for (const name of names) {
    if (viaName) throw unknownRelationship(soql, name);
    const parent = parentStep(schema, soql, current, name);
    hops.push(parent);
    if (isSObjectType(parent.target)) current = parent.target;
    viaName = parent.polymorphic;
  }
  const field = objectDef(schema, current).fields.get(column.toLowerCase());
  if (!field || (viaName && !NAME_OBJECT_FIELDS.has(field.name))) {
    throw noSuchColumn(soql, column, viaName ? "Name" : current);
  }
  return { hops, field, key: [...hops.map((hop) => hop.name), field.name].join(".") };
}

/** The parent record behind one lookup of `record`, if the lookup is set. */
export function followLookup(state: OrgState, record: SfRecord, hop: ParentDef): SfRecord | undefined {
  return isSObjectType(hop.target) ? findRecord(state, hop.target, record[hop.field]) : undefined;
}

/** The value at the end of a path, null when a lookup on the way is empty. */
export function readPath(state: OrgState, record: SfRecord, path: FieldPath): unknown {
  let current: SfRecord | undefined = record;
  for (const hop of path.hops) {
    current = current ? followLookup(state, current, hop) : undefined;
  }
  return current?.[path.field.name] ?? null;
}
