/**
 * The database backends every storage and jobs test runs on: PGlite always, PostgreSQL when
 * WARROOM_TEST_DATABASE_URL points at a server (CI sets it and WARROOM_REQUIRE_POSTGRES=1, so there
 * the PostgreSQL tests run or fail, never skip). Each test gets a database of its own.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { pino } from "pino";
import type { DatabaseConfig } from "../../src/config.ts";
import type { Logger } from "../../src/logger.ts";
import type { Database } from "../../src/storage/database.ts";
import { openDatabase } from "../../src/storage/open-database.ts";

export const testLogger: Logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

const postgresUrl = process.env.WARROOM_TEST_DATABASE_URL;
const requirePostgres = process.env.WARROOM_REQUIRE_POSTGRES === "1";

if (!postgresUrl && requirePostgres) {
  throw new Error(
    "WARROOM_REQUIRE_POSTGRES=1 but WARROOM_TEST_DATABASE_URL is not set: the PostgreSQL tests cannot run",
  );
}
if (!postgresUrl) {
  console.warn(
    "PostgreSQL tests skipped: set WARROOM_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run them " +
      "(each test creates and drops a database of its own).",
  );
}

/** A database config for one test plus how to throw it away. */
export interface TestDatabase {
  config: DatabaseConfig;
  /** Opens (and migrates) a new connection to the same database: a second replica, or a restart. */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** A backend the suite runs on. */
export interface Backend {
  name: "pglite" | "postgres";
  create(): Promise<TestDatabase>;
}

let counter = 0;

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let pgliteTemplate: Promise<string> | undefined;

/** PGlite's first start runs initdb (seconds); tests copy one migrated data directory instead. */
function migratedPgliteTemplate(): Promise<string> {
  pgliteTemplate ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "warroom-template-"));
    const db = await openDatabase({ kind: "pglite", dataDir: dir }, testLogger);
    await db.close();
    return dir;
  })();
  return pgliteTemplate;
}

const pgliteBackend: Backend = {
  name: "pglite",
  async create() {
    const dir = await mkdtemp(join(tmpdir(), "warroom-test-"));
    await cp(await migratedPgliteTemplate(), dir, { recursive: true });
    const config: DatabaseConfig = { kind: "pglite", dataDir: dir };
    return {
      config,
      open: () => openDatabase(config, testLogger),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

const postgresBackend: Backend = {
  name: "postgres",
  async create() {
    const base = new URL(postgresUrl!);
    const name = `${base.pathname.slice(1) || "warroom"}_t${process.pid}_${++counter}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const config: DatabaseConfig = { kind: "postgres", url: url.toString(), poolSize: 5 };
    return {
      config,
      open: () => openDatabase(config, testLogger),
      dispose: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  },
};

/** PGlite, plus PostgreSQL when a server is configured. */
export const backends: Backend[] = postgresUrl ? [pgliteBackend, postgresBackend] : [pgliteBackend];

/** PostgreSQL only (multi-replica tests); empty when no server is configured. */
export const postgresBackends: Backend[] = postgresUrl ? [postgresBackend] : [];
