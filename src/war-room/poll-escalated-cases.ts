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
import { listTimelineEvents, openEscalation, recordTimelineEvent } from "../storage/escalation-store.ts";
import { getWarRoom } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { OPEN_WAR_ROOM_JOB } from "./job-names.ts";

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

/** Polls the CRM once and opens (or links) a war-room for every newly escalated case. */
export async function pollEscalatedCases(deps: WarRoomDeps): Promise<PollOutcome> {
  const outcome: PollOutcome = { seen: 0, opened: [], linked: [] };
  const list = deps.crm.listEscalatedCases?.bind(deps.crm);
  if (!list) return { ...outcome, skipped: "no-trigger" };
  const now = deps.clock.now();
  const backoff = await getCursor(deps.db, CASE_POLL_BACKOFF);
  if (backoff && Date.parse(backoff) > now.getTime()) return { ...outcome, skipped: "backing-off" };
  const watermark = await getCursor(deps.db, CASE_POLL_WATERMARK);
  const since = watermark ? Date.parse(watermark) - OVERLAP_MS : now.getTime() - FIRST_LOOKBACK_MS;
  let cases: EscalatedCase[];
  try {
    cases = await list(new Date(since));
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const until = new Date(now.getTime() + error.retryAfterMs);
    await setCursor(deps.db, CASE_POLL_BACKOFF, until.toISOString());
    deps.logger.warn({ until }, "CRM API limit reached: escalated-case polls paused");
    return { ...outcome, skipped: "backing-off" };
  }
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
}

function summaryOf(c: EscalatedCase): string {
  const number = c.caseNumber ? `case ${c.caseNumber}` : "case";
  return `${c.subject}${c.description ? ` — ${c.description}` : ""} (Salesforce ${number})`.slice(0, 2000);
}

/** Opens the case's war-room, or links the case to the account's open one; null when already handled. */
async function openFromCase(
  c: EscalatedCase,
  deps: WarRoomDeps,
): Promise<{ kind: "opened" | "linked"; escalationId: string } | null> {
  const known = await deps.db.query<{ id: string }>(
    "SELECT id FROM escalations WHERE origin = 'salesforce' AND origin_ref = $1",
    [c.caseId],
  );
  if (known.length > 0) return null;
  const account = await deps.crm.getAccount(c.accountId);
  if (!account) {
    deps.logger.warn(
      { caseId: c.caseId, accountId: c.accountId },
      "escalated case names no readable account",
    );
    return null;
  }
  const result = await deps.db.transaction(async (tx) => {
    const opened = await openEscalation(tx, escalationFor(c, account, deps));
    if (opened.created) {
      await recordTimelineEvent(tx, {
        escalationId: opened.escalation.id,
        kind: "requested",
        actor: c.ownerEmail ?? "salesforce",
        data: { summary: opened.escalation.summary, caseId: c.caseId, caseNumber: c.caseNumber ?? null },
      });
      await deps.queue.send(OPEN_WAR_ROOM_JOB, { escalationId: opened.escalation.id }, { tx });
    }
    return opened;
  });
  if (result.created) {
    deps.queue.wake(OPEN_WAR_ROOM_JOB);
    deps.logger.info(
      { escalationId: result.escalation.id, caseId: c.caseId },
      "war-room opening for escalated case",
    );
    return { kind: "opened", escalationId: result.escalation.id };
  }
  // A concurrent poll may have opened this very case's war-room a moment ago.
  if (result.escalation.origin === "salesforce" && result.escalation.originRef === c.caseId) return null;
  return (await linkCase(c, result.escalation.id, deps))
    ? { kind: "linked", escalationId: result.escalation.id }
    : null;
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

/** Tells the open war-room that one more case of its account was escalated; once per case. */
async function linkCase(c: EscalatedCase, escalationId: string, deps: WarRoomDeps): Promise<boolean> {
  const links = await listTimelineEvents(deps.db, escalationId, "crm-case-linked");
  if (links.some((e) => e.data.caseId === c.caseId)) return false;
  const warRoom = await getWarRoom(deps.db, escalationId);
  // Posted before it is recorded: a failure in between repeats the notice rather than losing it.
  if (warRoom)
    await deps.chat.post(warRoom.room, {
      kind: "text",
      text: `Salesforce case ${c.caseNumber ?? c.caseId} was escalated too: ${c.subject}${c.url ? ` (${c.url})` : ""}. It is part of this war-room.`,
    });
  await recordTimelineEvent(deps.db, {
    escalationId,
    kind: "crm-case-linked",
    data: { caseId: c.caseId, caseNumber: c.caseNumber ?? null, url: c.url ?? null },
  });
  return true;
}
