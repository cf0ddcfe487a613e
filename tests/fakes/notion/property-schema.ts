/**
 * Data source schemas: property configurations as Notion takes them (`{ "Category": { select: { options:
 * [{ name: "billing" }] } } }`), changes to them (add, rename, retype, delete) and the response shape
 * (`{ id, name, type, description, [type]: config }`, options with ids and colours).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { expectObject, expectString, failedValidation, isRecord, validationError } from "./notion-errors.ts";
import { PROPERTY_TYPES, type PropertySchema, type PropertyType, type SelectOption } from "./notion-state.ts";
import { parseColor } from "./rich-text.ts";

/** Colours handed to new options in turn (Notion picks one at random). */
const OPTION_COLORS = [
  "default",
  "gray",
  "brown",
  "orange",
  "yellow",
  "green",
  "blue",
  "purple",
  "pink",
  "red",
];

/** Notion's limit on an option name. */
const OPTION_NAME_LIMIT = 100;

function isPropertyType(value: unknown): value is PropertyType {
  return typeof value === "string" && (PROPERTY_TYPES as readonly string[]).includes(value);
}

/** The property a name or id refers to. */
export function findProperty(schema: readonly PropertySchema[], key: string): PropertySchema | undefined {
  return schema.find((p) => p.name === key) ?? schema.find((p) => p.id === key);
}

/** Notion's message for a property name that is not in the schema. */
export function noSuchProperty(name: string) {
  return validationError(`${name} is not a property that exists.`);
}

function configType(config: Record<string, unknown>, path: string): PropertyType | undefined {
  const keys = Object.keys(config).filter((k) => k !== "type" && k !== "name" && k !== "description");
  const type = config.type ?? keys[0];
  if (type === undefined) return undefined;
  if (!isPropertyType(type)) {
    throw failedValidation(path, `should be a ${PROPERTY_TYPES.join(", ")} property configuration`, config);
  }
  expectObject(config[type], `${path}.${type}`);
  return type;
}

/** A new option with a fresh id and the next colour. */
export function newOption(name: string, existing: readonly SelectOption[], color?: string): SelectOption {
  const fallback = OPTION_COLORS[existing.length % OPTION_COLORS.length] ?? "default";
  return { id: randomUUID(), name, color: color ?? fallback, description: null };
}

/** An option name from a request, within Notion's limits. */
export function parseOptionName(value: unknown, path: string): string {
  const name = expectString(value, path);
  if (name.length > OPTION_NAME_LIMIT) {
    throw failedValidation(`${path}.length`, `should be ≤ \`${OPTION_NAME_LIMIT}\``, name.length);
  }
  return name;
}

function mergeOptions(value: unknown, path: string, existing: readonly SelectOption[]): SelectOption[] {
  const out = existing.map((o) => ({ ...o }));
  if (value === undefined) return out;
  const list = value;
  if (!Array.isArray(list)) throw failedValidation(path, "should be an array", list);
  list.forEach((raw, index) => {
    const item = expectObject(raw, `${path}[${index}]`);
    const name = parseOptionName(item.name, `${path}[${index}].name`);
    const color = item.color === undefined ? undefined : parseColor(item.color, `${path}[${index}].color`);
    const known = out.find((o) => o.name === name || o.id === item.id);
    if (known) {
      known.name = name;
      if (color) known.color = color;
    } else out.push(newOption(name, out, color));
  });
  return out;
}

function shortId(taken: readonly PropertySchema[]): string {
  for (;;) {
    const id = randomBytes(3).toString("base64url");
    if (!taken.some((p) => p.id === id)) return id;
  }
}

function buildProperty(
  name: string,
  type: PropertyType,
  config: Record<string, unknown>,
  path: string,
  base: Pick<PropertySchema, "id"> & Partial<PropertySchema>,
): PropertySchema {
  const inner = isRecord(config[type]) ? config[type] : {};
  const description =
    typeof config.description === "string" ? config.description : (base.description ?? null);
  const property: PropertySchema = { id: base.id, name, type, description };
  if (type === "number") {
    property.numberFormat = typeof inner.format === "string" ? inner.format : (base.numberFormat ?? "number");
  }
  if (type === "select" || type === "multi_select") {
    property.options = mergeOptions(inner.options, `${path}.${type}.options`, base.options ?? []);
  }
  return property;
}

function checkOneTitle(schema: readonly PropertySchema[], path: string): void {
  const titles = schema.filter((p) => p.type === "title").length;
  // Notion's answer to a schema without a title (reported in makenotion/notion-sdk-js#239).
  if (titles === 0) throw validationError("Title is not provided");
  // Its wording for two titles is not documented; this states the rule in its validation style.
  if (titles > 1) throw failedValidation(path, "should have exactly one title property", titles);
}

/** A whole schema from a create request (`initial_data_source.properties`, `POST /data_sources`). */
export function parseSchema(value: unknown, path: string): PropertySchema[] {
  const config = expectObject(value, path);
  const schema: PropertySchema[] = [];
  for (const [name, raw] of Object.entries(config)) {
    const propertyPath = `${path}.${name}`;
    const entry = expectObject(raw, propertyPath);
    const type = configType(entry, propertyPath);
    if (!type) throw failedValidation(propertyPath, "should be a property configuration", entry);
    const id = type === "title" ? "title" : shortId(schema);
    schema.push(buildProperty(name, type, entry, propertyPath, { id }));
  }
  checkOneTitle(schema, path);
  return schema;
}

function patchOne(schema: PropertySchema[], key: string, raw: unknown, path: string): void {
  const existing = findProperty(schema, key);
  if (raw === null) {
    if (!existing) throw noSuchProperty(key);
    schema.splice(schema.indexOf(existing), 1);
    return;
  }
  const entry = expectObject(raw, path);
  const name = entry.name === undefined ? (existing?.name ?? key) : expectString(entry.name, `${path}.name`);
  if (schema.some((p) => p.name === name && p !== existing)) {
    throw validationError(`A property named ${name} already exists.`);
  }
  const type = configType(entry, path) ?? existing?.type;
  if (!type) throw noSuchProperty(key);
  // A rename or an option change keeps what the request does not mention; a new type starts afresh.
  const base = existing?.type === type ? existing : undefined;
  const id = existing?.id ?? (type === "title" ? "title" : shortId(schema));
  const updated = buildProperty(name, type, entry, path, { ...base, id });
  if (existing) schema.splice(schema.indexOf(existing), 1, updated);
  else schema.push(updated);
}

/**
 * A schema with a PATCH applied: `{ Name: { name: "New" } }` renames, `{ New: { rich_text: {} } }` adds,
 * `{ Old: null }` deletes, a different type key retypes, options merge. Returns a new array; the caller
 * swaps it in only when the whole request is valid.
 */
export function patchSchema(
  current: readonly PropertySchema[],
  value: unknown,
  path: string,
): PropertySchema[] {
  const changes = expectObject(value, path);
  const schema = current.map((p) => ({
    ...p,
    ...(p.options ? { options: p.options.map((o) => ({ ...o })) } : {}),
  }));
  for (const [key, raw] of Object.entries(changes)) patchOne(schema, key, raw, `${path}.${key}`);
  checkOneTitle(schema, path);
  return schema;
}

/** One property configuration in response shape. */
function renderConfig(property: PropertySchema): Record<string, unknown> {
  if (property.type === "number") return { format: property.numberFormat ?? "number" };
  if (property.type === "select" || property.type === "multi_select") {
    return { options: (property.options ?? []).map((o) => ({ ...o })) };
  }
  return {};
}

/** The `properties` of a data source response, keyed by name. */
export function renderSchema(schema: readonly PropertySchema[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const property of schema) {
    out[property.name] = {
      id: property.id,
      name: property.name,
      type: property.type,
      description: property.description,
      [property.type]: renderConfig(property),
    };
  }
  return out;
}
