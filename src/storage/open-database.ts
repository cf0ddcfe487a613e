/**
 * Opens the configured database (PGlite or PostgreSQL) and brings its schema up to date.
 */
import type { DatabaseConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Database } from "./database.ts";
import { migrate } from "./migrate.ts";
import { openPgliteDatabase } from "./pglite-database.ts";
import { openPostgresDatabase } from "./postgres-database.ts";

/** Opens and migrates; the caller closes. */
export async function openDatabase(config: DatabaseConfig, logger: Logger): Promise<Database> {
  const db =
    config.kind === "pglite"
      ? await openPgliteDatabase({ dataDir: config.dataDir })
      : await openPostgresDatabase({ url: config.url, poolSize: config.poolSize, logger });
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, "database migrated");
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
