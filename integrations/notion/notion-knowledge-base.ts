/**
 * Notion as the knowledge base (API version 2025-09-03: a database holds data sources, rows are pages
 * whose parent is the data source). Findings are written one page each, found again by escalation id so a
 * retried write updates rather than duplicates; rows are read back incrementally by last-edited time into
 * the local store, which is all a war-room ever reads. Every request goes through a throttle of about
 * three per second, Notion's average limit; the SDK honours Retry-After on a 429.
 */
import {
  Client,
  type CreatePageParameters,
  isFullPage,
  LogLevel,
  type PageObjectResponse,
} from "@notionhq/client";
import pThrottle from "p-throttle";
import { ConfigError } from "../../src/errors.ts";
import type { Logger } from "../../src/logger.ts";
import { type Clock, systemClock } from "../../src/ports/clock.ts";
import type { FindingDocument, KnowledgeBase, WrittenFinding } from "../../src/ports/knowledge-base.ts";
import { getCursor, setCursor } from "../../src/storage/cursor-store.ts";
import type { Database } from "../../src/storage/database.ts";
import { listConfirmedKnowledge } from "../../src/storage/finding-store.ts";
import { listKnowledgeItems, upsertKnowledgeItems } from "../../src/storage/knowledge-item-store.ts";
import { checkSchema, DEFAULT_TITLE, newDatabaseProperties, PROPS } from "./kb-schema.ts";
import { toNotionError } from "./notion-errors.ts";
import { readFindingPage } from "./read-finding-page.ts";
import { refreshKnowledge } from "./refresh-knowledge.ts";
import { findingBlocks, findingProperties } from "./render-finding-page.ts";
import { firstBatch, writePageBody } from "./write-page-body.ts";

/** Configuration of the Notion adapter. */
export interface NotionAdapterConfig {
  token: string;
  /** The data source that holds the knowledge base; or `parentPageId` to have one created. */
  dataSourceId?: string;
  parentPageId?: string;
  /** Base URL of the API (tests); Notion's by default. */
  apiUrl?: string;
  /** Where the knowledge base is cached and the created data source remembered. */
  db: Database;
  logger: Logger;
  /** Requests per second (default 3, Notion's average limit per integration). */
  requestsPerSecond?: number;
  /** SDK retries of 429/5xx per request (default 2); the outbox job retries beyond that. */
  maxRetries?: number;
  timeoutMs?: number;
  /** When "now" is, for the daily full read (tests move it). */
  clock?: Clock;
}

/** The Notion knowledge base. */
export interface NotionAdapter extends KnowledgeBase {
  /**
   * Finds (or creates, under the parent page) the data source and checks its schema. Throws a ConfigError
   * naming the missing properties when an existing data source lacks them.
   */
  verify(): Promise<{ dataSourceId: string; created: boolean }>;
  refresh(): Promise<{ updated: number; removed: number }>;
}

/** The data source in use and its title property's name. */
export interface LocatedDataSource {
  id: string;
  titleName: string;
  created: boolean;
}

export const NOTION_VERSION = "2025-09-03";
const SOURCE = "notion";

function createClient(config: NotionAdapterConfig): Client {
  const throttle = pThrottle({ limit: config.requestsPerSecond ?? 3, interval: 1000 });
  const log = config.logger.child({ system: "notion" });
  return new Client({
    auth: config.token,
    ...(config.apiUrl ? { baseUrl: config.apiUrl.replace(/\/$/, "") } : {}),
    notionVersion: NOTION_VERSION,
    fetch: throttle((url: string, init?: RequestInit) => fetch(url, init)),
    retry: { maxRetries: config.maxRetries ?? 2 },
    timeoutMs: config.timeoutMs ?? 60_000,
    logLevel: LogLevel.WARN,
    logger: (level, message, extra) =>
      level === LogLevel.ERROR ? log.error(extra, message) : log.warn(extra, message),
  });
}

/** Creates the adapter. Nothing is called until `verify`, a write or a refresh. */
export function createNotionAdapter(config: NotionAdapterConfig): NotionAdapter {
  const client = createClient(config);
  const { db } = config;
  const logger = config.logger.child({ system: "notion" });

  const check = async (id: string, created: boolean): Promise<LocatedDataSource> => {
    const source = await client.dataSources
      .retrieve({ data_source_id: id })
      .catch((e: unknown) => Promise.reject(toNotionError(e, `reading data source ${id}`)));
    const { titleName, problems } = checkSchema(source.properties);
    if (problems.length > 0)
      throw new ConfigError(
        `The Notion data source ${id} lacks what the knowledge base needs: ${problems.join("; ")}. Add these properties in Notion, or set NOTION_KB_PARENT_PAGE_ID (and unset NOTION_KB_DATA_SOURCE_ID) to have warroom create a database with the right schema.`,
      );
    return { id, titleName, created };
  };

  const create = async (parentPageId: string): Promise<LocatedDataSource> => {
    const cursor = `notion:kb-data-source:${parentPageId}`;
    // Replicas starting together create one database: the first under the lock, the rest read its id.
    return db.withLock(cursor, async () => {
      const known = await getCursor(db, cursor);
      if (known) return check(known, false);
      const database = await client.databases
        .create({
          parent: { type: "page_id", page_id: parentPageId },
          title: [{ type: "text", text: { content: "Escalation findings" } }],
          initial_data_source: { properties: newDatabaseProperties() as never },
        })
        .catch((e: unknown) =>
          Promise.reject(toNotionError(e, `creating the database under page ${parentPageId}`)),
        );
      const id = "data_sources" in database ? database.data_sources[0]?.id : undefined;
      if (!id) throw new ConfigError(`Notion created database ${database.id} without a data source`);
      await setCursor(db, cursor, id);
      logger.info(
        { dataSourceId: id },
        `created the knowledge base in Notion; NOTION_KB_DATA_SOURCE_ID=${id} pins it`,
      );
      return { id, titleName: DEFAULT_TITLE, created: true };
    });
  };

  let located: Promise<LocatedDataSource> | null = null;
  const locate = () => {
    located ??= (
      config.dataSourceId ? check(config.dataSourceId, false) : create(config.parentPageId ?? "")
    ).catch((error: unknown) => {
      located = null; // the next call tries again (Notion back, schema fixed)
      throw error;
    });
    return located;
  };

  const findPage = async (dataSourceId: string, escalationId: string): Promise<PageObjectResponse | null> => {
    const found = await client.dataSources.query({
      data_source_id: dataSourceId,
      filter: { property: PROPS.escalation, rich_text: { equals: escalationId } },
      sorts: [{ timestamp: "created_time", direction: "ascending" }],
      page_size: 10,
    });
    return found.results.filter(isFullPage)[0] ?? null;
  };

  const write = async (finding: FindingDocument): Promise<WrittenFinding> => {
    const source = await locate();
    const properties = findingProperties(finding, source.titleName) as CreatePageParameters["properties"];
    const blocks = findingBlocks(finding);
    // Looked up before creating: a retry after a lost answer finds the page the first try made.
    const existing = await findPage(source.id, finding.escalationId);
    // A new page carries the first batch of its body; the rest is appended batch by batch.
    const first = firstBatch(blocks);
    const page = existing
      ? await client.pages.update({ page_id: existing.id, properties })
      : await client.pages.create({
          parent: { type: "data_source_id", data_source_id: source.id },
          properties,
          children: first as CreatePageParameters["children"],
        });
    await writePageBody(client, page.id, blocks, existing ? null : first.length);
    if (isFullPage(page)) {
      const cached = readFindingPage(page);
      if (cached) await upsertKnowledgeItems(db, SOURCE, [cached]);
    }
    return {
      ref: page.id,
      url: isFullPage(page) ? page.url : `https://www.notion.so/${page.id.replace(/-/g, "")}`,
    };
  };

  return {
    name: "Notion knowledge base",
    async verify() {
      const source = await locate();
      return { dataSourceId: source.id, created: source.created };
    },
    async writeFinding(finding) {
      try {
        return await write(finding);
      } catch (error) {
        throw error instanceof ConfigError
          ? error
          : toNotionError(error, `writing the finding of ${finding.escalationId}`);
      }
    },
    async listFindings(limit) {
      const cached = await listKnowledgeItems(db, SOURCE);
      const synced = cached.map((c) => c.escalationId).filter((id): id is string => id !== null);
      // Confirmed here but not yet in Notion (or Notion is down): they count already.
      const pending = await listConfirmedKnowledge(db, synced);
      const all = [...cached.map((c) => c.item), ...pending].sort((a, b) =>
        (b.validatedAt ?? "").localeCompare(a.validatedAt ?? ""),
      );
      return all.slice(0, limit ?? all.length);
    },
    async refresh() {
      try {
        return await refreshKnowledge(client, db, (await locate()).id, (config.clock ?? systemClock).now());
      } catch (error) {
        throw error instanceof ConfigError ? error : toNotionError(error, "reading the knowledge base");
      }
    },
  };
}
