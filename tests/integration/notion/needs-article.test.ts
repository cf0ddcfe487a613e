/**
 * The "Needs article" checkbox through the real @notionhq/client against the fake Notion: a new database
 * has it; an existing one from before it gets it added by a data source update (and one whose schema the
 * integration may not edit gets a message naming the property); a finding without a matching article is
 * ticked, so the knowledge team can filter for it.
 */
import { Client } from "@notionhq/client";
import { afterEach, describe, expect, it } from "vitest";
import { createNotionAdapter, type NotionAdapter } from "../../../integrations/notion/index.ts";
import { newDatabaseProperties, PROPS } from "../../../integrations/notion/kb-schema.ts";
import { NOTION_VERSION } from "../../../integrations/notion/notion-knowledge-base.ts";
import { ConfigError } from "../../../src/errors.ts";
import { registry } from "../../../src/metrics/metrics.ts";
import type { Database } from "../../../src/storage/database.ts";
import {
  FAKE_NOTION_PARENT_PAGE_ID,
  type FakeNotion,
  type FakeNotionOptions,
  startFakeNotion,
} from "../../fakes/notion/index.ts";
import { backends, type TestDatabase, testLogger } from "../../support/databases.ts";
import { findingDocument } from "../../support/finding-document.ts";

const [pglite] = backends;
const OLD_SOURCE = "1c2d3e4f-0000-4000-8000-0000000000aa";
let notion: FakeNotion;
let testDb: TestDatabase;
let db: Database;

afterEach(async () => {
  await db?.close();
  await testDb?.dispose();
  await notion?.close();
});

async function setUp(options: FakeNotionOptions = {}): Promise<void> {
  notion = await startFakeNotion(options);
  testDb = await pglite!.create();
  db = await testDb.open();
}

const adapter = (dataSourceId?: string): NotionAdapter =>
  createNotionAdapter({
    token: notion.token,
    ...(dataSourceId ? { dataSourceId } : { parentPageId: FAKE_NOTION_PARENT_PAGE_ID }),
    apiUrl: notion.url,
    db,
    logger: testLogger,
  });

/** Notion calls answered, as GET /metrics counts them in this process. */
const notionCalls = async () =>
  Number(
    /^warroom_external_calls_total\{system="notion",outcome="ok"\} (\d+)$/m.exec(
      await registry.metrics(),
    )?.[1] ?? 0,
  );

/** The schema warroom created before "Needs article" existed. */
function oldSchema(): FakeNotionOptions {
  const { [PROPS.needsArticle]: _added, ...properties } = newDatabaseProperties();
  return { databases: [{ dataSourceId: OLD_SOURCE, title: "Escalation findings", properties }] };
}

/** Rows a person filtering the database for "Needs article" sees, by escalation id. */
async function needingArticles(dataSourceId: string): Promise<string[]> {
  const client = new Client({ auth: notion.token, baseUrl: notion.url, notionVersion: NOTION_VERSION });
  const result = await client.dataSources.query({
    data_source_id: dataSourceId,
    filter: { property: PROPS.needsArticle, checkbox: { equals: true } },
  });
  return result.results.map((page) => {
    const prop = (page as { properties: Record<string, { rich_text?: { plain_text: string }[] }> })
      .properties[PROPS.escalation];
    return prop?.rich_text?.map((t) => t.plain_text).join("") ?? "";
  });
}

describe("Needs article in Notion", () => {
  it("ticks findings without a matching article in a database warroom creates, for people to filter", async () => {
    await setUp();
    const kb = adapter();
    await kb.writeFinding(findingDocument({ escalationId: "WR-2026-0001", needsArticle: true }));
    await kb.writeFinding(findingDocument({ escalationId: "WR-2026-0002", needsArticle: false }));
    await kb.writeFinding(findingDocument({ escalationId: "WR-2026-0003", needsArticle: null }));
    expect(await needingArticles((await kb.verify()).dataSourceId)).toEqual(["WR-2026-0001"]);
  });

  it("adds the checkbox to an existing database from before it, by a data source update", async () => {
    await setUp(oldSchema());
    const kb = adapter(OLD_SOURCE);
    const before = await notionCalls();
    await kb.verify();
    // Each Notion request is counted for GET /metrics (the read of the schema and its update here).
    expect((await notionCalls()) - before).toBe(2);
    const updates = notion.calls.filter(
      (c) => c.method === "PATCH" && c.path === `/v1/data_sources/${OLD_SOURCE}`,
    );
    expect(updates).toHaveLength(1);
    await kb.writeFinding(findingDocument({ needsArticle: true }));
    expect(await needingArticles(OLD_SOURCE)).toEqual(["WR-2026-0001"]);
  });

  it("says which property to add when the integration may not change the database's schema", async () => {
    await setUp(oldSchema());
    notion.failNext({
      status: 403,
      code: "restricted_resource",
      method: "PATCH",
      path: /^\/v1\/data_sources\//,
    });
    const error = await adapter(OLD_SOURCE)
      .verify()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      `could not add "Needs article" (checkbox) to the Notion data source ${OLD_SOURCE}`,
    );
    expect((error as Error).message).toContain("Add it in Notion");
  });
});
