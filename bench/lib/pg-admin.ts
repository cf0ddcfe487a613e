/**
 * One statement on a PostgreSQL server with an admin connection: the benchmarks make a throwaway
 * database per run and drop it after.
 */
import pg from "pg";

/** Runs `sql` on `url` over a connection of its own. */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
