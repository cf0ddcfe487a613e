/**
 * Hostile but correctly signed Teams activities through the real Teams SDK's token check and warroom's
 * edge validation, on both databases: 300 seeded mutations of real activities (nulls, missing fields,
 * wrong types, huge strings, deep nesting, bad Unicode) are each answered below 500, and a real mention
 * still works after them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import { type Json, mutateJson, seededRandom, stringifyFuzzed } from "../../support/fuzz-json.ts";
import type { TeamsFixture } from "../../support/teams-activities.ts";
import { startTeamsHarness, type TeamsHarness } from "../../support/teams-harness.ts";

const FIXTURES: TeamsFixture[] = [
  "message-channel-mention",
  "message-personal",
  "message-reaction",
  "invoke-card-action",
  "invoke-task-fetch",
  "invoke-task-submit",
  "invoke-message-action-fetch",
  "invoke-message-action-submit",
  "invoke-search",
];

describe.each(backends)("hostile Teams activities on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let h: TeamsHarness;

  beforeAll(async () => {
    testDb = await backend.create();
    h = await startTeamsHarness({ database: testDb.config });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await testDb?.dispose();
  });

  it("answers every mutated activity below 500 and keeps serving", async () => {
    const random = seededRandom(7);
    const statuses = new Map<number, number>();
    const token = `Bearer ${await h.fake.signInbound()}`;
    for (let n = 0; n < 300; n++) {
      const fixture = FIXTURES[n % FIXTURES.length]!;
      const base = h.activity(fixture, h.alice, h.general, { text: "<at>warroom</at> status" }) as Json;
      const body = stringifyFuzzed(mutateJson(base, random), random() < 0.5 ? 50 : 5000);
      const res = await fetch(h.url, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", authorization: token },
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    const alive = await h.mention(h.alice, "help");
    expect(alive.status).toBeLessThan(300);
  });
});
