/**
 * /escalate: resolves the account, then opens the escalation and enqueues the war-room job in one
 * transaction. It returns at once (the command is acked within Slack's 3 s); the job does the slow work.
 * The one-open-escalation-per-account index makes a second request for the same account find the first.
 */
import type { Severity } from "../domain/case-bundle.ts";
import type { AccountMatch } from "../ports/crm-source.ts";
import type { EscalationOrigin } from "../storage/escalation-store.ts";
import { getWarRoom } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { OPEN_WAR_ROOM_JOB } from "./job-names.ts";
import { openEscalationAndQueue } from "./queue-war-room.ts";

/** What someone asked for. */
export interface EscalationRequest {
  /** Account id or (part of) its name. */
  account: string;
  summary: string;
  severity: Severity;
  /** Private room even when not critical. */
  private?: boolean;
  requestedBy: string;
  origin: EscalationOrigin;
  /** Where to tell the requester about problems later (see ChatPlatform.reply). */
  replyRef?: string;
}

/** What happened, for the handler to tell the requester. */
export type EscalationRequestOutcome =
  | { kind: "opening"; escalationId: string; accountName: string }
  | { kind: "already-open"; escalationId: string; accountName: string; roomUrl: string | null }
  | { kind: "ambiguous"; query: string; matches: { accountId: string; name: string }[] }
  | { kind: "unknown"; query: string; closest: string[] };

/** A best match this much better than the runner-up is taken without asking. */
const CLEAR_LEAD = 0.15;
const GOOD_ENOUGH = 0.25;

/** Picks the account a query means, or says it is ambiguous. */
export function pickAccount(matches: AccountMatch[]): AccountMatch | "ambiguous" | null {
  const [best, second] = matches;
  if (!best) return null;
  if (best.exact) return best;
  if (best.score <= GOOD_ENOUGH && (!second || second.score - best.score >= CLEAR_LEAD)) return best;
  return "ambiguous";
}

/** Handles an /escalate request. */
export async function requestEscalation(
  request: EscalationRequest,
  deps: WarRoomDeps,
): Promise<EscalationRequestOutcome> {
  const matches = await deps.crm.searchAccounts(request.account, 5);
  const picked = pickAccount(matches);
  if (picked === null) {
    const closest = (await deps.crm.suggestAccounts?.(request.account, 3)) ?? [];
    return { kind: "unknown", query: request.account, closest: closest.map((a) => a.name) };
  }
  if (picked === "ambiguous") {
    return {
      kind: "ambiguous",
      query: request.account,
      matches: matches.map((m) => ({ accountId: m.account.id, name: m.account.name })),
    };
  }
  const account = picked.account;
  const result = await openEscalationAndQueue(
    {
      accountId: account.id,
      accountName: account.name,
      summary: request.summary,
      severity: request.severity,
      origin: request.origin,
      requestedBy: request.requestedBy,
      openedAt: deps.clock.now(),
      arr: account.arr,
      segment: account.segment,
      metadata: {
        private: request.private ?? false,
        platform: deps.chat.kind,
        replyRef: request.replyRef ?? null,
        // Pattern detection compares accounts by these; kept so later bundles see them.
        ...(account.attributes ? { attributes: account.attributes } : {}),
      },
    },
    { actor: request.requestedBy, data: { summary: request.summary } },
    deps,
  );
  if (result.created)
    return { kind: "opening", escalationId: result.escalation.id, accountName: account.name };
  const room = await getWarRoom(deps.db, result.escalation.id);
  if (!room) {
    // The room is not there yet (or its job gave up): ask again. openWarRoom resumes where it stopped, and
    // a job still queued for it just finds the work done.
    await deps.queue.send(OPEN_WAR_ROOM_JOB, { escalationId: result.escalation.id });
  }
  return {
    kind: "already-open",
    escalationId: result.escalation.id,
    accountName: account.name,
    roomUrl: room?.room.url ?? null,
  };
}
