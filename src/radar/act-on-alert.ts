/**
 * The alert's buttons. Open war-room asks for one through the normal escalation path (requestEscalation,
 * the same as /escalate: one open escalation per account, the room opened by its job), pre-filled from
 * the ticket and the reasons; Not now records who and why. Either way the alert is redrawn in place with
 * what was done, so the channel sees it was handled.
 */

import type { Severity } from "../domain/case-bundle.ts";
import type { MessageText } from "../domain/message-text.ts";
import type { EscalationOrigin } from "../storage/escalation-store.ts";
import { getRiskAlert, type RiskAlertRecord, recordRiskAlertOutcome } from "../storage/risk-alert-store.ts";
import type { WarRoomDeps } from "../war-room/deps.ts";
import { type EscalationRequestOutcome, requestEscalation } from "../war-room/request-escalation.ts";
import { authorize } from "../war-room/route-policies.ts";
import { alertView } from "./post-risk-alert.ts";
import type { DismissReason, RiskLevel } from "./radar-types.ts";

const SEVERITY: Record<RiskLevel, Severity> = { watch: "normal", high: "high", critical: "critical" };

/** Who pressed a button, and where an answer can reach them later. */
export interface AlertActor {
  userId: string;
  isBot: boolean;
  origin: EscalationOrigin;
  replyRef?: string;
}

/** What pressing a button did. */
export type AlertActionOutcome =
  | { kind: "gone" }
  | { kind: "ignored-bot" }
  | { kind: "denied"; message: MessageText }
  | { kind: "escalation"; outcome: EscalationRequestOutcome }
  | { kind: "dismissed"; changed: boolean };

/** The war-room's summary, written from the alert: the ticket and the two strongest reasons. */
export function summaryOf(alert: RiskAlertRecord): string {
  const a = alert.assessment;
  const reasons = a.signals.slice(0, 2).map((s) => s.reason);
  return `Risk radar ${a.score.toFixed(2)} (${alert.level}) on ticket ${a.ticketNumber ?? a.ticketId} "${a.subject}": ${reasons.join("; ")}`.slice(
    0,
    2000,
  );
}

async function redraw(alertId: string, deps: WarRoomDeps): Promise<void> {
  const alert = await getRiskAlert(deps.db, alertId);
  if (!alert?.messageRef || alert.platform !== deps.chat.kind) return;
  await deps.chat
    .update(alert.messageRef, { kind: "risk-alert", alert: alertView(alert) })
    .catch((error: unknown) => deps.logger.warn({ err: error, alertId }, "could not redraw the risk alert"));
}

/** Open war-room: requests the escalation and records the alert as acted on. */
export async function openWarRoomFromAlert(
  alertId: string,
  actor: AlertActor,
  deps: WarRoomDeps,
): Promise<AlertActionOutcome> {
  if (actor.isBot) return { kind: "ignored-bot" };
  const alert = await getRiskAlert(deps.db, alertId);
  if (!alert) return { kind: "gone" };
  // The route table's policy for the button (no war-room exists yet, so no escalation id).
  const denied = await authorize("open-war-room-from-alert", "", actor.userId, deps);
  if (denied) return { kind: "denied", message: denied };
  const outcome = await requestEscalation(
    {
      account: alert.accountId,
      summary: summaryOf(alert),
      severity: SEVERITY[alert.level],
      requestedBy: actor.userId,
      origin: actor.origin,
      ...(actor.replyRef ? { replyRef: actor.replyRef } : {}),
    },
    deps,
  );
  if (outcome.kind === "opening" || outcome.kind === "already-open") {
    await recordRiskAlertOutcome(deps.db, alertId, {
      kind: "acted",
      by: actor.userId,
      escalationId: outcome.escalationId,
      at: deps.clock.now(),
    });
    await redraw(alertId, deps);
  }
  return { kind: "escalation", outcome };
}

/** Not now: records who and why (a reason code, and a note when given). */
export async function dismissAlert(
  alertId: string,
  actor: AlertActor,
  why: { reason: DismissReason; note?: string },
  deps: WarRoomDeps,
): Promise<AlertActionOutcome> {
  if (actor.isBot) return { kind: "ignored-bot" };
  const alert = await getRiskAlert(deps.db, alertId);
  if (!alert) return { kind: "gone" };
  const denied = await authorize("dismiss-alert", "", actor.userId, deps);
  if (denied) return { kind: "denied", message: denied };
  const reason = why.note ? `${why.reason}: ${why.note.slice(0, 500)}` : why.reason;
  const changed = await recordRiskAlertOutcome(deps.db, alertId, {
    kind: "dismissed",
    by: actor.userId,
    reason,
    at: deps.clock.now(),
  });
  if (changed) await redraw(alertId, deps);
  return { kind: "dismissed", changed };
}
