/**
 * The fake Notion workspace in memory: shared pages, databases and their data sources, rows (pages in a
 * data source), blocks, the recorded traffic and the clock. Ids are UUIDs, as Notion's are.
 */
import { randomUUID } from "node:crypto";
import type { RichTextItem } from "./rich-text.ts";

/** The property types the fake models (the ones the knowledge base writes and reads). */
export const PROPERTY_TYPES = [
  "title",
  "rich_text",
  "number",
  "select",
  "multi_select",
  "date",
  "url",
  "checkbox",
] as const;

/** One of {@link PROPERTY_TYPES}. */
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/** A select or multi-select option. */
export interface SelectOption {
  id: string;
  name: string;
  color: string;
  description: string | null;
}

/** One column of a data source. Values are stored by property id, so a rename keeps them. */
export interface PropertySchema {
  id: string;
  name: string;
  type: PropertyType;
  description: string | null;
  /** Number properties only. */
  numberFormat?: string;
  /** Select and multi-select properties only, in the order Notion shows (and sorts) them. */
  options?: SelectOption[];
}

/** A page the integration can see that is not a row: a place to create databases under. */
export interface ParentPageRecord {
  id: string;
  title: string;
  createdTime: string;
}

/** A database: a container of data sources. */
export interface DatabaseRecord {
  id: string;
  title: RichTextItem[];
  parentPageId: string;
  createdTime: string;
  lastEditedTime: string;
  dataSourceIds: string[];
}

/** A data source: a schema and its rows. */
export interface DataSourceRecord {
  id: string;
  databaseId: string;
  title: RichTextItem[];
  properties: PropertySchema[];
  createdTime: string;
  lastEditedTime: string;
  rowIds: string[];
}

/** A property value as stored: the type it was written as and its response-shaped value. */
export interface StoredValue {
  type: PropertyType;
  value: unknown;
}

/** A row: a page whose parent is a data source. */
export interface RowRecord {
  id: string;
  dataSourceId: string;
  /** Creation order, to break ties between timestamps rounded to the minute. */
  sequence: number;
  createdTime: string;
  lastEditedTime: string;
  inTrash: boolean;
  values: Map<string, StoredValue>;
}

/** A block in a page (or nested in another block). */
export interface BlockRecord {
  id: string;
  parentId: string;
  parentKind: "page_id" | "block_id";
  type: string;
  /** The response shape of `block[type]`. */
  content: Record<string, unknown>;
  createdTime: string;
  lastEditedTime: string;
  inTrash: boolean;
}

/** One request the fake received, whatever its outcome. */
export interface FakeNotionCall {
  method: string;
  /** The URL path, e.g. `/v1/data_sources/…/query`. */
  path: string;
  status: number;
  /** Notion's error code when the request failed. */
  code?: string;
  /** The parsed JSON body, when there was one. */
  body?: unknown;
  /** Query-string parameters, when there were any. */
  query?: Record<string, string>;
  /** When it arrived (ms since the epoch, real time). */
  at: number;
}

/** Everything the fake knows. */
export interface NotionState {
  token: string;
  pages: Map<string, ParentPageRecord>;
  databases: Map<string, DatabaseRecord>;
  dataSources: Map<string, DataSourceRecord>;
  rows: Map<string, RowRecord>;
  blocks: Map<string, BlockRecord>;
  /** Child block ids by page or block id, in order. */
  children: Map<string, string[]>;
  calls: FakeNotionCall[];
  clock: { now: () => Date };
  sequence: number;
}

/** The integration's bot user: every object the fake creates is created and edited by it. */
export const BOT_USER_ID = "5e8f2a1c-3b4d-4e6f-8a9b-0c1d2e3f4a5b";

/** An empty workspace. */
export function createState(token: string): NotionState {
  return {
    token,
    pages: new Map(),
    databases: new Map(),
    dataSources: new Map(),
    rows: new Map(),
    blocks: new Map(),
    children: new Map(),
    calls: [],
    clock: { now: () => new Date() },
    sequence: 0,
  };
}

/** A fresh Notion-style id (a dashed UUID). */
export function newId(): string {
  return randomUUID();
}

/** An id as Notion accepts it (32 hex digits, dashes optional), dashed and lower-case; or undefined. */
export function normalizeId(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const hex = raw.replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The fake clock's time as Notion reports timestamps: rounded down to the minute. Incremental sync has to
 * live with this (two edits in one minute share a last_edited_time), so the fake does the same.
 */
export function timestamp(state: NotionState): string {
  const ms = state.clock.now().getTime();
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
}

/** The next creation sequence number. */
export function nextSequence(state: NotionState): number {
  state.sequence += 1;
  return state.sequence;
}

/** The public link Notion gives an object: its id without dashes. */
export function notionUrl(id: string): string {
  return `https://www.notion.so/${id.replaceAll("-", "")}`;
}

/** The live (not trashed) child blocks of a page or block, in order. */
export function liveChildren(state: NotionState, parentId: string): BlockRecord[] {
  const ids = state.children.get(parentId) ?? [];
  return ids.map((id) => state.blocks.get(id)).filter((b): b is BlockRecord => b !== undefined && !b.inTrash);
}

/** Marks a row edited now (content or properties changed). */
export function touchRow(state: NotionState, row: RowRecord): void {
  row.lastEditedTime = timestamp(state);
}

/** The row a block lives in, following parents up; undefined for blocks of a non-row page. */
export function rowOfBlock(state: NotionState, block: BlockRecord): RowRecord | undefined {
  let current: BlockRecord | undefined = block;
  while (current && current.parentKind === "block_id") current = state.blocks.get(current.parentId);
  return current ? state.rows.get(current.parentId) : undefined;
}
