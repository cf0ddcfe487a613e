/**
 * Where the LLM's view of a round is kept: a timeline event, written once per round by add-llm-view.ts and
 * read by the summary (its note) and the catch-up.
 */
import { v5 as uuidv5 } from "uuid";
import type { Sql } from "../storage/database.ts";
import { listTimelineEvents } from "../storage/escalation-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { LLM_VIEW_JOB } from "./job-names.ts";

/** Namespace of the LLM view jobs' ids (uuid v5 of escalation and round): one job per round, any replica. */
const LLM_VIEW_NAMESPACE = "0d6a3c1e-8b5f-4d2a-9e7c-3f1b2a4c5d13";

/** Timeline kind of a round's LLM view; `data.round`, `data.outcome` ("answered" | "failed"), `data.note`. */
export const LLM_VIEW_EVENT = "llm-view";

/** The stored LLM view of a round, or null when it has none yet. */
export async function llmViewOf(
  escalationId: string,
  round: number,
  sql: Sql,
): Promise<{ outcome: string; note?: string } | null> {
  const events = await listTimelineEvents(sql, escalationId, LLM_VIEW_EVENT);
  const event = events.find((e) => e.data.round === round);
  return event ? (event.data as { outcome: string; note?: string }) : null;
}

/**
 * Queues the LLM's view of a round when an LLM is configured (once per round, whatever the retries of the
 * job that posted the round).
 */
export async function queueLlmView(
  escalationId: string,
  round: number,
  deps: Pick<WarRoomDeps, "llm" | "queue">,
): Promise<void> {
  if (!deps.llm) return;
  const id = uuidv5(`${escalationId}:${round}`, LLM_VIEW_NAMESPACE);
  await deps.queue.send(LLM_VIEW_JOB, { escalationId, round }, { id });
}
