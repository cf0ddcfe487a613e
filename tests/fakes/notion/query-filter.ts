/**
 * Data source query filters: property filters (title, rich_text, url, number, select, multi_select, date,
 * checkbox), timestamp filters (`{ timestamp: "last_edited_time", last_edited_time: { on_or_after } }`) and
 * `and`/`or` compounds nested at most two levels deep, as Notion allows. A filter naming a property the data
 * source does not have is Notion's "Could not find property with name or id: …".
 */
import {
  expectArray,
  expectObject,
  expectString,
  failedValidation,
  isRecord,
  validationError,
} from "./notion-errors.ts";
import type { PropertySchema, RowRecord } from "./notion-state.ts";
import { findProperty } from "./property-schema.ts";
import { renderValue } from "./property-values.ts";

/** Decides whether a row is in the result. */
export type RowPredicate = (row: RowRecord) => boolean;

type Condition = Record<string, unknown>;

/** The filter keys each property type accepts (text properties take `title` or `rich_text`). */
const FILTER_KEYS: Readonly<Record<string, readonly string[]>> = {
  title: ["title", "rich_text"],
  rich_text: ["rich_text", "title"],
  url: ["url"],
  number: ["number"],
  select: ["select"],
  multi_select: ["multi_select"],
  date: ["date"],
  checkbox: ["checkbox"],
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The one operator of a condition (`{ equals: "x" }` → ["equals", "x"]). */
function operatorOf(condition: Condition, path: string, allowed: readonly string[]): [string, unknown] {
  const entries = Object.entries(condition);
  const first = entries[0];
  if (entries.length !== 1 || !first || !allowed.includes(first[0])) {
    throw failedValidation(path, `should have exactly one of ${allowed.join(", ")}`, condition);
  }
  if ((first[0] === "is_empty" || first[0] === "is_not_empty") && first[1] !== true) {
    throw failedValidation(`${path}.${first[0]}`, "should be `true`", first[1]);
  }
  return first;
}

const TEXT_OPS = [
  "equals",
  "does_not_equal",
  "contains",
  "does_not_contain",
  "starts_with",
  "ends_with",
  "is_empty",
  "is_not_empty",
];

/** Text conditions; contains/starts_with/ends_with ignore case, equals does not. */
function textCondition(condition: Condition, path: string): (text: string) => boolean {
  const [op, raw] = operatorOf(condition, path, TEXT_OPS);
  if (op === "is_empty") return (text) => text === "";
  if (op === "is_not_empty") return (text) => text !== "";
  const wanted = expectString(raw, `${path}.${op}`);
  const lower = wanted.toLowerCase();
  const tests: Record<string, (text: string) => boolean> = {
    equals: (text) => text === wanted,
    does_not_equal: (text) => text !== wanted,
    contains: (text) => text.toLowerCase().includes(lower),
    does_not_contain: (text) => !text.toLowerCase().includes(lower),
    starts_with: (text) => text.toLowerCase().startsWith(lower),
    ends_with: (text) => text.toLowerCase().endsWith(lower),
  };
  return tests[op] ?? (() => false);
}

const NUMBER_OPS = [
  "equals",
  "does_not_equal",
  "greater_than",
  "less_than",
  "greater_than_or_equal_to",
  "less_than_or_equal_to",
  "is_empty",
  "is_not_empty",
];

function numberCondition(condition: Condition, path: string): (n: number | null) => boolean {
  const [op, raw] = operatorOf(condition, path, NUMBER_OPS);
  if (op === "is_empty") return (n) => n === null;
  if (op === "is_not_empty") return (n) => n !== null;
  if (typeof raw !== "number") throw failedValidation(`${path}.${op}`, "should be a number", raw);
  const tests: Record<string, (n: number) => boolean> = {
    equals: (n) => n === raw,
    greater_than: (n) => n > raw,
    less_than: (n) => n < raw,
    greater_than_or_equal_to: (n) => n >= raw,
    less_than_or_equal_to: (n) => n <= raw,
  };
  if (op === "does_not_equal") return (n) => n !== raw;
  const test = tests[op] ?? (() => false);
  return (n) => n !== null && test(n);
}

function dayOf(value: string): string {
  return DATE_ONLY.test(value) ? value : new Date(value).toISOString().slice(0, 10);
}

/** -1, 0 or 1; a date-only filter value compares whole days (UTC), a date-time compares instants. */
function compareDate(value: string, wanted: string): number {
  if (DATE_ONLY.test(wanted)) {
    const day = dayOf(value);
    return day < wanted ? -1 : day > wanted ? 1 : 0;
  }
  return Math.sign(Date.parse(value) - Date.parse(wanted));
}

const DATE_OPS = ["equals", "before", "after", "on_or_before", "on_or_after", "is_empty", "is_not_empty"];

/** Date conditions on a date property's start or on a timestamp. */
export function dateCondition(condition: Condition, path: string): (value: string | null) => boolean {
  const [op, raw] = operatorOf(condition, path, DATE_OPS);
  if (op === "is_empty") return (value) => value === null;
  if (op === "is_not_empty") return (value) => value !== null;
  const wanted = expectString(raw, `${path}.${op}`);
  if (Number.isNaN(Date.parse(wanted))) {
    // Relative values ("today", "one_week_ago") exist in Notion; the fake keeps to explicit dates.
    throw failedValidation(
      `${path}.${op}`,
      "should be an ISO 8601 date (the fake has no relative dates)",
      wanted,
    );
  }
  const accept: Record<string, (order: number) => boolean> = {
    equals: (order) => order === 0,
    before: (order) => order < 0,
    after: (order) => order > 0,
    on_or_before: (order) => order <= 0,
    on_or_after: (order) => order >= 0,
  };
  const test = accept[op] ?? (() => false);
  return (value) => value !== null && test(compareDate(value, wanted));
}

function optionCondition(condition: Condition, path: string, multi: boolean): (names: string[]) => boolean {
  const ops = multi ? ["contains", "does_not_contain"] : ["equals", "does_not_equal"];
  const [op, raw] = operatorOf(condition, path, [...ops, "is_empty", "is_not_empty"]);
  if (op === "is_empty") return (names) => names.length === 0;
  if (op === "is_not_empty") return (names) => names.length > 0;
  const wanted = expectString(raw, `${path}.${op}`);
  return op === ops[0] ? (names) => names.includes(wanted) : (names) => !names.includes(wanted);
}

function checkboxCondition(condition: Condition, path: string): (checked: boolean) => boolean {
  const [op, raw] = operatorOf(condition, path, ["equals", "does_not_equal"]);
  if (typeof raw !== "boolean") throw failedValidation(`${path}.${op}`, "should be a boolean", raw);
  return op === "equals" ? (checked) => checked === raw : (checked) => checked !== raw;
}

function readValue(property: PropertySchema, row: RowRecord): unknown {
  return renderValue(property, row)[property.type];
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) return "";
  return value
    .map((item) => (isRecord(item) && typeof item.plain_text === "string" ? item.plain_text : ""))
    .join("");
}

function namesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === null ? [] : [value];
  return list.flatMap((o) => (isRecord(o) && typeof o.name === "string" ? [o.name] : []));
}

function propertyFilter(filter: Condition, schema: readonly PropertySchema[], path: string): RowPredicate {
  const name = expectString(filter.property, `${path}.property`);
  const property = findProperty(schema, name);
  if (!property) throw validationError(`Could not find property with name or id: ${name}`);
  const key =
    typeof filter.type === "string" ? filter.type : Object.keys(filter).find((k) => k !== "property");
  if (!key || !(FILTER_KEYS[property.type] ?? []).includes(key)) {
    throw validationError(
      `body failed validation: ${path} filters property ${name} of type ${property.type} with ${String(key)}.`,
    );
  }
  const condition = expectObject(filter[key], `${path}.${key}`);
  const conditionPath = `${path}.${key}`;
  const type = property.type;
  if (type === "title" || type === "rich_text" || type === "url") {
    const test = textCondition(condition, conditionPath);
    return (row) => test(textOf(readValue(property, row)));
  }
  if (type === "number") {
    const test = numberCondition(condition, conditionPath);
    return (row) => {
      const value = readValue(property, row);
      return test(typeof value === "number" ? value : null);
    };
  }
  if (type === "date") {
    const test = dateCondition(condition, conditionPath);
    return (row) => {
      const value = readValue(property, row);
      return test(isRecord(value) && typeof value.start === "string" ? value.start : null);
    };
  }
  if (type === "checkbox") {
    const test = checkboxCondition(condition, conditionPath);
    return (row) => test(readValue(property, row) === true);
  }
  const test = optionCondition(condition, conditionPath, type === "multi_select");
  return (row) => test(namesOf(readValue(property, row)));
}

function timestampFilter(filter: Condition, path: string): RowPredicate {
  const which = filter.timestamp;
  if (which !== "created_time" && which !== "last_edited_time") {
    throw failedValidation(`${path}.timestamp`, 'should be "created_time" or "last_edited_time"', which);
  }
  const test = dateCondition(expectObject(filter[which], `${path}.${which}`), `${path}.${which}`);
  return (row) => test(which === "created_time" ? row.createdTime : row.lastEditedTime);
}

function compile(
  filter: unknown,
  schema: readonly PropertySchema[],
  path: string,
  depth: number,
): RowPredicate {
  const given = expectObject(filter, path);
  const compound = "and" in given ? "and" : "or" in given ? "or" : undefined;
  if (compound) {
    if (depth >= 2) {
      throw failedValidation(
        path,
        "should be a property or timestamp filter (compounds nest two levels deep at most)",
        given,
      );
    }
    const parts = expectArray(given[compound], `${path}.${compound}`).map((item, index) =>
      compile(item, schema, `${path}.${compound}[${index}]`, depth + 1),
    );
    return compound === "and" ? (row) => parts.every((p) => p(row)) : (row) => parts.some((p) => p(row));
  }
  if ("timestamp" in given) return timestampFilter(given, path);
  return propertyFilter(given, schema, path);
}

/** A query's `filter` as a predicate; no filter keeps every row. Throws Notion's validation_error. */
export function compileFilter(filter: unknown, schema: readonly PropertySchema[]): RowPredicate {
  if (filter === undefined) return () => true;
  return compile(filter, schema, "body.filter", 0);
}
