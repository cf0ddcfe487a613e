/**
 * The one database interface the core uses, implemented by embedded PGlite and by a PostgreSQL pool.
 * Both run the same SQL and the same migrations; nothing above this file knows which one it has.
 */

/** A result row: column name to value. */
export type Row = Record<string, unknown>;

/** Runs SQL; inside a transaction this is the transaction. */
export interface Sql {
  /** One statement with `$1`-style parameters; returns its rows. */
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of one or more statements without parameters; returns the last statement's rows. */
  exec<R extends Row = Row>(script: string): Promise<R[]>;
}

/** A connection to warroom's database. */
export interface Database extends Sql {
  /** Which engine backs it: embedded PGlite or a PostgreSQL server. */
  readonly kind: "pglite" | "postgres";
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding a database-wide lock named by `key`, so replicas take turns. The lock is held
   * on a connection of its own: `work` may use the database freely (but not another `withLock` on the key).
   */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel`, from any replica, until the returned
   * function is called. Only a server shared by replicas has it (PostgreSQL); one process owns PGlite.
   */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Settles at once the queries whose answers have already come in, instead of when the event loop next
   * reads them (the embedded database answers from its own thread; a server's answers arrive on sockets the
   * loop must read). Called between two requests of a burst, so that stored jobs are acked among them.
   */
  deliverAnswers?(): void;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Closes connections; the object is unusable afterwards. */
  close(): Promise<void>;
}
