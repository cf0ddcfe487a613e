/**
 * The LLM's view is a job on the durable queue: a warroom stopped while the model is still thinking leaves
 * it queued, and the next start asks again and adds the view. Nothing of it lives in process memory.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listTimelineEvents } from "../../../src/storage/escalation-store.ts";
import { listHypotheses } from "../../../src/storage/hypothesis-store.ts";
import { isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { requestEscalation } from "../../../src/war-room/request-escalation.ts";
import { type FakeOpenAi, startFakeOpenAi } from "../../fakes/openai-server.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import { startWarroom } from "../../support/warroom-harness.ts";

const WAIT = { timeout: 60_000, interval: 250 };

let llm: FakeOpenAi;
beforeAll(async () => {
  llm = await startFakeOpenAi("sk-test");
});
afterAll(() => llm.close());

describe.each(backends)("the LLM's view across a restart on $name", (backend: Backend) => {
  let testDb: TestDatabase | undefined;
  afterAll(() => testDb?.dispose());

  it("is asked again by the next start when the process stopped before the model answered", async () => {
    testDb = await backend.create();
    const env = {
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_MODEL: "fake-model",
      OPENAI_TIMEOUT_MS: "60000",
    };
    llm.script({ kind: "hang" });
    const asked = llm.requests.length;
    const first = await startWarroom(testDb.config, env);
    let id = "";
    try {
      const outcome = await requestEscalation(
        {
          account: "ACC-0012",
          summary: "invoices wrong",
          severity: "high",
          requestedBy: "ana",
          origin: "terminal",
        },
        first.services.warRoom,
      );
      id = outcome.kind === "opening" ? outcome.escalationId : "";
      await vi.waitFor(async () => expect(await isWarRoomReady(first.services.db, id)).toBe(true), WAIT);
      await vi.waitFor(() => expect(llm.requests.length).toBe(asked + 1), WAIT);
      expect(first.output()).not.toContain("LLM view");
    } finally {
      await first.close();
    }
    // The model now answers: its top cause is the room's #1, seen through the hints it was sent.
    llm.script({
      kind: "answer",
      content: (request) => {
        const user = request.messages.find((m) => m.role === "user")?.content ?? "";
        const [, category, cited] = /^1\. (\w+) \([\d.]+\) citing ([^:]+):/m.exec(user)!;
        return {
          certain: [],
          possible: [],
          hypotheses: [
            {
              title: "The same first cause",
              category,
              likelihood: 0.7,
              evidence: cited!.split(", "),
              against: [],
              rationale: "Agrees.",
              checks: ["Check it"],
            },
          ],
          pattern: { verdict: "isolated", relatedEscalations: [], sharedAttributes: [] },
          timeline: [],
          talkingPoints: [],
          preventiveMeasures: [],
        };
      },
    });
    const second = await startWarroom(testDb.config, env);
    try {
      await vi.waitFor(async () => {
        const [view] = await listTimelineEvents(second.services.db, id, "llm-view");
        expect(view?.data).toMatchObject({ outcome: "answered", agrees: true, added: 0 });
      }, WAIT);
      await vi.waitFor(() => expect(second.output()).toContain("LLM view: agrees"), WAIT);
      expect(llm.requests.length).toBe(asked + 2);
      expect((await listHypotheses(second.services.db, id)).map((h) => h.round)).toEqual([1, 1, 1, 1, 1]);
    } finally {
      await second.close();
    }
  }, 120_000);
});
