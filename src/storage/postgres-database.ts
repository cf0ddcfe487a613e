/**
 * PostgreSQL through a node-postgres pool: what several replicas share.
 */
import pg from "pg";
import { WarroomError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { Database, Row, Sql } from "./database.ts";

/** Options for the PostgreSQL pool. */
export interface PostgresOptions {
  url: string;
  poolSize: number;
  logger: Logger;
  /** How long a connection above the warm ones may sit idle before it is closed (default 10 s). */
  idleTimeoutMs?: number;
}

/**
 * Connections the pool keeps open however quiet it gets: as many as a burst's job INSERTs under way at once
 * (MAX_INSERTS_IN_FLIGHT in job-queue.ts). A burst of /escalate after a quiet spell stores its requests
 * before acking them: on connections already open, not ones that must first be opened (TCP, TLS and
 * authentication: milliseconds on this machine, tens of them to a managed server) while Slack's three
 * seconds run.
 */
export const WARM_CONNECTIONS = 3;

/** Opens a pool and checks that the server answers. */
export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    min: Math.min(WARM_CONNECTIONS, options.poolSize),
    idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
    application_name: "warroom",
    connectionTimeoutMillis: 10_000,
  });
  // An idle client that loses its server emits here; without a listener node would crash the process.
  pool.on("error", (error) => options.logger.warn({ err: error }, "idle PostgreSQL connection failed"));
  const database = new PostgresDatabase(pool, options);
  try {
    await database.ping();
  } catch (error) {
    await pool.end();
    throw describeConnectError(error, options.url);
  }
  return database;
}

/** Why the server could not be used, naming DATABASE_URL (without its password) and what to check. */
function describeConnectError(error: unknown, url: string): WarroomError {
  const e = error as NodeJS.ErrnoException & { errors?: Error[] };
  const target = new URL(url);
  const where = `${target.hostname}:${target.port || 5432}${target.pathname}`;
  const reason = e.message || e.errors?.[0]?.message || String(error);
  const hint =
    e.code === "28P01" || e.code === "28000"
      ? `check the user and password in DATABASE_URL (user "${decodeURIComponent(target.username)}")`
      : e.code === "3D000"
        ? "create the database first (CREATE DATABASE …) or fix its name in DATABASE_URL"
        : "check that the server runs and that DATABASE_URL's host and port are right";
  return new WarroomError(
    "database_unreachable",
    `DATABASE_URL: cannot use PostgreSQL at ${where} (${reason}); ${hint}`,
    { cause: error },
  );
}

/**
 * LISTEN on a connection of its own (outside the pool, which it would otherwise hold forever); a lost
 * connection is opened again a second later, so a server restart only delays wake-ups.
 */
async function listenOn(
  options: PostgresOptions,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  const again = (): void => {
    if (!stopped) setTimeout(() => void connect().catch(again), 1000).unref();
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url, application_name: "warroom-listen" });
    next.on("notification", (message) => {
      if (message.channel === channel) onNotify(message.payload ?? "");
    });
    next.on("error", (error) => {
      options.logger.warn({ err: error }, "PostgreSQL LISTEN connection lost; listening again in 1 s");
      void next.end().catch(() => undefined);
      again();
    });
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}

function wrap(client: pg.Pool | pg.PoolClient): Sql {
  return {
    async query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]> {
      const result = await client.query<R>(text, params ? [...params] : undefined);
      return result.rows;
    },
    async exec<R extends Row = Row>(script: string): Promise<R[]> {
      // A multi-statement script answers with one result per statement.
      const result: pg.QueryResult<R> | pg.QueryResult<R>[] = await client.query<R>(script);
      return Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows;
    },
  };
}

class PostgresDatabase implements Database {
  readonly kind = "postgres" as const;
  readonly #pool: pg.Pool;
  readonly #sql: Sql;
  readonly #options: PostgresOptions;
  readonly #listeners = new Set<() => Promise<void>>();
  /** Connections holding advisory locks (outside the pool). */
  readonly #lockClients = new Set<pg.Client>();
  /** Clients checked out for a transaction or a lock, until they are given back. */
  readonly #held = new Set<pg.PoolClient>();

  constructor(pool: pg.Pool, options: PostgresOptions) {
    this.#pool = pool;
    this.#sql = wrap(pool);
    this.#options = options;
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const stop = await listenOn(this.#options, channel, onNotify);
    this.#listeners.add(stop);
    return async () => {
      this.#listeners.delete(stop);
      await stop();
    };
  }

  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return this.#sql.query<R>(text, params);
  }

  exec<R extends Row = Row>(script: string): Promise<R[]> {
    return this.#sql.exec<R>(script);
  }

  async #checkOut(): Promise<pg.PoolClient> {
    const client = await this.#pool.connect();
    this.#held.add(client);
    return client;
  }

  /** Returns a client to the pool (or ends its connection); a client `close` already ended is left alone. */
  #giveBack(client: pg.PoolClient, end = false): void {
    if (this.#held.delete(client)) client.release(end);
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.#checkOut();
    try {
      await client.query("BEGIN");
      const result = await work(wrap(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      this.#giveBack(client);
    }
  }

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    // A connection outside the pool: locks held for a whole job (several at once) must never leave the
    // work inside them waiting for a pooled connection. `close` ends it like a held pool client.
    const client = new pg.Client({ connectionString: this.#options.url, application_name: "warroom-lock" });
    client.on("error", (error) =>
      this.#options.logger.warn({ err: error, key }, "lock connection lost; the lock is released"),
    );
    await client.connect();
    this.#lockClients.add(client);
    try {
      await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
      try {
        return await work();
      } finally {
        await client
          .query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key])
          .catch(() => undefined);
      }
    } finally {
      if (this.#lockClients.delete(client)) await client.end().catch(() => undefined);
    }
  }

  async ping(): Promise<void> {
    await this.#pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    await Promise.all([...this.#listeners].map((stop) => stop()));
    // Work still holding a client now outlived the shutdown's grace period (a job waiting on a hung Slack
    // call under its war-room lock): its connection is ended, which rolls its transaction back and frees
    // its advisory lock, so the pool can end instead of waiting for the call; the job runs again elsewhere.
    for (const client of [...this.#held]) this.#giveBack(client, true);
    const locks = [...this.#lockClients];
    this.#lockClients.clear();
    await Promise.all(locks.map((client) => client.end().catch(() => undefined)));
    await this.#pool.end();
  }
}
