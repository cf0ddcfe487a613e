/**
 * Notion as the knowledge base (API version 2025-09-03: a database holds data sources, rows are pages
 * whose parent is the data source). Findings are written one page each, found again by escalation id so a
 * retried write updates rather than duplicates; rows are read back incrementally by last-edited time into
 * the local store, which is all a war-room ever reads. Every request goes through a throttle of about
 * three per second, Notion's average limit; the SDK honours Retry-After on a 429.
 */
import { Client, LogLevel } from "@notionhq/client";
import pThrottle from "p-throttle";
import { ConfigError } from "../../src/errors.ts";
import type { Logger } from "../../src/logger.ts";
import { meteredFetch } from "../../src/metrics/metered-fetch.ts";
import { type Clock, systemClock } from "../../src/ports/clock.ts";
import type { KnowledgeBase } from "../../src/ports/knowledge-base.ts";
import type { Database } from "../../src/storage/database.ts";
import { listConfirmedKnowledge } from "../../src/storage/finding-store.ts";
import { listKnowledgeItems } from "../../src/storage/knowledge-item-store.ts";
import { createDataSourceLocator } from "./locate-data-source.ts";
import { toNotionError } from "./notion-errors.ts";
import { refreshKnowledge } from "./refresh-knowledge.ts";
import { writeFindingPage } from "./write-finding-page.ts";

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

export const NOTION_VERSION = "2025-09-03";
const SOURCE = "notion";

function createClient(config: NotionAdapterConfig): Client {
  const throttle = pThrottle({ limit: config.requestsPerSecond ?? 3, interval: 1000 });
  const log = config.logger.child({ system: "notion" });
  const metered = meteredFetch("notion");
  return new Client({
    auth: config.token,
    ...(config.apiUrl ? { baseUrl: config.apiUrl.replace(/\/$/, "") } : {}),
    notionVersion: NOTION_VERSION,
    fetch: throttle((url: string, init?: RequestInit) => metered(url, init)),
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

  const locate = createDataSourceLocator(client, db, config, logger);
  return {
    name: "Notion knowledge base",
    async verify() {
      const source = await locate();
      return { dataSourceId: source.id, created: source.created };
    },
    async writeFinding(finding) {
      try {
        return await writeFindingPage(client, db, await locate(), finding);
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
