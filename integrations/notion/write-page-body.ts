/**
 * Writes a page's body within Notion's limits: at most 100 blocks per request (and well under the 500 KB
 * request cap), appended in order. A page that already has a body (a retried write) is compared with the
 * document: when what is there is the start of it, only the rest is appended; otherwise the body is
 * replaced.
 */
import {
  type AppendBlockChildrenParameters,
  type Client,
  collectPaginatedAPI,
  isFullBlock,
} from "@notionhq/client";
import { type BlockRequest, blockText, NOTION_LIMITS } from "./render-finding-page.ts";

/** Bytes of body per request, kept well below Notion's 500 KB. */
const MAX_BATCH_BYTES = 400_000;

/** Consecutive batches of at most 100 blocks and MAX_BATCH_BYTES each. */
export function batches(blocks: BlockRequest[]): BlockRequest[][] {
  const out: BlockRequest[][] = [];
  let current: BlockRequest[] = [];
  let bytes = 0;
  for (const block of blocks) {
    const size = Buffer.byteLength(JSON.stringify(block));
    if (
      current.length === NOTION_LIMITS.childrenPerRequest ||
      (bytes + size > MAX_BATCH_BYTES && current.length > 0)
    ) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(block);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The blocks a new page can be created with. */
export function firstBatch(blocks: BlockRequest[]): BlockRequest[] {
  return batches(blocks)[0] ?? [];
}

async function append(client: Client, pageId: string, blocks: BlockRequest[]): Promise<void> {
  for (const batch of batches(blocks))
    await client.blocks.children.append({
      block_id: pageId,
      children: batch as AppendBlockChildrenParameters["children"],
    });
}

/**
 * Makes the page's body equal `blocks`. `written` is how many leading blocks are known to be there (a page
 * just created with them); null means read the page to find out.
 */
export async function writePageBody(
  client: Client,
  pageId: string,
  blocks: BlockRequest[],
  written: number | null,
): Promise<void> {
  if (written !== null) return append(client, pageId, blocks.slice(written));
  const existing = (
    await collectPaginatedAPI(client.blocks.children.list, { block_id: pageId, page_size: 100 })
  ).filter(isFullBlock);
  const expected = blocks.map((b) => blockText(b));
  const isPrefix =
    existing.length <= expected.length &&
    existing.every((b, i) => blockText(b as unknown as Record<string, unknown>) === expected[i]);
  if (isPrefix) return append(client, pageId, blocks.slice(existing.length));
  for (const block of existing) await client.blocks.delete({ block_id: block.id });
  await append(client, pageId, blocks);
}
