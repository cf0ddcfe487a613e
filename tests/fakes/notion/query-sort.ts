/**
 * Data source query sorts: by property or by timestamp, ascending or descending, the first sort deciding
 * first. Empty values go last either way; select options sort in schema order, as in Notion. Without sorts
 * the fake returns the newest rows first (Notion does not document its default order: do not rely on it).
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

/** Orders two rows. */
export type RowComparator = (a: RowRecord, b: RowRecord) => number;

type SortKey = number | string | null;

function optionRank(property: PropertySchema, option: unknown): number | null {
  if (!isRecord(option)) return null;
  const index = (property.options ?? []).findIndex((o) => o.id === option.id);
  return index < 0 ? null : index;
}

function sortKey(property: PropertySchema, row: RowRecord): SortKey {
  const value = renderValue(property, row)[property.type];
  switch (property.type) {
    case "title":
    case "rich_text": {
      const text = Array.isArray(value)
        ? value.map((i) => (isRecord(i) ? String(i.plain_text) : "")).join("")
        : "";
      return text === "" ? null : text.toLowerCase();
    }
    case "url":
      return typeof value === "string" && value !== "" ? value.toLowerCase() : null;
    case "number":
      return typeof value === "number" ? value : null;
    case "checkbox":
      return value === true ? 1 : 0;
    case "date":
      return isRecord(value) && typeof value.start === "string" ? Date.parse(value.start) : null;
    case "select":
      return optionRank(property, value);
    case "multi_select":
      return Array.isArray(value) ? optionRank(property, value[0]) : null;
  }
}

function compareKeys(a: SortKey, b: SortKey, direction: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a < b ? -1 : 1) * direction;
}

function parseDirection(value: unknown, path: string): number {
  if (value === "ascending") return 1;
  if (value === "descending") return -1;
  throw failedValidation(path, 'should be "ascending" or "descending"', value);
}

function compileSort(raw: unknown, schema: readonly PropertySchema[], path: string): RowComparator {
  const sort = expectObject(raw, path);
  const direction = parseDirection(sort.direction, `${path}.direction`);
  if (sort.timestamp !== undefined) {
    const which = sort.timestamp;
    if (which !== "created_time" && which !== "last_edited_time") {
      throw failedValidation(`${path}.timestamp`, 'should be "created_time" or "last_edited_time"', which);
    }
    const time = (row: RowRecord) => (which === "created_time" ? row.createdTime : row.lastEditedTime);
    return (a, b) => compareKeys(time(a), time(b), direction);
  }
  const name = expectString(sort.property, `${path}.property`);
  const property = findProperty(schema, name);
  if (!property) throw validationError(`Could not find sort property with name or id: ${name}`);
  return (a, b) => compareKeys(sortKey(property, a), sortKey(property, b), direction);
}

/** A query's `sorts` as one comparator; ties keep creation order. Throws Notion's validation_error. */
export function compileSorts(sorts: unknown, schema: readonly PropertySchema[]): RowComparator {
  if (sorts === undefined) {
    return (a, b) => compareKeys(a.createdTime, b.createdTime, -1) || b.sequence - a.sequence;
  }
  const parts = expectArray(sorts, "body.sorts").map((raw, index) =>
    compileSort(raw, schema, `body.sorts[${index}]`),
  );
  return (a, b) => {
    for (const compare of parts) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return a.sequence - b.sequence;
  };
}
