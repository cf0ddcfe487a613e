/**
 * Pages: create a row in a data source (properties and children checked against the schema and Notion's
 * limits), read it, change its properties or move it to and from the trash.
 */
import { insertBlocks } from "./block-tree.ts";
import {
  archivedError,
  expectBoolean,
  expectObject,
  failedValidation,
  notFound,
  validationError,
} from "./notion-errors.ts";
import {
  bodyId,
  pathId,
  renderPage,
  renderParentPage,
  requireDatabase,
  requireDataSource,
  requireRow,
} from "./notion-objects.ts";
import type { Route } from "./notion-routes.ts";
import {
  type DataSourceRecord,
  type NotionState,
  newId,
  nextSequence,
  type RowRecord,
  timestamp,
  touchRow,
} from "./notion-state.ts";
import { applyValues, parsePropertyValues } from "./property-values.ts";
import { type BlockDraft, parseChildren } from "./validate-blocks.ts";

/** Adds a row with validated property values and blocks. */
export function createRow(
  state: NotionState,
  dataSource: DataSourceRecord,
  properties: unknown,
  children: BlockDraft[] = [],
): RowRecord {
  const drafts = parsePropertyValues(dataSource.properties, properties, "body.properties");
  const now = timestamp(state);
  const row: RowRecord = {
    id: newId(),
    dataSourceId: dataSource.id,
    sequence: nextSequence(state),
    createdTime: now,
    lastEditedTime: now,
    inTrash: false,
    values: new Map(),
  };
  applyValues(row, drafts);
  state.rows.set(row.id, row);
  dataSource.rowIds.push(row.id);
  insertBlocks(state, row.id, "page_id", children);
  return row;
}

/** Changes a row's properties (validated first, so a bad request changes nothing) and marks it edited. */
export function editRow(state: NotionState, row: RowRecord, properties: unknown): void {
  const dataSource = requireDataSource(state, row.dataSourceId);
  applyValues(row, parsePropertyValues(dataSource.properties, properties, "body.properties"));
  touchRow(state, row);
}

function targetDataSource(state: NotionState, value: unknown): DataSourceRecord {
  const parent = expectObject(value, "body.parent");
  if (parent.data_source_id !== undefined) {
    return requireDataSource(state, bodyId(parent.data_source_id, "body.parent.data_source_id"));
  }
  if (parent.database_id !== undefined) {
    const database = requireDatabase(state, bodyId(parent.database_id, "body.parent.database_id"));
    const [only, ...others] = database.dataSourceIds;
    if (!only || others.length > 0) {
      // From 2025-09-03 a database is a container; with several data sources the row's home is ambiguous.
      throw validationError(
        `Database ${database.id} has multiple data sources. Use a data_source_id parent to create a page in one of them.`,
      );
    }
    return requireDataSource(state, only);
  }
  throw failedValidation(
    "body.parent",
    "should name a data_source_id (the fake models rows, not free pages)",
    parent,
  );
}

const createPageRoute: Route["handle"] = ({ state, body }) => {
  const dataSource = targetDataSource(state, body.parent);
  // Validate everything before storing anything: a refused request leaves no half-made page.
  parsePropertyValues(dataSource.properties, body.properties, "body.properties");
  const children = body.children === undefined ? [] : parseChildren(body.children, "body.children");
  return renderPage(state, createRow(state, dataSource, body.properties, children));
};

const retrievePageRoute: Route["handle"] = ({ state, params }) => {
  const id = pathId(params[0], "page_id");
  const row = state.rows.get(id);
  if (row) return renderPage(state, row);
  const page = state.pages.get(id);
  if (page) return renderParentPage(page);
  throw notFound("page", id);
};

function trashFlag(body: Record<string, unknown>): boolean | undefined {
  // `archived` is the deprecated name of `in_trash`; both move a page to or from the trash.
  if (body.in_trash !== undefined) return expectBoolean(body.in_trash, "body.in_trash");
  if (body.archived !== undefined) return expectBoolean(body.archived, "body.archived");
  return undefined;
}

const updatePageRoute: Route["handle"] = ({ state, params, body }) => {
  const row = requireRow(state, pathId(params[0], "page_id"));
  const inTrash = trashFlag(body);
  if (row.inTrash && inTrash !== false) throw archivedError();
  const dataSource = requireDataSource(state, row.dataSourceId);
  const drafts = parsePropertyValues(dataSource.properties, body.properties, "body.properties");
  applyValues(row, drafts);
  if (inTrash !== undefined) row.inTrash = inTrash;
  if (drafts.length > 0 || inTrash !== undefined) touchRow(state, row);
  return renderPage(state, row);
};

/** The page endpoints. */
export const pageRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/pages$/, handle: createPageRoute },
  { method: "GET", pattern: /^\/v1\/pages\/([^/]+)$/, handle: retrievePageRoute },
  { method: "PATCH", pattern: /^\/v1\/pages\/([^/]+)$/, handle: updatePageRoute },
];
