/**
 * `warroom eval` as a user runs it: on a folder of scenario files with the rule of score-rca.mjs, and on
 * the store's own resolved war-rooms (their first evidence snapshot against the confirmed finding), on
 * PGlite and PostgreSQL; clear errors for a folder that is not one.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "../../../src/config.ts";
import { caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import { analyzeWithEvidence } from "../../../src/engine/evidence-engine.ts";
import { addVerdict, refreshStatus, saveAnalysis } from "../../../src/storage/hypothesis-store.ts";
import { saveEvidenceSnapshot } from "../../../src/storage/war-room-store.ts";
import { scoreAnalysis } from "../../../src/use-cases/evaluate-engine.ts";
import { backends } from "../../support/databases.ts";
import { seedResolvedEscalation } from "../../support/resolved-escalations.ts";
import { runWarroom } from "../../support/run-cli.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/scenarios");
const dirs: string[] = [];

afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** The environment that points `warroom` at a test database. */
function storeEnv(config: DatabaseConfig): Record<string, string> {
  return config.kind === "postgres" ? { DATABASE_URL: config.url } : { DATA_DIR: config.dataDir };
}

async function scenarioFolder(files: string[]): Promise<string> {
  const d = await tempDir("warroom-eval-");
  for (const f of files) await copyFile(join(FIXTURES, f), join(d, f));
  return d;
}

describe("warroom eval DIR", () => {
  const files = [
    "101-northwind-saml-certificate-rollover.json",
    "201-fernhill-vets-reminders-quote-old-slots.json",
  ];

  it("scores each scenario like score-rca.mjs and prints the summary", async () => {
    const result = await runWarroom(["eval", await scenarioFolder(files)]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^101-northwind-saml-certificate-rollover\.json\s+rank=(\d|-) pattern=(true|false) invalid_citations=0$/,
    );
    expect(lines[2]).toMatch(
      /^top1=[\d.]+ top3=[\d.]+ mrr=[\d.]+ pattern=[\d.]+ citation_validity=1 errors=0\/2$/,
    );
  });

  it("answers in JSON with --format json, the figures agreeing with the rows", async () => {
    const result = await runWarroom(["eval", await scenarioFolder(files), "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    const { summary, rows } = JSON.parse(result.stdout);
    expect(rows).toHaveLength(2);
    expect(summary).toMatchObject({ scenarios: 2, errors: 0, citationValidity: 1 });
    const top1 = rows.filter((r: { rank: number | null }) => r.rank === 1).length / 2;
    expect(summary.top1).toBe(top1);
  });

  it("exits 2 naming the folder or the file and field that are wrong", async () => {
    const missing = await runWarroom(["eval", "/nonexistent/scenarios"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the folder \/nonexistent\/scenarios/);
    const empty = await tempDir("warroom-eval-empty-");
    expect((await runWarroom(["eval", empty])).stderr).toMatch(/holds no \.json scenario files/);
    const noAnswer = await tempDir("warroom-eval-bad-");
    const raw = JSON.parse(await readFile(join(FIXTURES, files[0] ?? ""), "utf8"));
    delete raw.expected;
    await writeFile(join(noAnswer, "a.json"), JSON.stringify(raw));
    const result = await runWarroom(["eval", noAnswer]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/a\.json: expected\.rootCause\.category is missing/);
  });
});

describe.each(backends)("warroom eval on the store's resolved war-rooms ($name)", (backend) => {
  it("scores the first evidence snapshot of each resolved war-room against its confirmed finding", async () => {
    const test = await backend.create();
    try {
      const raw = JSON.parse(
        await readFile(join(FIXTURES, "201-fernhill-vets-reminders-quote-old-slots.json"), "utf8"),
      );
      const { expected, ...bundleJson } = raw;
      const bundle = caseBundleSchema.parse(bundleJson);
      const db = await test.open();
      try {
        const id = await seedResolvedEscalation(db, {
          accountId: bundle.account.id,
          accountName: bundle.account.name,
          title: "Reminders quote old slots",
          category: expected.rootCause.category,
        });
        await saveEvidenceSnapshot(db, id, bundle);
        // The war-room confirmed the hypothesis citing the expected causal item.
        const analysis = analyzeWithEvidence(bundle);
        const confirmed = {
          rank: 1,
          title: "What people confirmed",
          category: expected.rootCause.category,
          likelihood: 0.9,
          evidence: [expected.rootCause.evidence[0]],
          against: [],
          rationale: "confirmed",
          checks: ["checked"],
        };
        const [stored] = await saveAnalysis(db, id, 1, { ...analysis, hypotheses: [confirmed] });
        await addVerdict(db, {
          hypothesisId: stored?.id ?? "",
          userId: "U1",
          verdict: "confirm",
          via: "button",
        });
        await refreshStatus(db, stored?.id ?? "");
      } finally {
        await db.close();
      }
      const result = await runWarroom(["eval", "--format", "json"], storeEnv(test.config));
      expect(result.code, result.stderr).toBe(0);
      const { summary, rows } = JSON.parse(result.stdout);
      expect(rows).toHaveLength(1);
      // The same rank as scoring the snapshot in-process against what people confirmed.
      const confirmedCause = {
        category: expected.rootCause.category,
        evidence: [expected.rootCause.evidence[0]],
      };
      const own = scoreAnalysis({ name: "x", bundle, expected: confirmedCause }, analyzeWithEvidence(bundle));
      expect(rows[0].rank).toBe(own.rank);
      expect(summary).toMatchObject({ scenarios: 1, errors: 0, citationValidity: 1 });
    } finally {
      await test.dispose();
    }
  });

  it("says there is nothing to score when no war-room has been resolved", async () => {
    const test = await backend.create();
    try {
      const result = await runWarroom(["eval"], storeEnv(test.config));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/No resolved war-rooms with a finding yet/);
    } finally {
      await test.dispose();
    }
  });
});
