/**
 * The summary's "Add follow-up" button and its modal, and the "Record resolution" button; each checks the
 * route table (war-room member, owner) before it opens a form.
 */
import type { App, BlockButtonAction } from "@slack/bolt";
import { renderSlackText } from "../../integrations/slack/escape-mrkdwn.ts";
import { followUpModal, readFollowUpModal } from "../../integrations/slack/follow-up-modal.ts";
import { ACTIONS, VIEWS } from "../../integrations/slack/ids.ts";
import { resolutionModal } from "../../integrations/slack/modals.ts";
import { getHypothesis } from "../../src/storage/hypothesis-store.ts";
import { addFollowUp } from "../../src/war-room/follow-up-tasks.ts";
import { todayOf } from "../../src/war-room/parse-task-text.ts";
import { draftResolution } from "../../src/war-room/resolve-escalation.ts";
import { authorize } from "../../src/war-room/route-policies.ts";
import type { SlackHandlerDeps } from "./deps.ts";

/** Registers the listeners. */
export function registerFollowUpListeners(app: App, deps: SlackHandlerDeps): void {
  app.action<BlockButtonAction>(ACTIONS.addFollowUp, async ({ ack, action, body, client, respond }) => {
    await ack();
    const escalationId = action.value ?? "";
    const denied = await authorize("add-follow-up", escalationId, body.user.id, deps.warRoom);
    if (denied) {
      await respond({ response_type: "ephemeral", replace_original: false, text: renderSlackText(denied) });
      return;
    }
    await client.views.open({ trigger_id: body.trigger_id, view: followUpModal(escalationId) });
  });

  app.view(VIEWS.followUp, async ({ ack, view, body }) => {
    const read = readFollowUpModal(view.state.values, view.private_metadata, todayOf(deps.warRoom.clock));
    if ("errors" in read) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    await ack();
    // Slack may resend a submission it got no answer to in time: its view id and hash name this one.
    const eventId = `view:${view.id}:${view.hash}`;
    await addFollowUp({ ...read, createdBy: body.user.id, eventId }, deps.warRoom);
  });

  app.action<BlockButtonAction>(ACTIONS.recordResolution, async ({ ack, action, body, client, respond }) => {
    await ack();
    const hypothesis = await getHypothesis(deps.warRoom.db, action.value ?? "");
    const denied =
      hypothesis &&
      (await authorize("record-resolution", hypothesis.escalationId, body.user.id, deps.warRoom));
    if (denied) {
      await respond({ response_type: "ephemeral", replace_original: false, text: renderSlackText(denied) });
      return;
    }
    const draft = await draftResolution({ hypothesisId: action.value ?? "" }, deps.warRoom);
    await client.views.open({ trigger_id: body.trigger_id, view: resolutionModal(draft) });
  });
}
