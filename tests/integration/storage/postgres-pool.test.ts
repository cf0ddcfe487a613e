/**
 * The PostgreSQL pool keeps a few connections open through quiet spells, so a burst's first statements do
 * not wait for connections to be opened; the ones above that close once idle.
 */
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { openPostgresDatabase, WARM_CONNECTIONS } from "../../../src/storage/postgres-database.ts";
import { type Backend, postgresBackends, testLogger } from "../../support/databases.ts";

/** This database's connections from warroom's pool, as the server counts them. */
async function poolConnections(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const rows = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'warroom'",
    );
    return rows.rows[0]?.n ?? 0;
  } finally {
    await admin.end();
  }
}

describe.each(postgresBackends)("the pool on $name", (backend: Backend) => {
  it("keeps its warm connections open when quiet and closes the rest", async () => {
    const testDb = await backend.create();
    const { url } = testDb.config as { url: string };
    const db = await openPostgresDatabase({ url, poolSize: 6, logger: testLogger, idleTimeoutMs: 200 });
    try {
      // Six statements at once: six connections.
      await Promise.all(Array.from({ length: 6 }, () => db.query("SELECT pg_sleep(0.1)")));
      expect(await poolConnections(url)).toBe(6);
      await vi.waitFor(async () => expect(await poolConnections(url)).toBe(WARM_CONNECTIONS), {
        timeout: 10_000,
        interval: 100,
      });
      // Still there well after the idle timeout.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await poolConnections(url)).toBe(WARM_CONNECTIONS);
    } finally {
      await db.close();
      await testDb.dispose();
    }
  });
});
