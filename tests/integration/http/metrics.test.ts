/**
 * GET /metrics as Prometheus scrapes it: after a war-room opened through the fake Slack (one Web API call
 * rate-limited on the way), the counters, histograms and shared gauges say so; the bearer token is checked;
 * without METRICS_TOKEN the route does not exist. Counters are per process (other tests in this file add
 * to them), so they are compared before and after; the gauges come from this test's own database.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerHttpRoutes } from "../../../handlers/http/index.ts";
import { createHttpApp } from "../../../src/http-server.ts";
import { isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { type Backend, backends, type TestDatabase, testLogger } from "../../support/databases.ts";
import { type SlackHarness, startSlackHarness } from "../../support/slack-harness.ts";
import { databaseEnv } from "../../support/warroom-harness.ts";

const TOKEN = "metrics-token-0123456789";
const WAIT = { timeout: 45_000, interval: 250 };

let h: SlackHarness | undefined;
let testDb: TestDatabase | undefined;
afterEach(async () => {
  await h?.close();
  await testDb?.dispose();
  h = undefined;
  testDb = undefined;
});

/** The value of one sample in Prometheus text (0 when absent), labels matched exactly. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(",");
  for (const line of text.split("\n")) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? "").split(",").filter(Boolean).sort().join(",");
    if (have === wanted) return Number(match[3]);
  }
  return 0;
}

const scrape = async (base: string, token = TOKEN) => {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};

describe.each(backends)("GET /metrics on $name", (backend: Backend) => {
  it("counts a war-room opened through Slack, its calls and a rate limit, and reads shared gauges from the database", async () => {
    testDb = await backend.create();
    h = await startSlackHarness({ env: { METRICS_TOKEN: TOKEN, ...databaseEnv(testDb.config) } });
    const base = h.url.replace(/\/slack\/events$/, "");

    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const wrong = await scrape(base, "not-the-token-at-all-0000");
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("not METRICS_TOKEN");

    const before = (await scrape(base)).text;
    h.fake.failNext("conversations.create", { error: "ratelimited", retryAfter: 1 });
    const res = await h.command("U01ALICE0", 'Halvard Field Services "exports stopped"');
    expect(res.status).toBe(200);
    const db = h.services.db;
    await vi.waitFor(async () => {
      const [row] = await db.query<{ id: string }>("SELECT id FROM escalations WHERE origin = 'slack'");
      expect(row && (await isWarRoomReady(db, row.id))).toBe(true);
    }, WAIT);

    const after = await scrape(base);
    expect(after.status).toBe(200);
    expect(after.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after.text, name, labels) - sample(before, name, labels);
    expect(delta("warroom_war_rooms_opened_total", { platform: "slack" })).toBe(1);
    expect(delta("warroom_command_to_room_seconds_count")).toBe(1);
    expect(delta("warroom_command_to_first_hypothesis_seconds_count")).toBe(1);
    expect(delta("warroom_external_calls_total", { system: "slack", outcome: "ok" })).toBeGreaterThan(3);
    expect(delta("warroom_external_calls_total", { system: "slack", outcome: "rate_limited" })).toBe(1);
    // Shared state, read from this test's database: one open war-room, its job done.
    expect(sample(after.text, "warroom_open_war_rooms", { platform: "slack" })).toBe(1);
    expect(
      sample(after.text, "warroom_jobs", { job: "open-war-room", state: "completed" }),
    ).toBeGreaterThanOrEqual(1);
    expect(after.text).toContain("# TYPE warroom_llm_request_duration_seconds histogram");
    expect(after.text).toContain("# TYPE warroom_job_failures_total counter");
  }, 90_000);
});

describe("GET /metrics without METRICS_TOKEN", () => {
  it("does not exist", async () => {
    const app = createHttpApp(testLogger);
    registerHttpRoutes(app, { health: async () => ({}) as never, surfaces: [] });
    const res = await app.request("/metrics");
    expect(res.status).toBe(404);
  });
});
