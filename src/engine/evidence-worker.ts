/**
 * The worker thread that runs the evidence engine for a running service (run-evidence.ts starts it): the
 * engine is CPU work of up to seconds on a large account, and its modules (the NLP tagger, the search
 * index) are memory the request loop does not need between war-rooms.
 */
import { parentPort } from "node:worker_threads";
import { serializeError } from "../thread-errors.ts";
import { analyzeWithEvidence } from "./evidence-engine.ts";
import type { EvidenceRequest, EvidenceResponse } from "./run-evidence.ts";

const port = parentPort;
if (!port) throw new Error("evidence-worker.ts runs as a worker thread (see run-evidence.ts)");

port.on("message", ({ id, bundle, options }: EvidenceRequest) => {
  let answer: EvidenceResponse;
  try {
    answer = { id, ok: true, analysis: analyzeWithEvidence(bundle, options) };
  } catch (error) {
    answer = { id, ok: false, error: serializeError(error) };
  }
  port.postMessage(answer);
});
