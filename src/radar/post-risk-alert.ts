/**
 * Posts a claimed alert to the triage channel and records where; a retried job finds it posted and stops.
 * Only the triage channel ever sees it: nothing goes to the customer.
 */
import { getRiskAlert, markRiskAlertPosted, type RiskAlertRecord } from "../storage/risk-alert-store.ts";
import type { RadarDeps } from "./radar-deps.ts";
import type { RiskAlertView } from "./radar-types.ts";

/** The view of a stored alert, as every platform renders it. */
export function alertView(alert: RiskAlertRecord): RiskAlertView {
  return {
    alertId: alert.id,
    assessment: alert.assessment,
    outcome: alert.outcome
      ? {
          kind: alert.outcome,
          by: alert.outcomeBy ?? "someone",
          reason: alert.outcomeReason,
          escalationId: alert.escalationId,
        }
      : null,
  };
}

/** Posts alert `alertId` unless it is already posted. */
export async function postRiskAlert(alertId: string, deps: RadarDeps): Promise<void> {
  const alert = await getRiskAlert(deps.db, alertId);
  if (!alert || alert.messageRef || !deps.triageChannel) return;
  const room = deps.chat.existingRoom(deps.triageChannel);
  const messageRef = await deps.chat.post(room, { kind: "risk-alert", alert: alertView(alert) });
  await markRiskAlertPosted(deps.db, alertId, {
    platform: deps.chat.kind,
    messageRef,
    at: deps.clock.now(),
  });
}
