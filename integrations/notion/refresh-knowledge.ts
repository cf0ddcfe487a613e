/**
 * Reads the knowledge base's rows into the local store: incrementally by last-edited time (Notion rounds
 * it to the minute, so each read starts at the last minute seen again; upserts make that harmless), and
 * once a day in full, which also drops rows deleted or archived in Notion.
 */
import { type Client, isFullPage, iteratePaginatedAPI } from "@notionhq/client";
import { getCursor, setCursor } from "../../src/storage/cursor-store.ts";
import type { Sql } from "../../src/storage/database.ts";
import {
  type CachedKnowledgeItem,
  removeKnowledgeItemsExcept,
  upsertKnowledgeItems,
} from "../../src/storage/knowledge-item-store.ts";
import { readFindingPage } from "./read-finding-page.ts";

const SOURCE = "notion";
const FULL_READ_EVERY_MS = 24 * 3600_000;

interface RefreshState {
  /** The newest last_edited_time read. */
  editedSince: string | null;
  /** When the last full read finished. */
  fullAt: string | null;
}

/** Refreshes the local copy of a data source's rows; returns how many changed and how many went. */
export async function refreshKnowledge(
  client: Client,
  sql: Sql,
  dataSourceId: string,
  now: Date = new Date(),
): Promise<{ updated: number; removed: number }> {
  const cursor = `notion:kb-refresh:${dataSourceId}`;
  const saved = await getCursor(sql, cursor);
  const state: RefreshState = saved ? JSON.parse(saved) : { editedSince: null, fullAt: null };
  const full =
    !state.fullAt || !state.editedSince || now.getTime() - Date.parse(state.fullAt) > FULL_READ_EVERY_MS;
  const rows = iteratePaginatedAPI(client.dataSources.query, {
    data_source_id: dataSourceId,
    ...(full
      ? {}
      : {
          filter: {
            timestamp: "last_edited_time",
            last_edited_time: { on_or_after: state.editedSince ?? "" },
          },
        }),
    sorts: [{ timestamp: "last_edited_time", direction: "ascending" }],
    page_size: 100,
  });
  const seen: string[] = [];
  let batch: CachedKnowledgeItem[] = [];
  let updated = 0;
  let editedSince = state.editedSince;
  for await (const row of rows) {
    if (!isFullPage(row)) continue;
    if (!editedSince || row.last_edited_time > editedSince) editedSince = row.last_edited_time;
    const item = readFindingPage(row);
    // A row that is no longer a finding (its category cleared) counts as gone at the next full read.
    if (!item) continue;
    seen.push(row.id);
    batch.push(item);
    if (batch.length === 100) {
      await upsertKnowledgeItems(sql, SOURCE, batch);
      updated += batch.length;
      batch = [];
    }
  }
  await upsertKnowledgeItems(sql, SOURCE, batch);
  updated += batch.length;
  const removed = full ? await removeKnowledgeItemsExcept(sql, SOURCE, seen) : 0;
  const next: RefreshState = { editedSince, fullAt: full ? now.toISOString() : state.fullAt };
  await setCursor(sql, cursor, JSON.stringify(next));
  return { updated, removed };
}
