/**
 * Findings read from an external knowledge base, kept locally (see migration 0003): refreshed
 * incrementally, read by every war-room without a remote call.
 */
import type { KnowledgeItem } from "../domain/case-bundle.ts";
import type { Sql } from "./database.ts";

/** One cached knowledge-base entry. */
export interface CachedKnowledgeItem {
  /** The knowledge base's id of the entry. */
  id: string;
  escalationId: string | null;
  item: KnowledgeItem;
  editedAt: Date;
}

/** Inserts or replaces entries. */
export async function upsertKnowledgeItems(
  sql: Sql,
  source: string,
  items: CachedKnowledgeItem[],
): Promise<void> {
  if (items.length === 0) return;
  await sql.query(
    `INSERT INTO knowledge_items (id, source, escalation_id, item, edited_at)
     SELECT k->>'id', $2, k->>'escalationId', k->'item', (k->>'editedAt')::timestamptz
     FROM jsonb_array_elements($1::jsonb) AS k
     ON CONFLICT (id) DO UPDATE SET escalation_id = excluded.escalation_id, item = excluded.item,
       edited_at = excluded.edited_at, fetched_at = now()`,
    [JSON.stringify(items), source],
  );
}

/** Deletes the entries of `source` not in `keep` (after a full read); returns how many went. */
export async function removeKnowledgeItemsExcept(sql: Sql, source: string, keep: string[]): Promise<number> {
  const rows = await sql.query(
    "DELETE FROM knowledge_items WHERE source = $1 AND NOT (id = ANY($2::text[])) RETURNING 1",
    [source, keep],
  );
  return rows.length;
}

/** Every cached entry of `source`, most recently edited first. */
export async function listKnowledgeItems(
  sql: Sql,
  source: string,
): Promise<{ escalationId: string | null; item: KnowledgeItem }[]> {
  const rows = await sql.query<{ escalation_id: string | null; item: KnowledgeItem }>(
    "SELECT escalation_id, item FROM knowledge_items WHERE source = $1 ORDER BY edited_at DESC, id",
    [source],
  );
  return rows.map((r) => ({ escalationId: r.escalation_id, item: r.item }));
}
