/** Names of the war-room jobs (one module so handlers, use-cases and the queue agree). */
export const OPEN_WAR_ROOM_JOB = "open-war-room";
export const NEXT_HYPOTHESES_JOB = "next-hypotheses";
export const SYNC_FINDING_JOB = "sync-finding";
export const POLL_ESCALATED_CASES_JOB = "poll-escalated-cases";
export const REFRESH_KNOWLEDGE_JOB = "refresh-knowledge";
export const RESYNC_FINDINGS_JOB = "resync-findings";
export const SYNC_TASK_JOB = "sync-follow-up-task";
export const LLM_VIEW_JOB = "llm-view";
export const CATCH_UP_JOB = "catch-up";
