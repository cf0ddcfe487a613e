/**
 * Notion as the knowledge base, through the real @notionhq/client against the fake Notion: the database
 * created once and its schema checked, findings written within Notion's limits and found again by
 * escalation id (a lost answer or an interrupted body never makes a second page), and rows read back.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createNotionAdapter, type NotionAdapter } from "../../../integrations/notion/index.ts";
import { ConfigError, IntegrationError, RateLimitedError } from "../../../src/errors.ts";
import type { Database } from "../../../src/storage/database.ts";
import {
  FAKE_NOTION_PARENT_PAGE_ID,
  type FakeNotion,
  type FakeNotionOptions,
  startFakeNotion,
} from "../../fakes/notion/index.ts";
import { backends, type TestDatabase, testLogger } from "../../support/databases.ts";
import { findingDocument } from "../../support/finding-document.ts";
import { type LossyProxy, startLossyProxy } from "../../support/lossy-proxy.ts";

const [pglite] = backends;
let notion: FakeNotion;
let proxy: LossyProxy | undefined;
let testDb: TestDatabase;
let db: Database;

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await db?.close();
  await testDb?.dispose();
  await notion?.close();
});

async function setUp(options: FakeNotionOptions = {}): Promise<void> {
  notion = await startFakeNotion(options);
  testDb = await pglite!.create();
  db = await testDb.open();
}

function adapter(overrides: Partial<Parameters<typeof createNotionAdapter>[0]> = {}): NotionAdapter {
  return createNotionAdapter({
    token: notion.token,
    parentPageId: FAKE_NOTION_PARENT_PAGE_ID,
    apiUrl: notion.url,
    db,
    logger: testLogger,
    ...overrides,
  });
}

const rowsOf = async (kb: NotionAdapter) =>
  notion.rows((await kb.verify()).dataSourceId).filter((r) => !r.inTrash);

describe("Notion knowledge base", () => {
  it("creates the database under the parent page once, and a second replica finds it", async () => {
    await setUp();
    const first = await adapter().verify();
    expect(first.created).toBe(true);
    const second = await adapter().verify();
    expect(second).toEqual({ dataSourceId: first.dataSourceId, created: false });
    expect(notion.calls.filter((c) => c.method === "POST" && c.path === "/v1/databases")).toHaveLength(1);
  });

  it("refuses an existing data source without the knowledge base's properties, naming them", async () => {
    await setUp({
      databases: [
        {
          dataSourceId: "1c2d3e4f-0000-4000-8000-000000000001",
          title: "Old KB",
          properties: { Name: { title: {} }, Category: { rich_text: {} } },
        },
      ],
    });
    const error = await adapter({
      dataSourceId: "1c2d3e4f-0000-4000-8000-000000000001",
      parentPageId: undefined,
    })
      .verify()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/"Category" is rich_text, expected select/);
    expect((error as Error).message).toMatch(/"Escalation" \(rich_text\) is missing/);
    expect((error as Error).message).toContain("NOTION_KB_PARENT_PAGE_ID");
  });

  it("writes a finding as one page: every property, and a body past 2,000 characters and 100 blocks", async () => {
    await setUp();
    const kb = adapter();
    const long = `The mapping broke. ${"Commission_Rate__c was renamed; ".repeat(150)}`;
    const factors = Array.from({ length: 150 }, (_, i) => `contributing factor ${i + 1}`);
    const followUps = [
      { number: 1, owner: "U01BOB000", text: "Re-run the commission sync", due: "2099-01-31", done: true },
      { number: 2, owner: "U01ALICE0", text: "Warn the customer before renames", due: null, done: false },
    ];
    const written = await kb.writeFinding(
      findingDocument({ rootCause: long, contributingFactors: factors, followUps }),
    );
    const [row, ...others] = await rowsOf(kb);
    expect(others).toEqual([]);
    expect(written).toEqual({ ref: row!.id, url: expect.stringContaining("notion.so") });
    const props = JSON.stringify(row!.properties);
    for (const value of [
      "WR-2026-0001",
      "Acme Corp",
      "customer_change",
      "external",
      "salesforce-sync",
      "2026-11-20",
    ])
      expect(props).toContain(value);
    const text = notion.pageText(row!.id);
    expect(text.replace(/\n/g, "")).toContain(long.trim().replace(/\n/g, ""));
    expect(text).toContain("contributing factor 150");
    expect(text).toContain("Our deploy broke it (product_defect) — rejected by U01BOB000: no deploy then");
    expect(text).toContain("#1 Re-run the commission sync — owner U01BOB000, due 2099-01-31, done");
    expect(text).toContain("#2 Warn the customer before renames — owner U01ALICE0, open");
    const appends = notion.calls.filter((c) => c.method === "PATCH" && c.path.endsWith("/children"));
    expect(appends.length).toBeGreaterThan(0);
    expect(notion.calls.every((c) => c.status < 400)).toBe(true);
  });

  it("updates the same page when the finding is written again", async () => {
    await setUp();
    const kb = adapter();
    await kb.writeFinding(findingDocument());
    const before = notion.pageText((await rowsOf(kb))[0]!.id);
    await kb.writeFinding(findingDocument({ title: "Renamed fields broke the mapping" }));
    const rows = await rowsOf(kb);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.properties)).toContain("Renamed fields broke the mapping");
    expect(notion.pageText(rows[0]!.id)).toBe(before);
  });

  it("finds the page a lost answer created instead of creating a second one", async () => {
    await setUp();
    proxy = await startLossyProxy(notion.url);
    const kb = adapter({ apiUrl: proxy.url });
    proxy.loseAnswers("POST", /^\/v1\/pages$/);
    const lost = await kb.writeFinding(findingDocument()).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(IntegrationError);
    expect(proxy.lost).toBe(1);
    await kb.writeFinding(findingDocument());
    const rows = await rowsOf(kb);
    expect(rows).toHaveLength(1);
    expect(notion.pageText(rows[0]!.id)).toContain("Rejected hypotheses");
  });

  it("completes a body whose appends were cut short, without repeating any block", async () => {
    await setUp();
    proxy = await startLossyProxy(notion.url);
    const kb = adapter({ apiUrl: proxy.url });
    const factors = Array.from({ length: 250 }, (_, i) => `factor ${i + 1}`);
    const document = findingDocument({ contributingFactors: factors });
    // The second batch of the body reaches Notion, but its answer is lost: the write fails after it landed.
    proxy.loseAnswers("PATCH", /\/children$/, 1);
    await expect(kb.writeFinding(document)).rejects.toBeInstanceOf(IntegrationError);
    await kb.writeFinding(document);
    const rows = await rowsOf(kb);
    expect(rows).toHaveLength(1);
    const text = notion.pageText(rows[0]!.id);
    for (const n of [1, 99, 100, 101, 199, 250]) expect(text.split(`factor ${n}\n`)).toHaveLength(2);
    expect(text.trimEnd().endsWith("no deploy then")).toBe(true);
  });

  it("waits out a 429 as Retry-After says, and reports a rate limit that outlasts the retries", async () => {
    await setUp();
    const kb = adapter();
    await kb.verify();
    notion.failNext({ status: 429, code: "rate_limited", retryAfter: 1, times: 1 });
    await kb.writeFinding(findingDocument());
    expect(notion.calls.filter((c) => c.status === 429)).toHaveLength(1);
    notion.failNext({ status: 429, code: "rate_limited", retryAfter: 2, times: 5 });
    const limited = await adapter({ maxRetries: 0 })
      .writeFinding(findingDocument({ escalationId: "WR-2026-0002" }))
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(2000);
  });

  it("reads rows back into the local store: people's own rows, edits, and rows removed in Notion", async () => {
    await setUp();
    let now = new Date("2026-11-20T12:00:00Z");
    const kb = adapter({ clock: { now: () => now } });
    await kb.writeFinding(findingDocument());
    const dataSourceId = (await kb.verify()).dataSourceId;
    expect(await kb.refresh()).toMatchObject({ updated: 1 });
    // Someone adds a finding by hand in Notion, and another row that has no category.
    const manual = await createNotionAdapter({
      token: notion.token,
      dataSourceId,
      apiUrl: notion.url,
      db,
      logger: testLogger,
    }).writeFinding(
      findingDocument({ escalationId: "WR-2026-0099", title: "Hand-written: SSO cert rollover" }),
    );
    await kb.refresh();
    const ids = (await kb.listFindings()).map((k) => k.id);
    expect(ids).toEqual(expect.arrayContaining(["F-WR-2026-0001", "F-WR-2026-0099"]));
    notion.editRow(manual.ref, { Category: { select: { name: "third_party" } } });
    await kb.refresh();
    const edited = (await kb.listFindings()).find((k) => k.id === "F-WR-2026-0099");
    expect(edited?.category).toBe("third_party");
    // Trashed in Notion: gone after the next full read (daily).
    await fetch(`${notion.url}/v1/pages/${manual.ref}`, {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${notion.token}`,
        "notion-version": "2025-09-03",
        "content-type": "application/json",
      },
      body: JSON.stringify({ in_trash: true }),
    });
    now = new Date(now.getTime() + 25 * 3600_000);
    expect(await kb.refresh()).toMatchObject({ removed: 1 });
    expect((await kb.listFindings()).map((k) => k.id)).not.toContain("F-WR-2026-0099");
  });
});
