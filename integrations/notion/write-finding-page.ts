/**
 * Writes one finding as one page. The escalation is looked up before anything is created, so a retry
 * after a lost answer, or after a body cut short, completes the page the first try made. A new page carries
 * the first batch of its body; the rest is appended batch by batch. The written row goes straight into the
 * local copy, so the next war-room sees it without waiting for a refresh.
 */
import {
  type Client,
  type CreatePageParameters,
  isFullPage,
  type PageObjectResponse,
} from "@notionhq/client";
import type { FindingDocument, WrittenFinding } from "../../src/ports/knowledge-base.ts";
import type { Sql } from "../../src/storage/database.ts";
import { upsertKnowledgeItems } from "../../src/storage/knowledge-item-store.ts";
import { PROPS } from "./kb-schema.ts";
import type { LocatedDataSource } from "./locate-data-source.ts";
import { readFindingPage } from "./read-finding-page.ts";
import { findingBlocks, findingProperties } from "./render-finding-page.ts";
import { firstBatch, writePageBody } from "./write-page-body.ts";

async function findPage(
  client: Client,
  dataSourceId: string,
  escalationId: string,
): Promise<PageObjectResponse | null> {
  const found = await client.dataSources.query({
    data_source_id: dataSourceId,
    filter: { property: PROPS.escalation, rich_text: { equals: escalationId } },
    sorts: [{ timestamp: "created_time", direction: "ascending" }],
    page_size: 10,
  });
  return found.results.filter(isFullPage)[0] ?? null;
}

/** Creates or completes the finding's page in `source`. */
export async function writeFindingPage(
  client: Client,
  sql: Sql,
  source: LocatedDataSource,
  finding: FindingDocument,
): Promise<WrittenFinding> {
  const properties = findingProperties(finding, source.titleName) as CreatePageParameters["properties"];
  const blocks = findingBlocks(finding);
  const existing = await findPage(client, source.id, finding.escalationId);
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
    if (cached) await upsertKnowledgeItems(sql, "notion", [cached]);
  }
  return {
    ref: page.id,
    url: isFullPage(page) ? page.url : `https://www.notion.so/${page.id.replace(/-/g, "")}`,
  };
}
