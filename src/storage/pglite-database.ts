/**
 * Embedded PostgreSQL (PGlite) in a data directory. One process at a time may open a directory: a lock
 * file says so clearly instead of letting a second process corrupt it.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import lockfile from "proper-lockfile";
import { ConfigError } from "../errors.ts";
import type { Database, Row, Sql } from "./database.ts";
import { readPgliteTemplate } from "./pglite-template.ts";

/** Options for the embedded database. */
export interface PgliteOptions {
  /** Folder for the database files; `null` keeps everything in memory (tests). */
  dataDir: string | null;
}

/** Opens (creating on first use) the embedded database. */
export async function openPgliteDatabase(options: PgliteOptions): Promise<Database> {
  let release: (() => Promise<void>) | null = null;
  let pglite: PGlite;
  if (options.dataDir === null) {
    pglite = await PGlite.create();
  } else {
    await makeDataDir(options.dataDir);
    release = await lockDataDir(options.dataDir);
    try {
      const dir = join(options.dataDir, "pglite");
      // A new directory starts from the install-time template when there is one (seconds of initdb saved).
      const template = existsSync(join(dir, "PG_VERSION")) ? undefined : await readPgliteTemplate();
      pglite = await PGlite.create({ dataDir: dir, ...(template ? { loadDataDir: template } : {}) });
    } catch (error) {
      await release();
      throw error;
    }
  }
  return new PgliteDatabase(pglite, release);
}

async function makeDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "EEXIST" || code === "ENOTDIR"
        ? "is a file (or lies under one), not a folder"
        : code === "EACCES" || code === "EPERM" || code === "EROFS"
          ? "cannot be created or written here"
          : `cannot be created (${code ?? (error as Error).message})`;
    throw new ConfigError(
      `DATA_DIR ${dataDir} ${why}: point DATA_DIR at a folder warroom may write (e.g. DATA_DIR=./.data), ` +
        "or set DATABASE_URL to use PostgreSQL",
      { cause: error },
    );
  }
}

async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, { lockfilePath: join(dataDir, "warroom.lock"), stale: 15_000 });
  } catch (error) {
    throw new ConfigError(
      `DATA_DIR ${dataDir} is in use by another warroom process (the embedded database allows one). ` +
        "Stop the other process, point DATA_DIR elsewhere, or set DATABASE_URL to share a PostgreSQL server.",
      { cause: error },
    );
  }
}

function wrap(target: PGlite | Transaction): Sql {
  return {
    async query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]> {
      const result = await target.query<R>(text, params ? [...params] : undefined);
      return result.rows;
    },
    async exec<R extends Row = Row>(script: string): Promise<R[]> {
      const results = await target.exec(script);
      return (results.at(-1)?.rows ?? []) as R[];
    },
  };
}

class PgliteDatabase implements Database {
  readonly kind = "pglite" as const;
  readonly #pglite: PGlite;
  readonly #release: (() => Promise<void>) | null;
  readonly #sql: Sql;
  readonly #locks = new Map<string, Promise<void>>();

  constructor(pglite: PGlite, release: (() => Promise<void>) | null) {
    this.#pglite = pglite;
    this.#release = release;
    this.#sql = wrap(pglite);
  }

  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return this.#sql.query<R>(text, params);
  }

  exec<R extends Row = Row>(script: string): Promise<R[]> {
    return this.#sql.exec<R>(script);
  }

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.#pglite.transaction((tx) => work(wrap(tx)));
  }

  /** One process owns an embedded database (the data-dir lock): callers inside it take turns per key. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#locks.set(key, settled);
    void settled.then(() => {
      if (this.#locks.get(key) === settled) this.#locks.delete(key);
    });
    return run;
  }

  async ping(): Promise<void> {
    await this.#pglite.query("SELECT 1");
  }

  async close(): Promise<void> {
    if (!this.#pglite.closed) await this.#pglite.close();
    await this.#release?.();
  }
}
