/**
 * Page property values: checked against the data source schema the way Notion does (an unknown name is
 * "<name> is not a property that exists.", a value of another type is "<name> is expected to be <type>."),
 * within Notion's size limits, and rendered back in response shape (`{ id, type, [type]: value }`).
 * Writing a select name the schema does not have adds the option, as Notion does.
 */
import {
  checkLength,
  expectObject,
  expectString,
  failedValidation,
  isRecord,
  validationError,
} from "./notion-errors.ts";
import type { PropertySchema, PropertyType, RowRecord, SelectOption } from "./notion-state.ts";
import { findProperty, newOption, noSuchProperty, parseOptionName } from "./property-schema.ts";
import { LIMITS, parseRichText } from "./rich-text.ts";

/** Value keys Notion knows, so a value of an unmodelled type is reported as the wrong type. */
const KNOWN_VALUE_KEYS = [
  "title",
  "rich_text",
  "number",
  "select",
  "multi_select",
  "date",
  "url",
  "checkbox",
  "status",
  "people",
  "email",
  "phone_number",
  "relation",
  "files",
];

/** An option a value refers to: an existing one, or a name to add. */
type OptionRef = { option: SelectOption } | { name: string };

/** One validated write, applied only when the whole request is valid. */
export interface ValueDraft {
  property: PropertySchema;
  value: unknown;
  options?: OptionRef[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function parseDateString(value: unknown, path: string): string {
  const text = expectString(value, path);
  if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(text))) {
    throw failedValidation(path, "should be a valid ISO 8601 date string", text);
  }
  return text;
}

function parseDate(value: unknown, path: string): unknown {
  if (value === null) return null;
  const date = expectObject(value, path);
  const start = parseDateString(date.start, `${path}.start`);
  const end = date.end === undefined || date.end === null ? null : parseDateString(date.end, `${path}.end`);
  const zone = date.time_zone === undefined || date.time_zone === null ? null : date.time_zone;
  return { start, end, time_zone: zone === null ? null : expectString(zone, `${path}.time_zone`) };
}

function parseOptionRef(value: unknown, path: string, property: PropertySchema): OptionRef {
  const ref = expectObject(value, path);
  const options = property.options ?? [];
  if (ref.id !== undefined) {
    const id = expectString(ref.id, `${path}.id`);
    const option = options.find((o) => o.id === id);
    if (!option) throw validationError(`Invalid select option id for property ${property.name}: ${id}`);
    return { option };
  }
  const name = parseOptionName(ref.name, `${path}.name`);
  const option = options.find((o) => o.name === name);
  return option ? { option } : { name };
}

function parseValue(property: PropertySchema, value: unknown, path: string): ValueDraft {
  const type = property.type;
  if (type === "title" || type === "rich_text") return { property, value: parseRichText(value, path) };
  if (type === "number") {
    if (value !== null && (typeof value !== "number" || !Number.isFinite(value))) {
      throw failedValidation(path, "should be a number or `null`", value);
    }
    return { property, value };
  }
  if (type === "url") {
    if (value === null) return { property, value };
    const url = expectString(value, path);
    checkLength(path, LIMITS.url, url.length);
    return { property, value: url };
  }
  if (type === "checkbox") {
    if (typeof value !== "boolean") throw failedValidation(path, "should be a boolean", value);
    return { property, value };
  }
  if (type === "date") return { property, value: parseDate(value, path) };
  if (type === "select") {
    if (value === null) return { property, value: null, options: [] };
    return { property, value: null, options: [parseOptionRef(value, path, property)] };
  }
  if (!Array.isArray(value)) throw failedValidation(path, "should be an array", value);
  checkLength(path, LIMITS.richTextItems, value.length);
  const options = value.map((item, index) => parseOptionRef(item, `${path}[${index}]`, property));
  return { property, value: null, options };
}

function valueType(value: Record<string, unknown>): string | undefined {
  if (typeof value.type === "string") return value.type;
  return KNOWN_VALUE_KEYS.find((key) => key in value);
}

/**
 * Property values from a create or update request, validated against the schema. Keys may be names or
 * property ids. Nothing changes until {@link applyValues}.
 */
export function parsePropertyValues(
  schema: readonly PropertySchema[],
  value: unknown,
  path: string,
): ValueDraft[] {
  if (value === undefined) return [];
  const given = expectObject(value, path);
  return Object.entries(given).map(([key, raw]) => {
    const property = findProperty(schema, key);
    if (!property) throw noSuchProperty(key);
    const entry = expectObject(raw, `${path}.${key}`);
    if (valueType(entry) !== property.type || !(property.type in entry)) {
      throw validationError(`${property.name} is expected to be ${property.type}.`);
    }
    return parseValue(property, entry[property.type], `${path}.${key}.${property.type}`);
  });
}

function resolveOptions(property: PropertySchema, refs: readonly OptionRef[]): SelectOption[] {
  property.options ??= [];
  const resolved: SelectOption[] = [];
  for (const ref of refs) {
    let option = "option" in ref ? ref.option : property.options.find((o) => o.name === ref.name);
    if (!option && "name" in ref) {
      option = newOption(ref.name, property.options);
      property.options.push(option);
    }
    if (option && !resolved.includes(option)) resolved.push(option);
  }
  return resolved;
}

/** Stores validated values on a row, adding any new select options to the schema. */
export function applyValues(row: RowRecord, drafts: readonly ValueDraft[]): void {
  for (const draft of drafts) {
    const { property } = draft;
    let value = draft.value;
    if (draft.options) {
      const chosen = resolveOptions(property, draft.options).map((o) => ({ id: o.id }));
      value = property.type === "select" ? (chosen[0] ?? null) : chosen;
    }
    row.values.set(property.id, { type: property.type, value });
  }
}

function emptyValue(type: PropertyType): unknown {
  if (type === "title" || type === "rich_text" || type === "multi_select") return [];
  return type === "checkbox" ? false : null;
}

function renderOption(property: PropertySchema, ref: unknown): unknown {
  const id = isRecord(ref) ? ref.id : undefined;
  const option = (property.options ?? []).find((o) => o.id === id);
  return option ? { id: option.id, name: option.name, color: option.color } : null;
}

/** One property value in response shape; options are looked up so renames show. */
export function renderValue(property: PropertySchema, row: RowRecord): Record<string, unknown> {
  const stored = row.values.get(property.id);
  let value =
    stored && stored.type === property.type ? structuredClone(stored.value) : emptyValue(property.type);
  if (property.type === "select" && value !== null) value = renderOption(property, value);
  if (property.type === "multi_select" && Array.isArray(value)) {
    value = value.map((ref) => renderOption(property, ref)).filter((o) => o !== null);
  }
  return { id: property.id, type: property.type, [property.type]: value };
}

/** Every property of a row, keyed by name, as Notion returns them (empty ones included). */
export function renderValues(schema: readonly PropertySchema[], row: RowRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const property of schema) out[property.name] = renderValue(property, row);
  return out;
}
