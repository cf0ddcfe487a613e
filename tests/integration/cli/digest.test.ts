/**
 * `warroom digest` as a user runs it, on the bundled sample dataset: real patterns in JSON and Markdown,
 * the chart as a PNG, and clear errors for a bad week or a post with nowhere to go.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Digest } from "../../../src/digest/digest.ts";
import { formatMoney } from "../../../src/domain/money.ts";
import { runWarroom } from "../../support/run-cli.ts";

let dir: string;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function env(): Promise<Record<string, string>> {
  dir = await mkdtemp(join(tmpdir(), "warroom-digest-"));
  return { DATA_DIR: join(dir, "data") };
}

describe("warroom digest", () => {
  it("shows the sample dataset's real patterns for last week, as JSON, with a PNG chart", async () => {
    const chart = join(await mkdtemp(join(tmpdir(), "warroom-chart-")), "chart.png");
    const result = await runWarroom(["digest", "--format", "json", "--chart", chart], await env());
    expect(result.code, result.stderr).toBe(0);
    const digest = JSON.parse(result.stdout) as Digest;
    expect(digest.week).toMatch(/^\d{4}-W\d{2}$/);
    // The headline counts every escalation opened in the 13 weeks, and its "at risk" is the figure below it.
    expect(digest.headline).toMatch(
      /^\d+ of \d+ escalations in the last 13 weeks stemmed from .+ \(accounts worth \$[\d.]+[KM]? ARR\); \$[\d.]+[KM]? of ARR is at risk in open escalations\.$/,
    );
    expect(digest.headline).toContain(
      `${digest.rootCauses.categories[0]?.count} of ${digest.rootCauses.opened} `,
    );
    expect(digest.headline).toContain(`; ${formatMoney(digest.arrAtRisk.open)} of ARR is at risk`);
    // Leaders' figures: the sample's CRM counts its tickets.
    expect(digest.rates.quarter.per100Accounts).toBeGreaterThan(0);
    expect(digest.rates.quarter.per1000Tickets).toBeGreaterThan(0);
    expect(digest.rates.quarter.escalations).toBe(digest.rootCauses.opened);
    expect(digest.patterns.length).toBeGreaterThanOrEqual(3);
    expect(digest.patterns.map((p) => `${p.category}/${p.productArea}`)).toContain(
      "product_defect/hubspot-sync",
    );
    for (const p of digest.patterns) expect(p.accounts.length).toBeGreaterThanOrEqual(3);
    expect(digest.rootCauses.categories.length).toBeGreaterThan(5);
    expect(digest.open.count).toBeGreaterThan(0);
    expect(digest.arrAtRisk.open).toBeGreaterThan(0);
    expect(digest.cohorts.segments.map((s) => s.value).sort()).toEqual(["enterprise", "mid_market", "smb"]);
    const png = await readFile(chart);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // IHDR: width and height as big-endian integers.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1000, 500]);
  });

  it("prints Markdown for people for a named week", async () => {
    const result = await runWarroom(["digest", "--week", "2026-W40"], await env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^# Escalation digest 2026-W40\n/);
    for (const section of [
      "## This week",
      "## Speed and rate (this week; last 13 weeks)",
      "## Open escalations",
      "## Root causes",
      "## Who escalates",
      "## Recurring patterns",
      "## How good the bot was",
    ])
      expect(result.stdout).toContain(section);
  });

  it("speaks a leader's words, names its window one way, and shows shares that add up to 100%", async () => {
    const { stdout } = await runWarroom(["digest"], await env());
    expect(stdout).not.toMatch(/product_defect|customer_change|mid_market|quarter/);
    expect(stdout).toMatch(/Segments: .*Mid-market: \d+/);
    expect(stdout).toMatch(/\n- Product defect: \d+/);
    const segments = /Segments: (.*)/.exec(stdout)?.[1] ?? "";
    const shares = [...segments.matchAll(/\((\d+)% of escalations, (\d+)% of accounts/g)];
    expect(shares).toHaveLength(3);
    expect(shares.reduce((n, m) => n + Number(m[1]), 0)).toBe(100);
    const split = /Preventable by product (\d+)%, by process (\d+)%; external (\d+)%/.exec(stdout);
    expect(Number(split?.[1]) + Number(split?.[2]) + Number(split?.[3])).toBe(100);
  });

  it("prints the digest's knowledge gaps with `warroom knowledge gaps`, as JSON and for people", async () => {
    const base = await env();
    const digest = JSON.parse((await runWarroom(["digest", "--format", "json"], base)).stdout) as Digest;
    const json = await runWarroom(["knowledge", "gaps", "--format", "json"], base);
    expect(json.code, json.stderr).toBe(0);
    const printed = JSON.parse(json.stdout) as { since: string; until: string; gaps: unknown[] };
    expect(printed.gaps).toEqual(digest.knowledgeGaps);
    expect(printed.until).toBe(digest.to);
    // The sample's hubspot-sync defects recur, and no article on them existed when they opened.
    expect(digest.knowledgeGaps.map((g) => `${g.category}/${g.productArea}`)).toContain(
      "product_defect/hubspot-sync",
    );
    const md = await runWarroom(["knowledge", "gaps"], base);
    expect(md.stdout).toMatch(/^# Knowledge gaps \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)\n/);
    expect(md.stdout).toContain(
      'Product defect in hubspot-sync: 3 escalations at 3 accounts without a usable article. Suggested article: "',
    );
  });

  it("exits 2 for a week that is not one, and for --post without DIGEST_CHANNEL", async () => {
    const bad = await runWarroom(["digest", "--week", "2026-47"], await env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"2026-47" is not an ISO week; write it like 2026-W47');
    const future = await runWarroom(["digest", "--week", "2099-W01"], await env());
    expect(future.code).toBe(2);
    expect(future.stderr).toContain("--week 2099-W01 has not started yet");
    expect(future.stdout).toBe("");
    const post = await runWarroom(["digest", "--post"], await env());
    expect(post.code).toBe(2);
    expect(post.stderr).toContain("--post needs DIGEST_CHANNEL");
    const noSlack = await runWarroom(["digest", "--post"], { ...(await env()), DIGEST_CHANNEL: "C0LEADERS" });
    expect(noSlack.code).toBe(2);
    expect(noSlack.stderr).toContain("--post needs Slack");
  });
});
