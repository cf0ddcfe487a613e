/**
 * Embedded PostgreSQL (PGlite) in a data directory, run on a worker thread of its own (pglite-worker.ts):
 * PGlite executes SQL synchronously on the thread that calls it, which on the request loop would hold up
 * every socket while a burst of statements runs. One process at a time may open a directory: a lock file
 * says so clearly instead of letting a second process corrupt it.
 */
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import lockfile from "proper-lockfile";
import { ConfigError } from "../errors.ts";
import { deserializeError } from "../thread-errors.ts";
import type { Database, Row, Sql } from "./database.ts";
import type { PgliteAssets, PgliteRequest, PgliteResponse } from "./pglite-protocol.ts";

/** Options for the embedded database. */
export interface PgliteOptions {
  /** Folder for the database files; `null` keeps everything in memory (tests). */
  dataDir: string | null;
}

/**
 * PGlite's own start parameters (pglite/dist: `PGlite.defaultStartParams`, repeated here so that this thread
 * never loads PGlite), plus shared buffers: PostgreSQL's 128 MB default is sized for a server, warroom's
 * embedded database is a few megabytes of rows read by one process, and every buffer touched stays in its
 * memory.
 */
const START_PARAMS = [
  "--single",
  "-F",
  "-O",
  "-j",
  ...["search_path=public", "exit_on_error=false", "log_checkpoints=false", "max_worker_processes=0"],
  ...["max_parallel_workers=0", "max_parallel_workers_per_gather=0", "io_method=sync"],
  ...["max_parallel_maintenance_workers=0", "shared_buffers=16MB"],
].flatMap((param) => (param.includes("=") ? ["-c", param] : [param]));

/** The WebAssembly compiler, as far as this file uses it (the TypeScript libraries here omit it). */
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object> } })
  .WebAssembly;
let assets: Promise<PgliteAssets> | undefined;

/** PGlite's compiled WebAssembly and file bundle, read once per process (see PgliteAssets). */
function pgliteAssets(): Promise<PgliteAssets> {
  assets ??= (async () => {
    const dist = dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")));
    const [code, fsBundle] = await Promise.all([
      readFile(join(dist, "pglite.wasm")),
      readFile(join(dist, "pglite.data")),
    ]);
    return { wasmModule: await wasm.compile(code), fsBundle };
  })();
  return assets;
}

/** A request as callers write it: the worker's `id` is added when it is sent (one Omit per kind of request). */
type Request = PgliteRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/**
 * The worker and the requests waiting for its answers. The answers come back on a port of their own, which
 * the event loop reads only between two of its turns: under a burst one turn reads many requests, so an
 * answer that came in meanwhile (a stored job whose ack is waiting) would wait for all of them.
 * `deliverAnswers` reads that port at once, from wherever the caller is.
 */
class PgliteWorker {
  readonly #answers: MessagePort;
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (r: PgliteResponse & { ok: true }) => void; reject: (e: Error) => void }
  >();
  #nextId = 1;
  #failure: Error | null = null;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.#answers = port1;
    this.#worker = new Worker(new URL("./pglite-worker.ts", import.meta.url), {
      // Its JavaScript only passes messages: a small young generation keeps ~20 MB less resident than
      // V8's default.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
      workerData: { answers: port2 },
      transferList: [port2],
    });
    this.#answers.on("message", (response: PgliteResponse) => this.#answer(response));
    const fail = (error: Error) => {
      this.#failure = error;
      // Answers the thread sent before it ended still count; only the rest fail.
      this.deliverAnswers();
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
      this.#answers.close();
    };
    this.#worker.on("error", (error) =>
      fail(new Error(`the embedded database stopped: ${error.message}`, { cause: error })),
    );
    this.#worker.on("exit", (code) =>
      fail(new Error(`the embedded database is closed (its thread exited with ${code})`)),
    );
    // The worker keeps the process alive while an answer is awaited (see call), so that its end is heard
    // even when nothing else is running; the port never does.
    this.#worker.unref();
    this.#answers.unref();
  }

  #answer(response: PgliteResponse): void {
    const waiting = this.#pending.get(response.id);
    if (!waiting) return;
    this.#pending.delete(response.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (response.ok) waiting.resolve(response);
    else waiting.reject(deserializeError(response.error));
  }

  /** Settles the requests whose answers have come in, without waiting for the event loop to read them. */
  deliverAnswers(): void {
    if (this.#pending.size === 0) return;
    let received = receiveMessageOnPort(this.#answers);
    while (received) {
      this.#answer(received.message as PgliteResponse);
      received = receiveMessageOnPort(this.#answers);
    }
  }

  /** Sends a request; the worker keeps the process alive only while an answer is awaited. */
  call(request: Request): Promise<PgliteResponse & { ok: true }> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ ...request, id });
    });
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }
}

/** Opens (creating on first use) the embedded database. */
export async function openPgliteDatabase(options: PgliteOptions): Promise<Database> {
  let release: (() => Promise<void>) | null = null;
  if (options.dataDir !== null) {
    await makeDataDir(options.dataDir);
    release = await lockDataDir(options.dataDir);
  }
  const worker = new PgliteWorker();
  try {
    const dataDir = options.dataDir === null ? null : join(options.dataDir, "pglite");
    await worker.call({ op: "open", dataDir, startParams: START_PARAMS, assets: await pgliteAssets() });
  } catch (error) {
    await worker.terminate();
    await release?.();
    throw error;
  }
  return new PgliteDatabase(worker, release);
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

function wrap(worker: PgliteWorker, tx?: number): Sql {
  return {
    async query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]> {
      const answer = await worker.call({
        op: "query",
        sql: text,
        ...(params ? { params: [...params] } : {}),
        tx,
      });
      return (answer.rows ?? []) as R[];
    },
    async exec<R extends Row = Row>(script: string): Promise<R[]> {
      return ((await worker.call({ op: "exec", sql: script, tx })).rows ?? []) as R[];
    },
  };
}

class PgliteDatabase implements Database {
  readonly kind = "pglite" as const;
  readonly #worker: PgliteWorker;
  readonly #release: (() => Promise<void>) | null;
  readonly #sql: Sql;
  readonly #locks = new Map<string, Promise<void>>();
  #closed = false;

  constructor(worker: PgliteWorker, release: (() => Promise<void>) | null) {
    this.#worker = worker;
    this.#release = release;
    this.#sql = wrap(worker);
  }

  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return this.#sql.query<R>(text, params);
  }

  exec<R extends Row = Row>(script: string): Promise<R[]> {
    return this.#sql.exec<R>(script);
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const { tx } = await this.#worker.call({ op: "begin" });
    if (tx === undefined) throw new Error("the embedded database started no transaction");
    let result: T;
    try {
      result = await work(wrap(this.#worker, tx));
    } catch (error) {
      await this.#worker.call({ op: "rollback", tx }).catch(() => undefined);
      throw error;
    }
    await this.#worker.call({ op: "commit", tx });
    return result;
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

  deliverAnswers(): void {
    this.#worker.deliverAnswers();
  }

  async ping(): Promise<void> {
    await this.#sql.query("SELECT 1");
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      try {
        await this.#worker.call({ op: "close" });
      } finally {
        await this.#worker.terminate();
      }
    }
    await this.#release?.();
  }
}
