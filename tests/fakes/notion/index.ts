/**
 * A fake Notion API (version 2025-09-03: databases hold data sources) on 127.0.0.1 for the real
 * `@notionhq/client`: `new Client({ auth: fake.token, baseUrl: fake.url })`. It keeps shared pages,
 * databases, data sources, rows and their blocks in memory; checks bodies against the schema and Notion's
 * size limits with Notion's error shapes and messages; rate-limits like Notion (429 + Retry-After); and can
 * fail on cue, go down, add latency and move its clock. Tests read what the app did through `calls`,
 * `rows()` and `pageText()`.
 */
import type { Server } from "node:http";
import { blockTree, type FakeNotionBlock, pageText } from "./block-tree.ts";
import { createDatabase } from "./database-routes.ts";
import { createNotionServer, type HttpControls } from "./notion-http.ts";
import { requireDataSource } from "./notion-objects.ts";
import {
  createState,
  type FakeNotionCall,
  type NotionState,
  newId,
  normalizeId,
  timestamp,
} from "./notion-state.ts";
import { createRow, editRow } from "./page-routes.ts";
import { parseSchema } from "./property-schema.ts";
import { renderValues } from "./property-values.ts";
import {
  createFailureScript,
  createRateLimiter,
  DEFAULT_RATE_LIMIT,
  type RateLimitOption,
  type ScriptedFailure,
} from "./rate-limit.ts";
import { textItems } from "./rich-text.ts";

export type { FakeNotionBlock } from "./block-tree.ts";
export { BODY_LIMIT_BYTES, NOTION_VERSION } from "./notion-http.ts";
export type { FakeNotionCall } from "./notion-state.ts";
export { BOT_USER_ID } from "./notion-state.ts";
export type { RateLimitOption, ScriptedFailure } from "./rate-limit.ts";
export { BLOCK_LIMITS, BLOCK_TYPES } from "./validate-blocks.ts";

/** The shared page databases go under unless a test says otherwise ("Escalations"). */
export const FAKE_NOTION_PARENT_PAGE_ID = "0f3c7a2e-5b1d-4c8e-9a6f-2d4b8e1c7a90";

/** The integration token the fake accepts by default. */
export const FAKE_NOTION_TOKEN = "ntn_fake_token";

/** An existing database to start with: one data source, its schema and optionally rows. */
export interface FakeNotionDatabaseSeed {
  id?: string;
  dataSourceId?: string;
  title: string;
  /** Default {@link FAKE_NOTION_PARENT_PAGE_ID}; must be one of the fake's pages. */
  parentPageId?: string;
  /** Property configurations as Notion takes them, e.g. `{ Name: { title: {} } }`. */
  properties: Record<string, unknown>;
  /** Property values as `pages.create` takes them. */
  rows?: { properties: Record<string, unknown> }[];
}

/** How to start the fake; everything has a default. */
export interface FakeNotionOptions {
  /** The integration token accepted (default "ntn_fake_token"). */
  token?: string;
  /** Pages the integration can see, which can parent a new database (default one page "Escalations" with id {@link FAKE_NOTION_PARENT_PAGE_ID}). */
  pages?: { id?: string; title: string }[];
  /** Existing databases, each with one data source, its property schema and optionally rows. */
  databases?: FakeNotionDatabaseSeed[];
  /** Average requests per second allowed (token bucket); `false` turns limiting off. Default { perSecond: 3, burst: 10 }. */
  rateLimit?: RateLimitOption | false;
  /** Delay before every answer, for benchmarks. */
  latencyMs?: number;
}

/** A row as tests read it: properties in Notion's response shape and its live blocks, nested. */
export interface FakeNotionPage {
  id: string;
  dataSourceId: string;
  databaseId: string;
  createdTime: string;
  lastEditedTime: string;
  /** Archived (moved to the trash): such rows stay here but leave query results. */
  inTrash: boolean;
  properties: Record<string, unknown>;
  blocks: FakeNotionBlock[];
}

/** A running fake Notion. */
export interface FakeNotion {
  /** `http://127.0.0.1:<port>`: pass as `baseUrl` to the Client (the SDK appends /v1/). */
  url: string;
  token: string;
  /** Every request in order: method, path, status, error code when it failed, parsed JSON body. */
  readonly calls: FakeNotionCall[];
  /** Rows of a data source in creation order, trashed ones included (flagged); throws for an unknown id. */
  rows(dataSourceId: string): FakeNotionPage[];
  /** The (first) data source of a database. */
  dataSourceOf(databaseId: string): string | undefined;
  /** Plain text of a page's blocks, one line per block, children indented (see `pageText` in block-tree.ts). */
  pageText(pageId: string): string;
  /** Edits a row as a person would in Notion (validated like an API write; bumps last_edited_time). */
  editRow(pageId: string, properties: Record<string, unknown>): void;
  /** Makes the next call(s) fail with this status, Notion error code, message and Retry-After. */
  failNext(failure: ScriptedFailure): void;
  /** While down, every request answers 503 service_unavailable (a Notion outage). */
  setDown(down: boolean): void;
  setLatency(ms: number): void;
  /** Moves the fake's clock (created/last_edited times, rounded to the minute); default real time. */
  setNow(now: () => Date): void;
  close(): Promise<void>;
}

function seedId(raw: string | undefined, what: string): string {
  if (raw === undefined) return newId();
  const id = normalizeId(raw);
  if (!id) throw new Error(`fake notion: ${what} id ${raw} is not a UUID`);
  return id;
}

function seedDatabase(state: NotionState, seed: FakeNotionDatabaseSeed): void {
  const parentPageId = seedId(seed.parentPageId ?? FAKE_NOTION_PARENT_PAGE_ID, "parent page");
  if (!state.pages.has(parentPageId)) {
    throw new Error(
      `fake notion: database "${seed.title}" is under page ${parentPageId}, which is not in pages`,
    );
  }
  const database = createDatabase(state, {
    parentPageId,
    title: textItems(seed.title),
    schema: parseSchema(seed.properties, "properties"),
    id: seedId(seed.id, "database"),
    dataSourceId: seedId(seed.dataSourceId, "data source"),
  });
  const dataSource = requireDataSource(state, database.dataSourceIds[0] ?? "");
  for (const row of seed.rows ?? []) createRow(state, dataSource, row.properties);
}

function seedState(options: FakeNotionOptions): NotionState {
  const state = createState(options.token ?? FAKE_NOTION_TOKEN);
  const pages = options.pages ?? [{ id: FAKE_NOTION_PARENT_PAGE_ID, title: "Escalations" }];
  for (const page of pages) {
    const id = seedId(page.id, "page");
    state.pages.set(id, { id, title: page.title, createdTime: timestamp(state) });
  }
  for (const database of options.databases ?? []) seedDatabase(state, database);
  return state;
}

function rowsOf(state: NotionState, dataSourceId: string): FakeNotionPage[] {
  const dataSource = state.dataSources.get(normalizeId(dataSourceId) ?? dataSourceId);
  if (!dataSource) throw new Error(`fake notion: no data source ${dataSourceId}`);
  return dataSource.rowIds.flatMap((id) => {
    const row = state.rows.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        dataSourceId: dataSource.id,
        databaseId: dataSource.databaseId,
        createdTime: row.createdTime,
        lastEditedTime: row.lastEditedTime,
        inTrash: row.inTrash,
        properties: renderValues(dataSource.properties, row),
        blocks: blockTree(state, row.id),
      },
    ];
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // The SDK's fetch keeps sockets alive, which would hold close() open.
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function fakeNotion(
  state: NotionState,
  server: Server,
  controls: HttpControls,
  failNext: (f: ScriptedFailure) => void,
): FakeNotion {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const id = (raw: string) => normalizeId(raw) ?? raw;
  return {
    url: `http://127.0.0.1:${port}`,
    token: state.token,
    calls: state.calls,
    rows: (dataSourceId) => rowsOf(state, dataSourceId),
    dataSourceOf: (databaseId) => state.databases.get(id(databaseId))?.dataSourceIds[0],
    pageText: (pageId) => pageText(state, id(pageId)),
    editRow: (pageId, properties) => {
      const row = state.rows.get(id(pageId));
      if (!row) throw new Error(`fake notion: no row ${pageId}`);
      editRow(state, row, properties);
    },
    failNext,
    setDown: (down) => {
      controls.down.value = down;
    },
    setLatency: (ms) => {
      controls.latency.ms = ms;
    },
    setNow: (now) => {
      state.clock.now = now;
    },
    close: () => closeServer(server),
  };
}

/** Starts the fake Notion on a free port of 127.0.0.1. */
export async function startFakeNotion(options: FakeNotionOptions = {}): Promise<FakeNotion> {
  const state = seedState(options);
  const script = createFailureScript();
  const controls: HttpControls = {
    state,
    down: { value: false },
    latency: { ms: options.latencyMs ?? 0 },
    takeFailure: script.take,
    rateLimit: createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
  };
  const server = createNotionServer(controls);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return fakeNotion(state, server, controls, script.add);
}
