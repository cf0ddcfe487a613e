/**
 * Hypotheses never wait for the LLM, written once and run on Slack and on Teams: with a model that never
 * answers the room opens as it does without one; with one that answers, its view is added (a note on the
 * summary, its new hypotheses posted after the others); a hypothesis people already reacted to is left as
 * it was. On both databases: the view is a job of its own whose outcome is recorded in the store.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RootCauseAnswer } from "../../../prompts/root-cause.schema.ts";
import { CATEGORIES } from "../../../src/domain/categories.ts";
import { listTimelineEvents } from "../../../src/storage/escalation-store.ts";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { type ChatRequest, type FakeOpenAi, startFakeOpenAi } from "../../fakes/openai-server.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import type { DriverOptions, WarRoomDriver } from "../../support/war-room-drivers.ts";

const WAIT = { timeout: 45_000, interval: 250 };

/** The evidence engine's candidates as the request's hints carry them: category and cited ids. */
function hintsOf(request: ChatRequest): { category: string; evidence: string[] }[] {
  const user = request.messages.find((m) => m.role === "user")?.content ?? "";
  return [...user.matchAll(/^\d+\. (\w+) \([\d.]+\) citing ([^:]+):/gm)].map((m) => ({
    category: m[1]!,
    evidence: m[2]!.split(", "),
  }));
}

/** A model that agrees on the top cause and adds one the engine did not have (another item, another category). */
function agreeAndAdd(request: ChatRequest): RootCauseAnswer {
  const hints = hintsOf(request);
  const user = request.messages.find((m) => m.role === "user")?.content ?? "";
  const causal = new Set(hints.map((h) => h.evidence[0]));
  const items = [...user.matchAll(/^\[([^\]]+)\] (?:ticket|change)/gm)].map((m) => m[1]!);
  const other = items.find((id) => !causal.has(id))!;
  const category = CATEGORIES.find((c) => !hints.some((h) => h.category === c))!;
  const top = hints[0]!;
  return {
    certain: [],
    possible: [],
    hypotheses: [
      {
        title: "Same cause as the engine's first",
        category: top.category as RootCauseAnswer["hypotheses"][number]["category"],
        likelihood: 0.6,
        evidence: top.evidence,
        against: [],
        rationale: "The model reads the evidence the same way.",
        checks: ["Check the first candidate"],
      },
      {
        title: "A cause only the model saw",
        category,
        likelihood: 0.3,
        evidence: [other],
        against: [],
        rationale: "The model connects an item the engine left aside.",
        checks: ["Look at that item again"],
      },
    ],
    pattern: { verdict: "isolated", relatedEscalations: [], sharedAttributes: [] },
    timeline: [],
    talkingPoints: [],
    preventiveMeasures: [],
  };
}

/** Runs the suite on the platform `make` starts, with an LLM configured, on each database. */
export function llmViewSuite(make: (options: DriverOptions) => Promise<WarRoomDriver>): void {
  describe.each(backends)("with an LLM on $name", (backend: Backend) => {
    let d: WarRoomDriver;
    let llm: FakeOpenAi;
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await backend.create();
      llm = await startFakeOpenAi("sk-test");
      d = await make({
        database: testDb.config,
        env: {
          OPENAI_API_KEY: "sk-test",
          OPENAI_BASE_URL: llm.baseUrl,
          OPENAI_MODEL: "fake-model",
          OPENAI_TIMEOUT_MS: "5000",
        },
      });
    }, 120_000);
    afterAll(async () => {
      await d?.close();
      await llm?.close();
      await testDb?.dispose();
    });

    const db = () => d.services.db;
    async function openRoom(text: string, accountId: string): Promise<{ id: string; roomId: string }> {
      await d.escalate(d.users.alice, text);
      let id = "";
      await vi.waitFor(async () => {
        const rows = await db().query<{ id: string }>(
          "SELECT id FROM escalations WHERE account_id = $1 AND origin <> 'dataset' AND status = 'open'",
          [accountId],
        );
        id = rows[0]?.id ?? "";
        expect(id && (await isWarRoomReady(db(), id))).toBe(true);
      }, WAIT);
      return { id, roomId: (await getWarRoom(db(), id))!.room.id };
    }
    const viewOf = async (id: string) => {
      let data: Record<string, unknown> = {};
      await vi.waitFor(async () => {
        const [event] = await listTimelineEvents(db(), id, "llm-view");
        expect(event).toBeDefined();
        data = event!.data;
      }, WAIT);
      return data;
    };
    const summaryOf = (roomId: string) => d.messages(roomId).find((m) => m.json.includes("Talking points"))!;

    describe("hypotheses never wait for the LLM", () => {
      it("posts the evidence engine's hypotheses while the model hangs, and leaves them when it times out", async () => {
        llm.script({ kind: "hang" });
        const { id, roomId } = await openRoom('ACC-0040 "closed jobs not syncing to HubSpot"', "ACC-0040");
        const cards = d.messages(roomId).filter((m) => m.hypothesisId);
        expect(cards.length).toBeGreaterThan(0);
        expect(summaryOf(roomId).json).toContain("engine: evidence");
        expect(await viewOf(id)).toMatchObject({ round: 1, outcome: "failed" });
        expect(summaryOf(roomId).json).not.toContain("LLM view");
        expect(d.messages(roomId).filter((m) => m.hypothesisId)).toHaveLength(cards.length);
      });

      it("adds the model's view when it answers: the summary says it agrees, its new hypothesis comes last", async () => {
        llm.script({ kind: "answer", content: agreeAndAdd });
        const { id, roomId } = await openRoom('ACC-0012 "invoices wrong since Monday"', "ACC-0012");
        expect(await viewOf(id)).toMatchObject({ outcome: "answered", agrees: true, added: 1 });
        await vi.waitFor(() => expect(summaryOf(roomId).json).toContain("LLM view: agrees"), WAIT);
        const cards = d.messages(roomId).filter((m) => m.hypothesisId);
        expect(cards.at(-1)!.json).toContain("A cause only the model saw");
        expect(cards.filter((m) => m.json.includes("Same cause as the engine"))).toEqual([]);
        const last = d.messages(roomId).at(-1)!;
        expect(last.json).toContain("A cause only the model saw");
      });

      it("never rewrites a hypothesis people reacted to before the model answered", async () => {
        llm.script({ kind: "answer", content: agreeAndAdd, delayMs: 2_500 });
        const { id, roomId } = await openRoom('ACC-0037 "deals missing in HubSpot"', "ACC-0037");
        const first = d.messages(roomId).find((m) => m.hypothesisId)!;
        await d.react(d.users.alice, first.ref, "confirm", "add", "llm-view-confirm");
        await vi.waitFor(
          () =>
            expect(d.messages(roomId).find((m) => m.ref === first.ref)!.json).toContain(
              `confirmed by ${d.shown(d.users.alice)}`,
            ),
          WAIT,
        );
        const reacted = d.messages(roomId).find((m) => m.ref === first.ref)!.json;
        expect(await viewOf(id)).toMatchObject({ outcome: "answered" });
        await vi.waitFor(() => expect(summaryOf(roomId).json).toContain("LLM view"), WAIT);
        expect(summaryOf(roomId).json).toContain("✅ confirmed");
        expect(d.messages(roomId).find((m) => m.ref === first.ref)!.json).toBe(reacted);
      });
    });
  });
}
