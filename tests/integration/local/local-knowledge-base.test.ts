/**
 * The local knowledge base over the database: confirmed findings feed the next analysis, are written as
 * Markdown, and export with their whole story.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLocalKnowledgeBaseAdapter } from "../../../integrations/local/index.ts";
import type { Database } from "../../../src/storage/database.ts";
import { insertTask } from "../../../src/storage/task-store.ts";
import { buildFindingDocument } from "../../../src/war-room/build-finding-document.ts";
import { backends, type TestDatabase } from "../../support/databases.ts";
import { seedResolvedEscalation } from "../../support/resolved-escalations.ts";
import { seedWarRoom } from "../../support/war-room-history.ts";

const [pglite] = backends;
let testDb: TestDatabase;
let db: Database;
let dir: string;

afterEach(async () => {
  await db?.close();
  await testDb?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("local knowledge base", () => {
  it("lists confirmed findings with the dataset's, and exports each with its whole story", async () => {
    testDb = await pglite!.create();
    db = await testDb.open();
    dir = await mkdtemp(join(tmpdir(), "warroom-kb-"));
    const id = await seedResolvedEscalation(db, {
      accountId: "001A",
      accountName: "Acme Corp",
      title: "Renamed fields broke the mapping",
    });
    const kb = createLocalKnowledgeBaseAdapter({
      findings: [{ id: "KB-1", title: "Old finding", category: "billing", validatedAt: "2025-01-01" }],
      db,
      dir: join(dir, "live"),
    });
    const listed = await kb.listFindings();
    expect(listed.map((k) => k.id)).toEqual([`F-${id}`, "KB-1"]);
    expect(listed[0]).toMatchObject({
      symptoms: `Acme Corp: Renamed fields broke the mapping`,
      tags: ["salesforce-sync"],
    });

    await db.transaction((tx) =>
      insertTask(tx, {
        escalationId: id,
        owner: "U01BOB000",
        text: "Re-run the commission sync",
        due: "2099-01-31",
        createdBy: "U01ALICE0",
        toCrm: false,
      }),
    );
    // No article matched it when its war-room opened: the page says so, for the knowledge team.
    await db.query("UPDATE findings SET needs_article = true WHERE escalation_id = $1", [id]);
    const written = await kb.writeFinding((await buildFindingDocument(db, id))!);
    expect(written.url).toMatch(/^file:.*\.md$/);
    expect(await kb.exportMarkdown(join(dir, "export"))).toBe(2);
    const exported = await readFile(join(dir, "export", `F-${id}.md`), "utf8");
    for (const section of [
      "## Summary",
      "## Timeline",
      "## Root cause",
      "## Contributing factors",
      "## Resolution",
      "## Preventive actions",
      "## Rejected hypotheses",
      "## Follow-ups",
    ])
      expect(exported).toContain(section);
    expect(exported).toContain("#1 Re-run the commission sync — owner U01BOB000, due 2099-01-31, open");
    expect(exported).toContain(
      "account Acme Corp · category customer_change (technical, preventable by external)",
    );
    expect(exported).toMatch(/ · needs an article\n/);
    expect(await readFile(join(dir, "export", "KB-1.md"), "utf8")).toMatch(/^# Old finding/);
  });

  it("keeps why each rejected hypothesis was ruled out, even when its title holds a colon", async () => {
    testDb = await pglite!.create();
    db = await testDb.open();
    const id = await seedWarRoom(db, {
      accountId: "001A",
      accountName: "Acme Corp",
      openedAt: new Date("2026-11-19T16:05:00Z"),
      resolvedAt: new Date("2026-11-20T10:00:00Z"),
      hypotheses: [
        { title: "Usage outgrew the plan limit: 429s since Monday", category: "usage_growth" },
        { title: "Usage outgrew the plan limit", category: "usage_growth" },
        { title: "Customer's field renames broke the mapping", category: "customer_change" },
      ],
      rejected: [0, 1],
      confirmed: 2,
      rejectedNotes: [
        "- Usage outgrew the plan limit: 429s since Monday: the limit was raised in May",
        "- Usage outgrew the plan limit: volume is flat",
      ].join("\n"),
    });
    const document = await buildFindingDocument(db, id);
    expect(document?.rejected).toEqual([
      {
        title: "Usage outgrew the plan limit: 429s since Monday",
        category: "usage_growth",
        rejectedBy: ["U01BOB000"],
        why: "the limit was raised in May",
      },
      {
        title: "Usage outgrew the plan limit",
        category: "usage_growth",
        rejectedBy: ["U01BOB000"],
        why: "volume is flat",
      },
    ]);
  });
});
