/**
 * Where the evidence engine runs. A one-shot command runs it in its own thread; a service runs it on a
 * worker thread started on the first analysis and stopped after a quiet minute, so that neither the
 * engine's CPU time nor its modules' memory sit on the request loop that acks Slack.
 */
import { Worker } from "node:worker_threads";
import type { Analysis } from "../domain/analysis.ts";
import type { CaseBundle } from "../domain/case-bundle.ts";
import { ConfigError, InputError } from "../errors.ts";
import { deserializeError, type SerializedError } from "../thread-errors.ts";
import type { EvidenceEngineOptions } from "./evidence-engine.ts";

/** Runs the evidence engine on a validated bundle. */
export type EvidenceRunner = (bundle: CaseBundle, options?: EvidenceEngineOptions) => Promise<Analysis>;

/** A request to the worker. */
export interface EvidenceRequest {
  id: number;
  bundle: CaseBundle;
  options?: EvidenceEngineOptions;
}

/** The worker's answer. */
export type EvidenceResponse =
  | { id: number; ok: true; analysis: Analysis }
  | { id: number; ok: false; error: SerializedError };

/** In this thread, its modules loaded on first use. */
export const runEvidenceHere: EvidenceRunner = async (bundle, options) => {
  const { analyzeWithEvidence } = await import("./evidence-engine.ts");
  return analyzeWithEvidence(bundle, options);
};

/** A worker-thread runner and how to stop it. */
export interface EvidenceWorker {
  run: EvidenceRunner;
  close(): Promise<void>;
}

/** Errors the engine raises on purpose keep their class, so the caller reports them the same way. */
function rebuild(serialized: SerializedError): Error {
  if (serialized.name === "InputError") return new InputError(serialized.message);
  if (serialized.name === "ConfigError") return new ConfigError(serialized.message);
  return deserializeError(serialized);
}

/** Starts the worker on demand; it exits after `idleMs` without work. */
export function createEvidenceWorker(options: { idleMs?: number } = {}): EvidenceWorker {
  const idleMs = options.idleMs ?? 60_000;
  const pending = new Map<number, { resolve: (a: Analysis) => void; reject: (e: Error) => void }>();
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;

  const stop = async () => {
    clearTimeout(idleTimer);
    const running = worker;
    worker = null;
    await running?.terminate();
  };
  const start = (): Worker => {
    const started = new Worker(new URL("./evidence-worker.ts", import.meta.url));
    started.on("message", (response: EvidenceResponse) => {
      const waiting = pending.get(response.id);
      pending.delete(response.id);
      if (response.ok) waiting?.resolve(response.analysis);
      else waiting?.reject(rebuild(response.error));
      if (pending.size === 0) {
        started.unref();
        idleTimer = setTimeout(() => void stop(), idleMs).unref();
      }
    });
    const fail = (error: Error) => {
      if (worker === started) worker = null;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    started.on("error", (error) => fail(new Error(`the evidence engine's thread failed: ${error.message}`)));
    started.on("exit", () => fail(new Error("the evidence engine's thread stopped")));
    return started;
  };

  return {
    run(bundle, engineOptions) {
      clearTimeout(idleTimer);
      worker ??= start();
      const running = worker;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        running.ref();
        running.postMessage({ id, bundle, options: engineOptions } satisfies EvidenceRequest);
      });
    },
    close: stop,
  };
}
