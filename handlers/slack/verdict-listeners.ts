/**
 * Verdicts: ✅ / ❌ reactions (added or removed) and the Confirm / Reject buttons on hypothesis messages.
 */
import type { App } from "@slack/bolt";
import { ACTIONS, VERDICT_REACTIONS } from "../../integrations/slack/ids.ts";
import { slackMessageRef } from "../../integrations/slack/message-ref.ts";
import { recordVerdict } from "../../src/war-room/record-verdict.ts";
import type { SlackHandlerDeps } from "./deps.ts";

/** Registers reaction and button listeners. */
export function registerVerdictListeners(app: App, deps: SlackHandlerDeps): void {
  for (const type of ["reaction_added", "reaction_removed"] as const) {
    app.event(type, async ({ event, body }) => {
      const verdict = VERDICT_REACTIONS[event.reaction];
      if (!verdict || event.item.type !== "message") return;
      await recordVerdict(
        {
          messageRef: slackMessageRef(event.item.channel, event.item.ts),
          userId: event.user,
          isBot: await deps.isBot(event.user),
          verdict,
          action: type === "reaction_added" ? "add" : "withdraw",
          via: "reaction",
          eventId: body.event_id,
        },
        deps.warRoom,
      );
    });
  }
  for (const [actionId, verdict] of [
    [ACTIONS.confirm, "confirm"],
    [ACTIONS.reject, "reject"],
  ] as const) {
    app.action(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      if (action.type !== "button") return;
      const outcome = await recordVerdict(
        {
          hypothesisId: action.value,
          userId: body.user.id,
          // A press carrying the bot's own id (a replay, or a forged payload) must not count.
          isBot: await deps.isBot(body.user.id),
          verdict,
          action: "add",
          via: "button",
        },
        deps.warRoom,
      );
      if (outcome.kind === "ignored" && outcome.reason === "not-a-member") {
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: "Only members of this war-room can confirm or reject hypotheses.",
        });
      }
    });
  }
}
