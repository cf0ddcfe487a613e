/**
 * `warroom serve` on the bundled sample with CHANGES_TOKEN: POST /api/tickets answers through the real
 * executable, and the sample's tickets are triaged in the background at start, which a stop waits for.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/storage/open-database.ts";
import { testLogger } from "../../support/databases.ts";
import { type ServeProcess, startServe } from "../../support/run-cli.ts";

const TOKEN = "a-long-random-token-0123456789";

describe("warroom serve triage", () => {
  let serve: ServeProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (serve && serve.child.exitCode === null) await serve.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("takes pushed tickets and triages the sample's tickets at start", async () => {
    dir = await mkdtemp(join(tmpdir(), "warroom-triage-"));
    serve = await startServe({ DATA_DIR: dir, CHANGES_TOKEN: TOKEN, HOST: "127.0.0.1" });
    const post = () =>
      fetch(`http://127.0.0.1:${serve?.port}/api/tickets`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          id: "PUSH-1",
          accountId: "ACC-0001",
          subject: "Refund policy question",
          description: "How long do refunds take to reach the card?",
          status: "open",
          createdAt: "2026-11-20T14:00:00Z",
        }),
      });
    const first = await post();
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ created: ["PUSH-1"], updated: [], unchanged: [] });
    expect(await serve.stop()).toBe(0);

    const db = await openDatabase({ kind: "pglite", dataDir: dir }, testLogger);
    try {
      const rows = await db.query<{ source: string; n: number }>(
        "SELECT source, count(*)::int AS n FROM tickets GROUP BY source ORDER BY source",
      );
      expect(rows.find((r) => r.source === "api")?.n).toBe(1);
      expect(rows.find((r) => r.source === "local")?.n).toBeGreaterThan(100);
      const [pushed] = await db.query<{ policy_risk: string; automated_answer_allowed: boolean }>(
        "SELECT policy_risk, automated_answer_allowed FROM tickets WHERE id = 'PUSH-1'",
      );
      expect(pushed).toEqual({ policy_risk: "none", automated_answer_allowed: true });
    } finally {
      await db.close();
    }
  });
});
