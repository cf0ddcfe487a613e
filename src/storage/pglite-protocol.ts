/**
 * Messages between warroom and the worker thread that runs its embedded database (pglite-worker.ts).
 * Rows and parameters cross by structured clone (dates, bigints, byte arrays and JSON values survive);
 * errors cross as their fields (src/thread-errors.ts), so a PostgreSQL error keeps its `code`, `detail`
 * and `constraint`.
 */
import type { SerializedError } from "../thread-errors.ts";

/**
 * PGlite's WebAssembly, compiled once per process and shared by every database's worker (a compiled module
 * crosses threads without copying its code), and its file bundle: each worker would otherwise compile
 * PostgreSQL again, cold.
 */
export interface PgliteAssets {
  /** A WebAssembly.Module (this project's TypeScript libraries do not declare WebAssembly). */
  wasmModule: object;
  fsBundle: Uint8Array;
}

/** What the worker is asked to do; `id` pairs the answer with the request. */
export type PgliteRequest =
  | { id: number; op: "open"; dataDir: string | null; startParams: string[]; assets: PgliteAssets }
  | { id: number; op: "query"; sql: string; params?: unknown[]; tx?: number }
  | { id: number; op: "exec"; sql: string; tx?: number }
  | { id: number; op: "begin" }
  | { id: number; op: "commit" | "rollback"; tx: number }
  | { id: number; op: "close" };

/** The worker's answer: rows (query, exec), a transaction number (begin), or an error. */
export type PgliteResponse =
  | { id: number; ok: true; rows?: Record<string, unknown>[]; tx?: number }
  | { id: number; ok: false; error: SerializedError };
