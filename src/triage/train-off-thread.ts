/**
 * Trains a topic model on a worker thread of its own and resolves with the classifier; the thread exits
 * when done. The weights come back as transferred typed arrays, so nothing large is copied.
 */
import { Worker } from "node:worker_threads";
import { deserializeError, type SerializedError } from "../thread-errors.ts";
import { classifierOf, type LabelledText, type TopicWeights } from "./train-topic-model.ts";
import type { TopicClassifier } from "./types.ts";

type Answer = { ok: true; weights: TopicWeights } | { ok: false; error: SerializedError };

/** Fits a topic model on `examples` off the calling thread. */
export function trainTopicModelOffThread(examples: readonly LabelledText[]): Promise<TopicClassifier> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./topic-worker.ts", import.meta.url), { workerData: examples });
    let settled = false;
    worker.once("message", (answer: Answer) => {
      settled = true;
      if (answer.ok) resolve(classifierOf(answer.weights));
      else reject(deserializeError(answer.error));
    });
    worker.once("error", (error) => {
      settled = true;
      reject(new Error(`the topic learner's thread failed: ${error.message}`, { cause: error }));
    });
    worker.once("exit", (code) => {
      if (!settled)
        reject(new Error(`the topic learner's thread stopped (exit code ${code}) before answering`));
    });
  });
}
