/**
 * /escalate: stores the request as a durable job, then acks (escalate-job.ts answers). With no text it
 * opens the modal; inside a war-room, `status | resolve | reopen | close | help` act on that war-room.
 */
import type { App } from "@slack/bolt";
import { escapeMrkdwn as e, renderSlackText, slackMention } from "../../integrations/slack/escape-mrkdwn.ts";
import { COMMAND } from "../../integrations/slack/ids.ts";
import { escalateModal, resolutionModal } from "../../integrations/slack/modals.ts";
import { describeStatus } from "../../src/war-room/describe-status.ts";
import { findEscalationByRoom } from "../../src/war-room/find-escalation.ts";
import { closeEscalation, draftResolution, reopenEscalation } from "../../src/war-room/resolve-escalation.ts";
import type { SlackHandlerDeps } from "./deps.ts";
import { queueEscalate } from "./escalate-job.ts";

const HELP = e(
  [
    '`/escalate <account> "<what happened>" [--severity low|normal|high|critical] [--private]` opens a war-room',
    "`/escalate` opens a form with an account search",
    "In a war-room: `/escalate status`, `/escalate resolve`, `/escalate reopen`, `/escalate close`, `/escalate help`",
    "React ✅ or ❌ on a hypothesis (or use its buttons) to confirm or reject it.",
  ].join("\n"),
);

const SUBCOMMANDS = new Set(["status", "resolve", "reopen", "close", "help"]);

/** Registers /escalate. */
export function registerEscalateCommand(app: App, deps: SlackHandlerDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    const text = command.text.trim();
    const sub = text.toLowerCase();
    if (!text) {
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: escalateModal(command.channel_id) });
      return;
    }
    if (SUBCOMMANDS.has(sub)) {
      await ack();
      const escalationId = await findEscalationByRoom(command.channel_id, deps.warRoom);
      if (sub === "help" || !escalationId) {
        await respond({
          response_type: "ephemeral",
          text: escalationId || sub === "help" ? HELP : `This is not a war-room channel.\n${HELP}`,
        });
        return;
      }
      if (sub === "status")
        await respond({
          response_type: "ephemeral",
          text: renderSlackText(await describeStatus(escalationId, deps.warRoom)),
        });
      if (sub === "resolve")
        await client.views.open({
          trigger_id: command.trigger_id,
          view: resolutionModal(await draftResolution({ escalationId }, deps.warRoom)),
        });
      if (sub === "reopen")
        await reopenEscalation(escalationId, command.user_id, deps.warRoom).then(() =>
          respond({
            response_type: "in_channel",
            text: `${slackMention(command.user_id)} reopened ${escalationId}.`,
          }),
        );
      if (sub === "close")
        await closeEscalation(escalationId, command.user_id, deps.warRoom).then(() =>
          respond({ response_type: "ephemeral", text: `${escalationId} closed.` }),
        );
      return;
    }
    // Stored before the ack: an acknowledged request is never lost (escalate-job.ts does the rest).
    await queueEscalate(
      { user: command.user_id, text, responseUrl: command.response_url, triggerId: command.trigger_id },
      deps,
    );
    await ack({ response_type: "ephemeral", text: `Opening a war-room for "${e(text.slice(0, 80))}"…` });
  });
}
