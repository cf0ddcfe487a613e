import { afterEach, describe, expect, it } from "vitest";
import type { Hypothesis } from "../../../src/domain/analysis.ts";
import {
  claimCatchUp,
  listWarRoomMembers,
  markCatchUpSent,
  markWarRoomReady,
  warRoomReadyAt,
} from "../../../src/storage/catch-up-store.ts";
import type { Database } from "../../../src/storage/database.ts";
import { openEscalation } from "../../../src/storage/escalation-store.ts";
import { addHypotheses, listHypotheses, saveAnalysis } from "../../../src/storage/hypothesis-store.ts";
import { addMembers, saveWarRoom } from "../../../src/storage/war-room-store.ts";
import { type Backend, backends, postgresBackends, type TestDatabase } from "../../support/databases.ts";

const hypothesis = (rank: number, title: string): Hypothesis => ({
  rank,
  title,
  category: "product_defect",
  likelihood: 0.4,
  evidence: [`C-${rank}`],
  against: [],
  rationale: "",
  checks: ["check it"],
});

async function openRoom(db: Database): Promise<string> {
  const opened = await openEscalation(db, {
    accountId: "ACC-1",
    accountName: "Acme Corp",
    summary: "sync broken",
    origin: "terminal",
  });
  const id = opened.escalation.id;
  await saveWarRoom(db, id, { platform: "slack", id: "C1", name: "esc-acme", url: "https://x" }, false);
  return id;
}

describe.each(backends)("catch-up and LLM-view storage on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    await testDb?.dispose();
  });
  const connect = async () => {
    testDb = await backend.create();
    const db = await testDb.open();
    open.push(db);
    return db;
  };

  it("keeps the first ready time, lists members in the order they came, and claims a catch-up once", async () => {
    const db = await connect();
    const id = await openRoom(db);
    expect(await warRoomReadyAt(db, id)).toBeNull();
    await markWarRoomReady(db, id, new Date("2026-12-01T10:00:00Z"));
    await markWarRoomReady(db, id, new Date("2026-12-01T11:00:00Z"));
    expect((await warRoomReadyAt(db, id))?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    await addMembers(db, id, [{ userId: "U1", role: "requester" }]);
    await addMembers(db, id, [{ userId: "U2", role: "csm" }]);
    expect((await listWarRoomMembers(db, id)).map((m) => [m.userId, m.role])).toEqual([
      ["U1", "requester"],
      ["U2", "csm"],
    ]);
    const claims = await Promise.all([claimCatchUp(db, id, "U3"), claimCatchUp(db, id, "U3")]);
    expect(claims.sort()).toEqual([false, true]);
    await markCatchUpSent(db, id, "U3");
    expect(await claimCatchUp(db, id, "U3")).toBe(false);
    expect(await claimCatchUp(db, id, "U4")).toBe(true);
  });

  it("adds the LLM's hypotheses to a round, ranked after its last, and a rolled-back add leaves none", async () => {
    const db = await connect();
    const id = await openRoom(db);
    await saveAnalysis(db, id, 1, {
      escalationId: id,
      engine: "evidence",
      hypotheses: [hypothesis(1, "first"), hypothesis(2, "second")],
      pattern: { verdict: "isolated", relatedEscalations: [], sharedAttributes: [] },
      timeline: [],
      talkingPoints: [],
      preventiveMeasures: [],
    });
    const { rank: _rank, ...added } = hypothesis(9, "from the LLM");
    await db
      .transaction(async (tx) => {
        await addHypotheses(tx, id, 1, [added]);
        throw new Error("posting failed");
      })
      .catch(() => undefined);
    expect(await listHypotheses(db, id, 1)).toHaveLength(2);
    await db.transaction((tx) => addHypotheses(tx, id, 1, [added]));
    expect((await listHypotheses(db, id, 1)).map((h) => [h.hypothesis.rank, h.hypothesis.title])).toEqual([
      [1, "first"],
      [2, "second"],
      [3, "from the LLM"],
    ]);
  });
});

describe.each(postgresBackends)("catch-up claims across replicas on $name", (backend: Backend) => {
  it("gives one replica the catch-up of a person when two hear the same join", async () => {
    const testDb = await backend.create();
    const [a, b] = await Promise.all([testDb.open(), testDb.open()]);
    try {
      const id = await openRoom(a);
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) => claimCatchUp(i % 2 ? a : b, id, "U9")),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      await testDb.dispose();
    }
  });
});
