/**
 * What the radar's use-cases need. Built once in the composition root; tests pass fakes.
 */
import type { JobQueue } from "../jobs/job-queue.ts";
import type { Logger } from "../logger.ts";
import type { ChatPlatform } from "../ports/chat-platform.ts";
import type { Clock } from "../ports/clock.ts";
import type { CrmSource } from "../ports/crm-source.ts";
import type { Database } from "../storage/database.ts";
import type { TriageFn } from "./radar-types.ts";

/** Dependencies of the radar. */
export interface RadarDeps {
  db: Database;
  crm: CrmSource;
  triage: TriageFn;
  clock: Clock;
  logger: Logger;
  queue: JobQueue;
  /** Where alerts are posted (the primary platform), and its channel id; null channel: alerts are not sent. */
  chat: ChatPlatform;
  triageChannel: string | null;
  /** Score (0..1) above which an alert goes out (RISK_ALERT_THRESHOLD). */
  threshold: number;
}
