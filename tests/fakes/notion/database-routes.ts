/**
 * Databases and data sources (API 2025-09-03): create a database with its first data source, read both,
 * add a data source, change a schema, and query a data source's rows with filters, sorts and cursors.
 */
import { expectObject, failedValidation, notFound } from "./notion-errors.ts";
import {
  bodyId,
  pathId,
  renderDatabase,
  renderDataSource,
  renderPage,
  requireDatabase,
  requireDataSource,
} from "./notion-objects.ts";
import type { Route } from "./notion-routes.ts";
import {
  type DatabaseRecord,
  type DataSourceRecord,
  type NotionState,
  newId,
  type PropertySchema,
  type RowRecord,
  timestamp,
} from "./notion-state.ts";
import { listResponse, paginate, parsePageSize } from "./pagination.ts";
import { parseSchema, patchSchema } from "./property-schema.ts";
import { compileFilter } from "./query-filter.ts";
import { compileSorts } from "./query-sort.ts";
import { parseRichText, type RichTextItem } from "./rich-text.ts";

/** What a new database needs; ids are generated unless given (seeds use fixed ones). */
export interface NewDatabase {
  parentPageId: string;
  title: RichTextItem[];
  schema: PropertySchema[];
  id?: string;
  dataSourceId?: string;
}

/** Adds a data source to a database. */
export function addDataSource(
  state: NotionState,
  database: DatabaseRecord,
  fields: { title: RichTextItem[]; schema: PropertySchema[]; id?: string },
): DataSourceRecord {
  const now = timestamp(state);
  const dataSource: DataSourceRecord = {
    id: fields.id ?? newId(),
    databaseId: database.id,
    title: fields.title,
    properties: fields.schema,
    createdTime: now,
    lastEditedTime: now,
    rowIds: [],
  };
  state.dataSources.set(dataSource.id, dataSource);
  database.dataSourceIds.push(dataSource.id);
  return dataSource;
}

/** Creates a database and its first data source (named after the database, as Notion does). */
export function createDatabase(state: NotionState, fields: NewDatabase): DatabaseRecord {
  const now = timestamp(state);
  const database: DatabaseRecord = {
    id: fields.id ?? newId(),
    title: fields.title,
    parentPageId: fields.parentPageId,
    createdTime: now,
    lastEditedTime: now,
    dataSourceIds: [],
  };
  state.databases.set(database.id, database);
  addDataSource(state, database, {
    title: structuredClone(fields.title),
    schema: fields.schema,
    ...(fields.dataSourceId ? { id: fields.dataSourceId } : {}),
  });
  return database;
}

function optionalTitle(value: unknown, path: string): RichTextItem[] {
  return value === undefined ? [] : parseRichText(value, path);
}

const createDatabaseRoute: Route["handle"] = ({ state, body }) => {
  const parent = expectObject(body.parent, "body.parent");
  if (parent.type !== undefined && parent.type !== "page_id") {
    // Workspace-level databases need a public integration; the knowledge base always has a parent page.
    throw failedValidation(
      "body.parent.type",
      'should be "page_id" (the fake has no workspace parent)',
      parent.type,
    );
  }
  const pageId = bodyId(parent.page_id, "body.parent.page_id");
  if (!state.pages.has(pageId)) throw notFound("page", pageId);
  const title = optionalTitle(body.title, "body.title");
  const initial =
    body.initial_data_source === undefined
      ? {}
      : expectObject(body.initial_data_source, "body.initial_data_source");
  const schema =
    initial.properties === undefined
      ? parseSchema({ Name: { title: {} } }, "body.initial_data_source.properties")
      : parseSchema(initial.properties, "body.initial_data_source.properties");
  return renderDatabase(state, createDatabase(state, { parentPageId: pageId, title, schema }));
};

const createDataSourceRoute: Route["handle"] = ({ state, body }) => {
  const parent = expectObject(body.parent, "body.parent");
  const database = requireDatabase(state, bodyId(parent.database_id, "body.parent.database_id"));
  const schema = parseSchema(body.properties, "body.properties");
  const title = optionalTitle(body.title, "body.title");
  return renderDataSource(state, addDataSource(state, database, { title, schema }));
};

const updateDataSourceRoute: Route["handle"] = ({ state, params, body }) => {
  const dataSource = requireDataSource(state, pathId(params[0], "data_source_id"));
  const title = body.title === undefined ? undefined : parseRichText(body.title, "body.title");
  const schema =
    body.properties === undefined
      ? undefined
      : patchSchema(dataSource.properties, body.properties, "body.properties");
  if (title) dataSource.title = title;
  if (schema) dataSource.properties = schema;
  dataSource.lastEditedTime = timestamp(state);
  return renderDataSource(state, dataSource);
};

const queryRoute: Route["handle"] = ({ state, params, body }) => {
  const dataSource = requireDataSource(state, pathId(params[0], "data_source_id"));
  const keep = compileFilter(body.filter, dataSource.properties);
  const order = compileSorts(body.sorts, dataSource.properties);
  const size = parsePageSize(body.page_size, "body.page_size");
  const rows = dataSource.rowIds
    .map((id) => state.rows.get(id))
    .filter((row): row is RowRecord => row !== undefined && !row.inTrash && keep(row))
    .sort(order);
  const page = paginate(rows, body.start_cursor, size, "body.start_cursor");
  return listResponse(
    page.items.map((row) => renderPage(state, row)),
    page,
    "page_or_data_source",
  );
};

/** The database and data source endpoints. */
export const databaseRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/databases$/, handle: createDatabaseRoute },
  {
    method: "GET",
    pattern: /^\/v1\/databases\/([^/]+)$/,
    handle: ({ state, params }) =>
      renderDatabase(state, requireDatabase(state, pathId(params[0], "database_id"))),
  },
  { method: "POST", pattern: /^\/v1\/data_sources$/, handle: createDataSourceRoute },
  {
    method: "GET",
    pattern: /^\/v1\/data_sources\/([^/]+)$/,
    handle: ({ state, params }) =>
      renderDataSource(state, requireDataSource(state, pathId(params[0], "data_source_id"))),
  },
  { method: "PATCH", pattern: /^\/v1\/data_sources\/([^/]+)$/, handle: updateDataSourceRoute },
  { method: "POST", pattern: /^\/v1\/data_sources\/([^/]+)\/query$/, handle: queryRoute },
];
