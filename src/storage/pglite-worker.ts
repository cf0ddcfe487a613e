/**
 * The worker thread that owns the embedded database. PGlite runs PostgreSQL as WebAssembly on the thread
 * that calls it, synchronously per statement: here, a burst of inserts no longer keeps the request loop
 * from reading sockets. Requests arrive from pglite-database.ts (see pglite-protocol.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { PGlite, type PGliteOptions, type Transaction } from "@electric-sql/pglite";
import { serializeError } from "../thread-errors.ts";
import type { PgliteAssets, PgliteRequest, PgliteResponse } from "./pglite-protocol.ts";
import { readPgliteTemplate } from "./pglite-template.ts";

const port = parentPort;
/** Where answers go: a port of their own, which the main thread may read at once (see pglite-database.ts). */
const answers = (workerData as { answers?: MessagePort } | null)?.answers;
if (!port || !answers) throw new Error("pglite-worker.ts runs as a worker thread (see pglite-database.ts)");

let pglite: PGlite | null = null;
let nextTx = 1;
/** Open transactions: the transaction handle and how to end it. */
const transactions = new Map<number, { tx: Transaction; end: (commit: boolean) => Promise<void> }>();

function database(): PGlite {
  if (!pglite) throw new Error("the embedded database is not open");
  return pglite;
}

function target(tx: number | undefined): PGlite | Transaction {
  if (tx === undefined) return database();
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.tx;
}

async function open(dataDir: string | null, startParams: string[], assets: PgliteAssets): Promise<void> {
  const shared = {
    startParams,
    pgliteWasmModule: assets.wasmModule as PGliteOptions["pgliteWasmModule"],
    fsBundle: new Blob([assets.fsBundle]),
  };
  if (dataDir === null) {
    pglite = await PGlite.create(shared);
    return;
  }
  // A new directory starts from the install-time template when there is one (seconds of initdb saved).
  const template = existsSync(join(dataDir, "PG_VERSION")) ? undefined : await readPgliteTemplate();
  pglite = await PGlite.create({ dataDir, ...shared, ...(template ? { loadDataDir: template } : {}) });
}

/** Starts a transaction and keeps it open until commit or rollback arrives for its number. */
function begin(): Promise<number> {
  return new Promise((started, failedToStart) => {
    const tx = nextTx++;
    const ROLLBACK = Symbol("rollback");
    const settled = database()
      .transaction(
        (handle) =>
          new Promise<void>((commit, rollback) => {
            transactions.set(tx, {
              tx: handle,
              end: async (ok) => {
                if (ok) commit();
                else rollback(ROLLBACK);
                await settled;
              },
            });
            started(tx);
          }),
      )
      .catch((error: unknown) => {
        if (error !== ROLLBACK) throw error;
      })
      .finally(() => transactions.delete(tx));
    settled.catch(failedToStart);
  });
}

async function handle(request: PgliteRequest): Promise<Omit<PgliteResponse & { ok: true }, "id" | "ok">> {
  switch (request.op) {
    case "open":
      await open(request.dataDir, request.startParams, request.assets);
      return {};
    case "query":
      return {
        rows: (await target(request.tx).query(request.sql, request.params)).rows as Record<string, unknown>[],
      };
    case "exec": {
      const results = await target(request.tx).exec(request.sql);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    }
    case "begin":
      return { tx: await begin() };
    case "commit":
    case "rollback": {
      const open = transactions.get(request.tx);
      if (!open) throw new Error(`transaction ${request.tx} is not open`);
      await open.end(request.op === "commit");
      return {};
    }
    case "close":
      if (pglite && !pglite.closed) await pglite.close();
      return {};
  }
}

port.on("message", (request: PgliteRequest) => {
  handle(request).then(
    (answer) => answers.postMessage({ id: request.id, ok: true, ...answer } satisfies PgliteResponse),
    (error: unknown) =>
      answers.postMessage({
        id: request.id,
        ok: false,
        error: serializeError(error),
      } satisfies PgliteResponse),
  );
});
