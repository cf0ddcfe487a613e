/**
 * `Action.Execute` on cards (invoke `adaptiveCard/action`): Confirm / Reject on a hypothesis record the
 * verdict and redraw the card in place (the summary is edited by the use-case); "which account?" queues
 * the escalation. A redelivered invoke (same activity id) changes nothing and redraws the same card.
 */
import {
  type CardActionAnswer,
  pendingChoice,
  type TeamsCardAction,
  VERBS,
} from "../../integrations/teams/index.ts";
import { loadHypothesisView } from "../../src/war-room/hypothesis-views.ts";
import { recordVerdict } from "../../src/war-room/record-verdict.ts";
import type { TeamsHandlerDeps } from "./deps.ts";
import { origin, queueInbound } from "./inbound-job.ts";
import { answerRiskAlert } from "./risk-alert-actions.ts";

async function verdict(
  event: TeamsCardAction,
  choice: "confirm" | "reject",
  deps: TeamsHandlerDeps,
): Promise<CardActionAnswer> {
  const hypothesisId = event.data.hypothesisId;
  if (typeof hypothesisId !== "string") return { message: "This card names no hypothesis." };
  const outcome = await recordVerdict(
    {
      hypothesisId,
      userId: event.user.id,
      isBot: event.user.isBot,
      verdict: choice,
      action: "add",
      via: "button",
      eventId: event.activityId,
    },
    deps.warRoom,
  );
  if (outcome.kind === "ignored" && outcome.reason === "not-a-member")
    return { message: "Only members of this war-room can confirm or reject hypotheses." };
  const view = await loadHypothesisView(hypothesisId, deps.warRoom);
  const card = view && deps.teams.cardOf({ kind: "hypothesis", view });
  return card ? { card } : { message: "That hypothesis no longer exists." };
}

/** Answers a card's button. */
export async function handleCardAction(
  event: TeamsCardAction,
  deps: TeamsHandlerDeps,
): Promise<CardActionAnswer> {
  switch (event.verb) {
    case VERBS.confirm:
      return verdict(event, "confirm", deps);
    case VERBS.reject:
      return verdict(event, "reject", deps);
    case VERBS.chooseAccount: {
      const pending = pendingChoice.safeParse(event.data);
      if (!pending.success) return { message: "This choice is no longer valid; ask again." };
      await queueInbound({ kind: "escalate", ...origin(event), ...pending.data }, deps.warRoom);
      return { message: "Opening the war-room; I'll answer in this conversation." };
    }
    case VERBS.openFromAlert:
    case VERBS.dismissAlert:
      return answerRiskAlert(event, deps);
    default:
      return { message: "warroom does not know this button." };
  }
}
