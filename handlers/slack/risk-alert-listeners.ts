/**
 * The radar alert's buttons in the triage channel. Policy: anyone in the channel who is a person (bots are
 * refused, as for verdicts). Open war-room goes through the normal escalation request; Not now opens a
 * small form whose submission records who and why.
 */
import type { App, BlockButtonAction } from "@slack/bolt";
import { renderSlackText } from "../../integrations/slack/escape-mrkdwn.ts";
import { ACTIONS, VIEWS } from "../../integrations/slack/ids.ts";
import { dismissAlertModal, readDismissAlertModal } from "../../integrations/slack/render-risk-alert.ts";
import { dismissAlert, openWarRoomFromAlert } from "../../src/radar/act-on-alert.ts";
import type { SlackHandlerDeps } from "./deps.ts";
import { renderOutcome } from "./render-outcome.ts";

const GONE = "This alert no longer exists.";

/** Registers the alert's buttons and the Not now form. */
export function registerRiskAlertListeners(app: App, deps: SlackHandlerDeps): void {
  app.action<BlockButtonAction>(ACTIONS.openFromAlert, async ({ ack, action, body, respond }) => {
    await ack();
    const userId = body.user.id;
    const result = await openWarRoomFromAlert(
      action.value ?? "",
      { userId, isBot: await deps.isBot(userId), origin: "slack", replyRef: body.response_url },
      deps.warRoom,
    );
    if (result.kind === "ignored-bot") return;
    const reply =
      result.kind === "escalation"
        ? renderOutcome(result.outcome, { summary: "", severity: "high", private: false })
        : { text: result.kind === "denied" ? renderSlackText(result.message) : GONE };
    await respond({ response_type: "ephemeral", replace_original: false, ...reply });
  });

  app.action<BlockButtonAction>(ACTIONS.dismissAlert, async ({ ack, action, body, client }) => {
    await ack();
    if (await deps.isBot(body.user.id)) return;
    await client.views.open({ trigger_id: body.trigger_id, view: dismissAlertModal(action.value ?? "") });
  });

  app.view(VIEWS.dismissAlert, async ({ ack, view, body }) => {
    await ack();
    const userId = body.user.id;
    await dismissAlert(
      view.private_metadata,
      { userId, isBot: await deps.isBot(userId), origin: "slack" },
      readDismissAlertModal(view.state.values),
      deps.warRoom,
    );
  });
}
