/**
 * The worker thread that fits a topic model (train-off-thread.ts starts one per training): fitting takes
 * seconds on a large history, which must not stall the request loop.
 */
import { parentPort, workerData } from "node:worker_threads";
import { serializeError } from "../thread-errors.ts";
import { fitTopicWeights, type LabelledText } from "./train-topic-model.ts";

const port = parentPort;
if (!port) throw new Error("topic-worker.ts runs as a worker thread (see train-off-thread.ts)");

try {
  const weights = fitTopicWeights(workerData as LabelledText[]);
  port.postMessage({ ok: true, weights }, [
    weights.column.buffer,
    weights.idf.buffer,
    weights.w.buffer,
    weights.bias.buffer,
  ]);
} catch (error) {
  port.postMessage({ ok: false, error: serializeError(error) });
}
