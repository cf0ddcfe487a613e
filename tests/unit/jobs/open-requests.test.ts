import { describe, expect, it, vi } from "vitest";
import { createHttpApp, startHttpServer } from "../../../src/http-server.ts";
import { OpenRequests } from "../../../src/jobs/open-requests.ts";
import { testLogger } from "../../support/databases.ts";

/** Whether `promise` has settled by the time the queued callbacks so far have run. */
async function settledNow(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe("open requests", () => {
  it("is idle at once when no request is open", async () => {
    const requests = new OpenRequests(60_000);
    expect(await settledNow(requests.idle())).toBe(true);
  });

  it("waits until the last open request is answered, each answer counted once", async () => {
    const requests = new OpenRequests(60_000);
    const first = requests.begin();
    const second = requests.begin();
    const idle = requests.idle();
    first();
    first();
    expect(requests.open).toBe(1);
    expect(await settledNow(idle)).toBe(false);
    second();
    expect(requests.open).toBe(0);
    expect(await settledNow(idle)).toBe(true);
  });

  it("runs its hook as each request begins, before counting it", () => {
    const seen: number[] = [];
    const requests: OpenRequests = new OpenRequests(60_000, () => seen.push(requests.open));
    requests.begin();
    requests.begin();
    expect(seen).toEqual([0, 1]);
  });

  it("stops waiting after its bound, so steady traffic delays a job but never starves it", async () => {
    const requests = new OpenRequests(60_000);
    requests.begin();
    await requests.idle(5);
    expect(requests.open).toBe(1);
  });
});

describe("the HTTP server counts the requests it answers", () => {
  it("from arrival until the answer is sent, running the hook as each arrives", async () => {
    let hooked = 0;
    const requests = new OpenRequests(undefined, () => hooked++);
    const app = createHttpApp(testLogger);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    app.post("/slow", async (c) => {
      await held;
      return c.text("done");
    });
    const server = await startHttpServer(app, 0, "127.0.0.1", requests);
    try {
      const answer = fetch(`http://127.0.0.1:${server.port}/slow`, { method: "POST" });
      await vi.waitFor(() => expect(requests.open).toBe(1));
      expect(hooked).toBe(1);
      release();
      expect(await (await answer).text()).toBe("done");
      await vi.waitFor(() => expect(requests.open).toBe(0));
    } finally {
      await server.close();
    }
  });
});
