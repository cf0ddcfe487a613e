/**
 * Escalated CRM cases open war-rooms by themselves. A scheduled job (one replica per slot) reads the cases
 * marked escalated since the persisted watermark; each case opens one war-room, idempotent by case id
 * across restarts and replicas (a unique index on the escalation's origin reference). A case for an account
 * that already has an open war-room joins it instead. When the CRM says its API allocation is spent, polls
 * pause until the back-off deadline.
 */
import { RateLimitedError } from "../errors.ts";
import type { CrmAccount, EscalatedCase } from "../ports/crm-source.ts";
import { advanceTimeCursor, getCursor, setCursor } from "../storage/cursor-store.ts";
import { recordTimelineEvent } from "../storage/escalation-store.ts";
import { getWarRoom } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { openEscalationAndQueue } from "./queue-war-room.ts";

/** The poll's watermark: the newest case modification already handled. */
export const CASE_POLL_WATERMARK = "crm:escalated-cases:watermark";
/** Polls skip until this time after the CRM refused for its API limit. */
export const CASE_POLL_BACKOFF = "crm:escalated-cases:backoff-until";
/** Cases committed late can carry an older modification time: every poll looks this far behind. */
const OVERLAP_MS = 2 * 60_000;
/** The first poll after installation picks up the last day's escalations, not the whole history. */
const FIRST_LOOKBACK_MS = 24 * 3600_000;

/** What one poll did. */
export interface PollOutcome {
  skipped?: "no-trigger" | "backing-off";
  seen: number;
  opened: string[];
  linked: string[];
}

/**
 * Polls the CRM once and opens (or links) a war-room for every newly escalated case. Polls take turns
 * across replicas: a slow one and the next slot's never handle the same case at once.
 */
export async function pollEscalatedCases(deps: WarRoomDeps): Promise<PollOutcome> {
  return deps.db.withLock("poll-escalated-cases", () => pollUnlocked(deps));
}

async function pollUnlocked(deps: WarRoomDeps): Promise<PollOutcome> {
  const outcome: PollOutcome = { seen: 0, opened: [], linked: [] };
  const list = deps.crm.listEscalatedCases?.bind(deps.crm);
  if (!list) return { ...outcome, skipped: "no-trigger" };
  const now = deps.clock.now();
  const backoff = await getCursor(deps.db, CASE_POLL_BACKOFF);
  if (backoff && Date.parse(backoff) > now.getTime()) return { ...outcome, skipped: "backing-off" };
  const watermark = await getCursor(deps.db, CASE_POLL_WATERMARK);
  const since = watermark ? Date.parse(watermark) - OVERLAP_MS : now.getTime() - FIRST_LOOKBACK_MS;
  try {
    const cases = await list(new Date(since));
    outcome.seen = cases.length;
    for (const c of cases) {
      const result = await openFromCase(c, deps);
      if (result?.kind === "opened") outcome.opened.push(result.escalationId);
      if (result?.kind === "linked") outcome.linked.push(result.escalationId);
      // Advance as we go: a failure halfway leaves the handled cases behind the watermark.
      await advanceTimeCursor(deps.db, CASE_POLL_WATERMARK, c.modifiedAt);
    }
    if (cases.length === 0 && !watermark) await advanceTimeCursor(deps.db, CASE_POLL_WATERMARK, now);
    return outcome;
  } catch (error) {
    // The allocation can run out at the first call or halfway through: either way, pause the polls.
    if (!(error instanceof RateLimitedError)) throw error;
    const until = new Date(now.getTime() + error.retryAfterMs);
    await setCursor(deps.db, CASE_POLL_BACKOFF, until.toISOString());
    deps.logger.warn({ until }, "CRM API limit reached: escalated-case polls paused");
    return { ...outcome, skipped: "backing-off" };
  }
}

function summaryOf(c: EscalatedCase): string {
  const number = c.caseNumber ? `case ${c.caseNumber}` : "case";
  return `${c.subject}${c.description ? ` — ${c.description}` : ""} (Salesforce ${number})`.slice(0, 2000);
}

/** Whether warroom already handled the case: it opened a war-room, or joined one. */
async function isKnownCase(caseId: string, deps: WarRoomDeps): Promise<boolean> {
  const rows = await deps.db.query(
    `SELECT 1 FROM escalations WHERE origin = 'salesforce' AND origin_ref = $1
     UNION ALL SELECT 1 FROM timeline_events WHERE kind = 'crm-case-linked' AND data->>'caseId' = $1 LIMIT 1`,
    [caseId],
  );
  return rows.length > 0;
}

/** Opens the case's war-room, or links the case to the account's open one; null when already handled. */
async function openFromCase(
  c: EscalatedCase,
  deps: WarRoomDeps,
): Promise<{ kind: "opened" | "linked"; escalationId: string } | null> {
  if (await isKnownCase(c.caseId, deps)) return null;
  const account = await deps.crm.getAccount(c.accountId);
  if (!account) {
    deps.logger.warn(
      { caseId: c.caseId, accountId: c.accountId },
      "escalated case names no readable account",
    );
    return null;
  }
  const result = await openEscalationAndQueue(
    escalationFor(c, account, deps),
    {
      actor: c.ownerEmail ?? "salesforce",
      data: { summary: summaryOf(c), caseId: c.caseId, caseNumber: c.caseNumber ?? null },
    },
    deps,
  );
  if (result.created) {
    deps.logger.info(
      { escalationId: result.escalation.id, caseId: c.caseId },
      "war-room opening for escalated case",
    );
    return { kind: "opened", escalationId: result.escalation.id };
  }
  // A concurrent poll may have opened this very case's war-room a moment ago.
  if (result.escalation.origin === "salesforce" && result.escalation.originRef === c.caseId) return null;
  await linkCase(c, result.escalation.id, deps);
  return { kind: "linked", escalationId: result.escalation.id };
}

function escalationFor(c: EscalatedCase, account: CrmAccount, deps: WarRoomDeps) {
  return {
    accountId: account.id,
    accountName: account.name,
    summary: summaryOf(c),
    severity: c.severity,
    origin: "salesforce" as const,
    originRef: c.caseId,
    ...(c.ownerEmail ? { requestedBy: c.ownerEmail } : {}),
    openedAt: deps.clock.now(),
    ...(account.arr !== undefined ? { arr: account.arr } : {}),
    ...(account.segment ? { segment: account.segment } : {}),
    metadata: {
      private: false,
      platform: deps.chat.kind,
      caseNumber: c.caseNumber ?? null,
      caseUrl: c.url ?? null,
      ...(account.attributes ? { attributes: account.attributes } : {}),
    },
  };
}

/** The note a war-room gets about a case of its account escalated after it opened. */
export function linkedCaseNote(c: {
  caseId: string;
  caseNumber?: string | null;
  subject?: string;
  url?: string | null;
}): string {
  return `Salesforce case ${c.caseNumber ?? c.caseId} was escalated too${c.subject ? `: ${c.subject}` : ""}${c.url ? ` (${c.url})` : ""}. It is part of this war-room.`;
}

/**
 * Tells the account's open war-room that one more of its cases was escalated. Posted before it is
 * recorded (a failure in between repeats the note rather than losing it); when the room is not created yet,
 * the note waits and the war-room posts it when it opens.
 */
async function linkCase(c: EscalatedCase, escalationId: string, deps: WarRoomDeps): Promise<void> {
  const warRoom = await getWarRoom(deps.db, escalationId);
  if (warRoom) await deps.chat.post(warRoom.room, { kind: "text", text: linkedCaseNote(c) });
  await recordTimelineEvent(deps.db, {
    escalationId,
    kind: "crm-case-linked",
    data: {
      caseId: c.caseId,
      caseNumber: c.caseNumber ?? null,
      subject: c.subject,
      url: c.url ?? null,
      posted: warRoom !== null,
    },
  });
}
