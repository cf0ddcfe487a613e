/**
 * The radar alert's buttons in Teams (`Action.Execute` on the alert card). Policy: any person (bots are
 * refused). Open war-room goes through the normal escalation request; Not now records who and the reason
 * chosen on the card. The answer is the alert card redrawn with what was done.
 */

import {
  type CardActionAnswer,
  DISMISS_REASON_INPUT,
  type TeamsCardAction,
  teamsReplyRef,
  VERBS,
} from "../../integrations/teams/index.ts";
import { plainText } from "../../src/domain/message-text.ts";
import { type AlertActionOutcome, dismissAlert, openWarRoomFromAlert } from "../../src/radar/act-on-alert.ts";
import { alertView } from "../../src/radar/post-risk-alert.ts";
import { DISMISS_REASONS, type DismissReason } from "../../src/radar/radar-types.ts";
import { getRiskAlert } from "../../src/storage/risk-alert-store.ts";
import { accountChoiceQuestion } from "../../src/war-room/account-choice-question.ts";
import type { TeamsHandlerDeps } from "./deps.ts";

function chosenReason(data: Record<string, unknown>): DismissReason {
  const value = data[DISMISS_REASON_INPUT];
  return typeof value === "string" && value in DISMISS_REASONS ? (value as DismissReason) : "other";
}

async function redrawn(alertId: string, deps: TeamsHandlerDeps): Promise<CardActionAnswer> {
  const alert = await getRiskAlert(deps.warRoom.db, alertId);
  const card = alert && deps.teams.cardOf({ kind: "risk-alert", alert: alertView(alert) });
  return card ? { card } : { message: "This alert no longer exists." };
}

function answerOf(result: AlertActionOutcome): CardActionAnswer | null {
  if (result.kind === "gone") return { message: "This alert no longer exists." };
  if (result.kind === "ignored-bot") return { message: "Bots cannot act on alerts." };
  if (result.kind === "denied") return { message: plainText(result.message) };
  if (result.kind !== "escalation") return null;
  const o = result.outcome;
  if (o.kind === "unknown") return { message: `The CRM no longer knows the account "${o.query}".` };
  if (o.kind === "ambiguous") return { message: accountChoiceQuestion(o.query, o.matches) };
  return null;
}

/** Answers Open war-room or Not now on an alert card. */
export async function answerRiskAlert(
  event: TeamsCardAction,
  deps: TeamsHandlerDeps,
): Promise<CardActionAnswer> {
  const alertId = event.data.alertId;
  if (typeof alertId !== "string") return { message: "This card names no alert." };
  const actor = {
    userId: event.user.id,
    isBot: event.user.isBot,
    origin: "teams" as const,
    replyRef: teamsReplyRef(event.conversation.id),
  };
  const result =
    event.verb === VERBS.openFromAlert
      ? await openWarRoomFromAlert(alertId, actor, deps.warRoom)
      : await dismissAlert(alertId, actor, { reason: chosenReason(event.data) }, deps.warRoom);
  return answerOf(result) ?? redrawn(alertId, deps);
}
