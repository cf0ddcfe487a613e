/**
 * The CRM poll for triage: every case created or modified since the persisted watermark is triaged and
 * stored with its triage, with the escalated-case poll's discipline: one replica at a time (an advisory
 * lock), a two-minute overlap for late commits, the watermark advanced only past stored batches and never
 * backwards, and polls paused until the CRM's back-off deadline when its API allocation is spent. Unchanged
 * cases seen again in the overlap are skipped by their content hash.
 */
import { RateLimitedError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { Clock } from "../ports/clock.ts";
import type { CrmSource } from "../ports/crm-source.ts";
import { advanceTimeCursor, getCursor, setCursor } from "../storage/cursor-store.ts";
import type { Database } from "../storage/database.ts";
import type { TriageService } from "./triage-service.ts";

/** The poll's watermark: the newest case modification already triaged. */
export const TICKET_POLL_WATERMARK = "crm:modified-cases:watermark";
/** Polls skip until this time after the CRM refused for its API limit. */
export const TICKET_POLL_BACKOFF = "crm:modified-cases:backoff-until";
const OVERLAP_MS = 2 * 60_000;
/** The first poll reads the last 30 days: enough labelled history to learn topics from. */
const FIRST_LOOKBACK_MS = 30 * 24 * 3600_000;
/** Cases stored per statement; the watermark advances after each batch. */
const BATCH = 200;

/** What the poll needs. */
export interface TicketPollDeps {
  db: Database;
  crm: CrmSource;
  triage: TriageService;
  clock: Clock;
  logger: Logger;
}

/** What one poll did. */
export interface TicketPollOutcome {
  skipped?: "no-capability" | "backing-off";
  seen: number;
  created: number;
  updated: number;
}

/** Polls the CRM once; replicas take turns. */
export function pollModifiedTickets(deps: TicketPollDeps): Promise<TicketPollOutcome> {
  return deps.db.withLock("poll-modified-cases", () => pollUnlocked(deps));
}

async function pollUnlocked(deps: TicketPollDeps): Promise<TicketPollOutcome> {
  const outcome: TicketPollOutcome = { seen: 0, created: 0, updated: 0 };
  const list = deps.crm.listModifiedCases?.bind(deps.crm);
  if (!list) return { ...outcome, skipped: "no-capability" };
  const now = deps.clock.now();
  const backoff = await getCursor(deps.db, TICKET_POLL_BACKOFF);
  if (backoff && Date.parse(backoff) > now.getTime()) return { ...outcome, skipped: "backing-off" };
  const watermark = await getCursor(deps.db, TICKET_POLL_WATERMARK);
  const since = watermark ? Date.parse(watermark) - OVERLAP_MS : now.getTime() - FIRST_LOOKBACK_MS;
  try {
    const cases = await list(new Date(since));
    outcome.seen = cases.length;
    for (let i = 0; i < cases.length; i += BATCH) {
      const batch = cases.slice(i, i + BATCH);
      const result = await deps.triage.record(batch, "salesforce");
      outcome.created += result.created.length;
      outcome.updated += result.updated.length;
      await advanceTimeCursor(deps.db, TICKET_POLL_WATERMARK, batch.at(-1)!.modifiedAt);
    }
    if (cases.length === 0 && !watermark) await advanceTimeCursor(deps.db, TICKET_POLL_WATERMARK, now);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const until = new Date(now.getTime() + error.retryAfterMs);
    await setCursor(deps.db, TICKET_POLL_BACKOFF, until.toISOString());
    deps.logger.warn({ until }, "CRM API limit reached: ticket triage polls paused");
    return { ...outcome, skipped: "backing-off" };
  }
  // Relearn the topics when the labelled history grew (a failure is logged and keeps the current model).
  if (outcome.created > 0) await deps.triage.learnTopics();
  return outcome;
}
