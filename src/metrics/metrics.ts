/**
 * Operators' metrics in Prometheus form (prom-client), one registry per process: Prometheus scrapes every
 * replica and sums them, so counters and histograms of what this process did belong here. What replicas
 * share (jobs by state, open war-rooms) is not counted here but read from the database at scrape time
 * (src/storage/read-shared-gauges.ts). Adapters report their calls through `recordExternalCall` at their
 * one seam (a fetch, an SDK middleware, a query runner), so no call site carries metrics code.
 */
import { Counter, Histogram, Registry } from "prom-client";

/** The external systems warroom calls. */
export type ExternalSystem = "slack" | "teams" | "salesforce" | "notion" | "llm";

/** How one call went: answered, failed, or refused for its rate. */
export type CallOutcome = "ok" | "error" | "rate_limited";

/** The process's registry (the scrape renders it with the shared gauges). */
export const registry = new Registry();

/** Seconds from a command to something people see: a few hundred ms up to minutes. */
const FLOW_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60, 120, 300];

const warRoomsOpened = new Counter({
  name: "warroom_war_rooms_opened_total",
  help: "War-rooms created (a channel or thread exists), by platform.",
  labelNames: ["platform"] as const,
  registers: [registry],
});
const warRoomsResolved = new Counter({
  name: "warroom_war_rooms_resolved_total",
  help: "Escalations resolved.",
  registers: [registry],
});
const commandToRoom = new Histogram({
  name: "warroom_command_to_room_seconds",
  help: "Seconds from the escalate command to its war-room existing.",
  buckets: FLOW_BUCKETS,
  registers: [registry],
});
const commandToFirstHypothesis = new Histogram({
  name: "warroom_command_to_first_hypothesis_seconds",
  help: "Seconds from the escalate command to its first hypothesis posted.",
  buckets: FLOW_BUCKETS,
  registers: [registry],
});
const jobFailures = new Counter({
  name: "warroom_job_failures_total",
  help: "Job attempts that threw (pg-boss retries them while retries remain), by job.",
  labelNames: ["job"] as const,
  registers: [registry],
});
const externalCalls = new Counter({
  name: "warroom_external_calls_total",
  help: "HTTP calls to external systems by system and outcome (ok, error, rate_limited).",
  labelNames: ["system", "outcome"] as const,
  registers: [registry],
});
const llmDuration = new Histogram({
  name: "warroom_llm_request_duration_seconds",
  help: "Seconds one LLM request took (retries within it included), by outcome.",
  labelNames: ["outcome"] as const,
  buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120],
  registers: [registry],
});
const llmFallbacks = new Counter({
  name: "warroom_llm_fallbacks_total",
  help: "Analyses where the LLM failed and the evidence engine's answer stood, by reason.",
  labelNames: ["reason"] as const,
  registers: [registry],
});

/** Seconds since `start` (a Date or a performance.now() reading). */
const since = (start: Date | number) =>
  start instanceof Date ? (Date.now() - start.getTime()) / 1000 : (performance.now() - start) / 1000;

/** A war-room was created on `platform`, `openedAt` being when it was asked for. */
export function recordWarRoomOpened(platform: string, openedAt: Date): void {
  warRoomsOpened.inc({ platform });
  commandToRoom.observe(Math.max(0, since(openedAt)));
}

/** The first hypothesis of an escalation asked for at `openedAt` was posted. */
export function recordFirstHypothesis(openedAt: Date): void {
  commandToFirstHypothesis.observe(Math.max(0, since(openedAt)));
}

/** An escalation was resolved. */
export function recordWarRoomResolved(): void {
  warRoomsResolved.inc();
}

/** A job attempt threw. */
export function recordJobFailure(job: string): void {
  jobFailures.inc({ job });
}

/** One call to an external system. */
export function recordExternalCall(system: ExternalSystem, outcome: CallOutcome): void {
  externalCalls.inc({ system, outcome });
}

/** One LLM request, started at `start` (performance.now()). */
export function recordLlmRequest(start: number, outcome: CallOutcome): void {
  llmDuration.observe({ outcome }, since(start));
}

/** The LLM failed and the evidence engine's analysis stood. */
export function recordLlmFallback(reason: string): void {
  llmFallbacks.inc({ reason });
}

/** The outcome of an HTTP status: 429 is a rate limit, 4xx/5xx an error. */
export function outcomeOfStatus(status: number): CallOutcome {
  return status === 429 ? "rate_limited" : status >= 400 ? "error" : "ok";
}
