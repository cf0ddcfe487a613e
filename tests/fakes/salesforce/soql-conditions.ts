/**
 * One WHERE condition (`Field op literal`): checked when the query is compiled the way Salesforce checks it
 * (the literal's type must fit the field's, ids must look like ids, long text areas cannot be filtered), then
 * turned into a test of the field's value. Text comparisons ignore case, as in Salesforce; `!=` and `NOT IN`
 * match null values, the ordering operators and LIKE never do.
 */
import type { LiteralType, Operator } from "@jetstreamapp/soql-parser-js";
import { notImplemented, pointAt, SalesforceError } from "./salesforce-errors.ts";
import { idKey, isSalesforceId } from "./salesforce-ids.ts";
import type { FieldKind, Schema, SObjectType } from "./schema.ts";
import {
  decodeString,
  instantOf,
  parseDateLiteral,
  parseDateTimeLiteral,
  piecesToRegExp,
  piecesToText,
  relativeDateRange,
  type TimeRange,
} from "./soql-literals.ts";
import { type FieldPath, resolvePath } from "./soql-paths.ts";
import type { RawCondition } from "./soql-where.ts";

/** What a condition is compiled against. */
export interface CompileContext {
  schema: Schema;
  soql: string;
  now: Date;
}

/** A compiled condition: the path to read and the test of its value. */
export interface CompiledCondition {
  path: FieldPath;
  test: (value: unknown) => boolean;
}

type Operand =
  | { kind: "null" }
  | { kind: "text"; value: string }
  | { kind: "like"; pattern: RegExp }
  | { kind: "id"; key: string }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "time"; range: TimeRange };

type KindGroup = "text" | "id" | "number" | "boolean" | "date" | "datetime" | "any";

const GROUPS: Readonly<Record<FieldKind, KindGroup>> = {
  id: "id",
  reference: "id",
  string: "text",
  picklist: "text",
  textarea: "text",
  email: "text",
  phone: "text",
  url: "text",
  boolean: "boolean",
  int: "number",
  double: "number",
  currency: "number",
  percent: "number",
  date: "date",
  datetime: "datetime",
  unknown: "any",
};

const ACCEPTED: Readonly<Record<KindGroup, readonly LiteralType[]>> = {
  text: ["STRING"],
  id: ["STRING"],
  number: ["INTEGER", "DECIMAL"],
  boolean: ["BOOLEAN"],
  date: ["DATE", "DATE_LITERAL", "DATE_N_LITERAL"],
  datetime: ["DATETIME", "DATE_LITERAL", "DATE_N_LITERAL"],
  any: ["STRING", "INTEGER", "DECIMAL", "BOOLEAN", "DATE", "DATETIME", "DATE_LITERAL", "DATE_N_LITERAL"],
};

const TYPE_NAMES: Partial<Record<KindGroup, string>> = { text: "string", id: "id", datetime: "dateTime" };

function filterError(ctx: CompileContext, code: string, token: string, text: string): SalesforceError {
  return new SalesforceError(400, code, pointAt(ctx.soql, token, text));
}

function checkLiteralType(ctx: CompileContext, path: FieldPath, op: Operator, literal: LiteralType): void {
  const group = GROUPS[path.field.kind];
  if (op === "LIKE" && group !== "text" && group !== "any") {
    const what = group === "id" ? "id" : path.field.kind;
    throw filterError(ctx, "INVALID_QUERY_FILTER_OPERATOR", path.key, `invalid operator on ${what} field`);
  }
  if (literal === "NULL" || ACCEPTED[group].includes(literal)) return;
  const quoted = group === "text" || group === "id";
  const typeName = TYPE_NAMES[group] ?? path.field.kind;
  const text =
    `value of filter criterion for field '${path.key}' must be of type ${typeName} and should ` +
    `${quoted ? "" : "not "}be enclosed in quotes`;
  throw filterError(ctx, "INVALID_FIELD", path.key, text);
}

function stringOperand(ctx: CompileContext, path: FieldPath, op: Operator, raw: string): Operand {
  const pieces = decodeString(ctx.soql, raw, op === "LIKE");
  if (op === "LIKE") return { kind: "like", pattern: piecesToRegExp(pieces) };
  const text = piecesToText(pieces);
  if (GROUPS[path.field.kind] !== "id") return { kind: "text", value: text };
  if (!isSalesforceId(text)) {
    throw filterError(ctx, "INVALID_QUERY_FILTER_OPERATOR", raw, `invalid ID field: ${text}`);
  }
  return { kind: "id", key: idKey(text) };
}

function toOperand(
  ctx: CompileContext,
  path: FieldPath,
  op: Operator,
  literal: LiteralType,
  raw: string,
): Operand {
  checkLiteralType(ctx, path, op, literal);
  switch (literal) {
    case "NULL":
      return { kind: "null" };
    case "STRING":
      return stringOperand(ctx, path, op, raw);
    case "INTEGER":
    case "DECIMAL":
      return { kind: "number", value: Number(raw) };
    case "BOOLEAN":
      return { kind: "boolean", value: raw.toUpperCase() === "TRUE" };
    case "DATE":
      return { kind: "time", range: parseDateLiteral(ctx.soql, raw) };
    case "DATETIME":
      return { kind: "time", range: parseDateTimeLiteral(ctx.soql, raw) };
    case "DATE_LITERAL":
    case "DATE_N_LITERAL":
      return { kind: "time", range: relativeDateRange(ctx.soql, raw, ctx.now) };
    default:
      throw notImplemented(`${literal} literals`);
  }
}

function equals(value: unknown, operand: Operand): boolean {
  switch (operand.kind) {
    case "null":
      return value === null;
    case "text":
      return String(value).toLowerCase() === operand.value.toLowerCase();
    case "id":
      return typeof value === "string" && idKey(value) === operand.key;
    case "number":
      return Number(value) === operand.value;
    case "boolean":
      return value === operand.value;
    case "time": {
      const ms = instantOf(value);
      return ms >= operand.range.start && ms < operand.range.end;
    }
    case "like":
      return operand.pattern.test(String(value));
  }
}

function ordered(op: Operator, value: unknown, operand: Operand): boolean {
  if (operand.kind === "time") {
    // A range is below, inside or above the value: `<` means before it starts, `<=` before it ends.
    const ms = instantOf(value);
    const bound = op === "<" || op === ">=" ? operand.range.start : operand.range.end;
    return op === "<" || op === "<=" ? ms < bound : ms >= bound;
  }
  let diff = Number.NaN;
  if (operand.kind === "number") diff = Number(value) - operand.value;
  if (operand.kind === "text" || operand.kind === "id") {
    const right = operand.kind === "text" ? operand.value.toLowerCase() : operand.key;
    const left = operand.kind === "text" ? String(value).toLowerCase() : idKey(String(value));
    diff = left < right ? -1 : left > right ? 1 : 0;
  }
  if (op === "<") return diff < 0;
  if (op === "<=") return diff <= 0;
  if (op === ">") return diff > 0;
  return op === ">=" && diff >= 0;
}

function makeTest(op: Operator, operands: Operand[]): (value: unknown) => boolean {
  const first = operands[0] ?? { kind: "null" };
  return (value) => {
    if (value === null || value === undefined) {
      if (op === "=") return first.kind === "null";
      return (op === "!=" && first.kind !== "null") || op === "NOT IN";
    }
    if (op === "=" || op === "LIKE") return equals(value, first);
    if (op === "!=") return !equals(value, first);
    if (op === "IN") return operands.some((operand) => equals(value, operand));
    if (op === "NOT IN") return !operands.some((operand) => equals(value, operand));
    return ordered(op, value, first);
  };
}

/** Compiles one condition of a query on `type`. */
export function compileCondition(
  ctx: CompileContext,
  type: SObjectType,
  raw: RawCondition,
): CompiledCondition {
  if (!("field" in raw)) throw notImplemented("functions in WHERE");
  if ("valueQuery" in raw) throw notImplemented("semi-join subqueries in WHERE");
  if (raw.operator === "INCLUDES" || raw.operator === "EXCLUDES") throw notImplemented("INCLUDES/EXCLUDES");
  const path = resolvePath(ctx.schema, ctx.soql, type, raw.field);
  if (!path.field.filterable) {
    const text = `field '${path.key}' can not be filtered in query call`;
    throw filterError(ctx, "INVALID_FIELD", path.field.name, text);
  }
  const values = Array.isArray(raw.value) ? raw.value : [raw.value];
  const operands = values.map((value, i) => {
    const literal = Array.isArray(raw.literalType) ? raw.literalType[i] : raw.literalType;
    return toOperand(ctx, path, raw.operator, literal ?? "STRING", value);
  });
  return { path, test: makeTest(raw.operator, operands) };
}
