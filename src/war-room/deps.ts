/**
 * What the war-room use-cases need. Built once in the composition root; tests pass fakes.
 */
import type { EvidenceRunner } from "../engine/run-evidence.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { Logger } from "../logger.ts";
import type { ChatPlatform } from "../ports/chat-platform.ts";
import type { Clock } from "../ports/clock.ts";
import type { CrmSource } from "../ports/crm-source.ts";
import type { KnowledgeBase } from "../ports/knowledge-base.ts";
import type { LlmClient } from "../ports/llm-client.ts";
import type { Database } from "../storage/database.ts";
import type { RoutingRules } from "./routing-rules.ts";

/** Dependencies of the war-room use-cases. */
export interface WarRoomDeps {
  db: Database;
  crm: CrmSource;
  knowledge: KnowledgeBase;
  chat: ChatPlatform;
  llm: LlmClient | null;
  /** Where the evidence engine runs: off the request loop in a service; in this thread when absent. */
  evidence?: EvidenceRunner;
  queue: JobQueue;
  logger: Logger;
  clock: Clock;
  routing: RoutingRules;
  /** Archive the room when the escalation is closed. */
  archiveOnClose: boolean;
  /** Channel id where war-rooms opened from CRM cases are announced, or null. */
  triageChannel: string | null;
  /**
   * ADMIN_USERS: user ids (Slack or Teams) or emails of people who may resolve, reopen or close any
   * war-room besides its owners; absent or empty: owners only.
   */
  admins?: readonly string[];
}
