/**
 * Notion's objects in response shape (page, database, data source) and the look-ups every route makes:
 * an id that is not a UUID is a 400, an unknown one a 404, as in Notion.
 */
import { failedValidation, notFound } from "./notion-errors.ts";
import {
  type BlockRecord,
  BOT_USER_ID,
  type DatabaseRecord,
  type DataSourceRecord,
  type NotionState,
  normalizeId,
  notionUrl,
  type ParentPageRecord,
  type RowRecord,
} from "./notion-state.ts";
import { renderSchema } from "./property-schema.ts";
import { renderValues } from "./property-values.ts";
import { plainText, textItems } from "./rich-text.ts";

const BOT = { object: "user", id: BOT_USER_ID };

/** An id in a URL path, or Notion's `path failed validation` refusal. */
export function pathId(raw: string | undefined, name: string): string {
  const id = normalizeId(raw);
  if (!id) throw failedValidation(`path.${name}`, "should be a valid uuid", raw);
  return id;
}

/** An id in a request body, or Notion's `body failed validation` refusal. */
export function bodyId(raw: unknown, path: string): string {
  const id = normalizeId(raw);
  if (!id)
    throw failedValidation(path, raw === undefined ? "should be defined" : "should be a valid uuid", raw);
  return id;
}

/** A database by id, or a 404. */
export function requireDatabase(state: NotionState, id: string): DatabaseRecord {
  const database = state.databases.get(id);
  if (!database) throw notFound("database", id);
  return database;
}

/** A data source by id, or a 404. */
export function requireDataSource(state: NotionState, id: string): DataSourceRecord {
  const dataSource = state.dataSources.get(id);
  if (!dataSource) throw notFound("data_source", id);
  return dataSource;
}

/** A row (page in a data source) by id, or a 404. */
export function requireRow(state: NotionState, id: string): RowRecord {
  const row = state.rows.get(id);
  if (!row) throw notFound("page", id);
  return row;
}

/** What can hold blocks: a row, a shared page or a (live) block. */
export type BlockContainer =
  | { kind: "row"; row: RowRecord }
  | { kind: "page"; page: ParentPageRecord }
  | { kind: "block"; block: BlockRecord };

/** The page or block an id names, or a 404. */
export function requireContainer(state: NotionState, id: string): BlockContainer {
  const row = state.rows.get(id);
  if (row) return { kind: "row", row };
  const page = state.pages.get(id);
  if (page) return { kind: "page", page };
  const block = state.blocks.get(id);
  if (block) return { kind: "block", block };
  throw notFound("block", id);
}

/** A row in Notion's page shape. */
export function renderPage(state: NotionState, row: RowRecord): Record<string, unknown> {
  const dataSource = requireDataSource(state, row.dataSourceId);
  return {
    object: "page",
    id: row.id,
    created_time: row.createdTime,
    last_edited_time: row.lastEditedTime,
    created_by: BOT,
    last_edited_by: BOT,
    cover: null,
    icon: null,
    parent: { type: "data_source_id", data_source_id: dataSource.id, database_id: dataSource.databaseId },
    archived: row.inTrash,
    in_trash: row.inTrash,
    is_locked: false,
    properties: renderValues(dataSource.properties, row),
    url: notionUrl(row.id),
    public_url: null,
  };
}

/** A shared page (not a row) in Notion's page shape: a workspace page with only a title. */
export function renderParentPage(page: ParentPageRecord): Record<string, unknown> {
  return {
    object: "page",
    id: page.id,
    created_time: page.createdTime,
    last_edited_time: page.createdTime,
    created_by: BOT,
    last_edited_by: BOT,
    cover: null,
    icon: null,
    parent: { type: "workspace", workspace: true },
    archived: false,
    in_trash: false,
    is_locked: false,
    properties: { title: { id: "title", type: "title", title: textItems(page.title) } },
    url: notionUrl(page.id),
    public_url: null,
  };
}

/** A database in the 2025-09-03 shape: a container listing its data sources, no properties. */
export function renderDatabase(state: NotionState, database: DatabaseRecord): Record<string, unknown> {
  return {
    object: "database",
    id: database.id,
    title: structuredClone(database.title),
    description: [],
    parent: { type: "page_id", page_id: database.parentPageId },
    is_inline: false,
    in_trash: false,
    archived: false,
    is_locked: false,
    created_time: database.createdTime,
    last_edited_time: database.lastEditedTime,
    data_sources: database.dataSourceIds.map((id) => ({
      id,
      name: plainText(requireDataSource(state, id).title),
    })),
    icon: null,
    cover: null,
    url: notionUrl(database.id),
    public_url: null,
  };
}

/** A data source: its schema, keyed by property name. */
export function renderDataSource(state: NotionState, dataSource: DataSourceRecord): Record<string, unknown> {
  const database = requireDatabase(state, dataSource.databaseId);
  return {
    object: "data_source",
    id: dataSource.id,
    title: structuredClone(dataSource.title),
    description: [],
    parent: { type: "database_id", database_id: database.id },
    database_parent: { type: "page_id", page_id: database.parentPageId },
    is_inline: false,
    in_trash: false,
    archived: false,
    created_time: dataSource.createdTime,
    last_edited_time: dataSource.lastEditedTime,
    created_by: BOT,
    last_edited_by: BOT,
    properties: renderSchema(dataSource.properties),
    icon: null,
    cover: null,
    url: notionUrl(dataSource.id),
    public_url: null,
  };
}
