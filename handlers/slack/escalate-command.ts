/**
 * /escalate: acks at once, then asks the use-case. With no text it opens the modal; inside a war-room,
 * `status | resolve | reopen | close | help` act on that war-room.
 */
import type { App } from "@slack/bolt";
import { COMMAND } from "../../integrations/slack/ids.ts";
import { escalateModal, resolutionModal } from "../../integrations/slack/modals.ts";
import { describeStatus } from "../../src/war-room/describe-status.ts";
import { findEscalationByRoom } from "../../src/war-room/find-escalation.ts";
import { parseEscalateText } from "../../src/war-room/parse-escalate-text.ts";
import { requestEscalation } from "../../src/war-room/request-escalation.ts";
import { closeEscalation, draftResolution, reopenEscalation } from "../../src/war-room/resolve-escalation.ts";
import type { SlackHandlerDeps } from "./deps.ts";
import { renderOutcome } from "./render-outcome.ts";

const HELP = [
  '`/escalate <account> "<what happened>" [--severity low|normal|high|critical] [--private]` opens a war-room',
  "`/escalate` opens a form with an account search",
  "In a war-room: `/escalate status`, `/escalate resolve`, `/escalate reopen`, `/escalate close`, `/escalate help`",
  "React ✅ or ❌ on a hypothesis (or use its buttons) to confirm or reject it.",
].join("\n");

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
        await respond({ response_type: "ephemeral", text: await describeStatus(escalationId, deps.warRoom) });
      if (sub === "resolve")
        await client.views.open({
          trigger_id: command.trigger_id,
          view: resolutionModal(await draftResolution({ escalationId }, deps.warRoom)),
        });
      if (sub === "reopen")
        await reopenEscalation(escalationId, command.user_id, deps.warRoom).then(() =>
          respond({ response_type: "in_channel", text: `<@${command.user_id}> reopened ${escalationId}.` }),
        );
      if (sub === "close")
        await closeEscalation(escalationId, command.user_id, deps.warRoom).then(() =>
          respond({ response_type: "ephemeral", text: `${escalationId} closed.` }),
        );
      return;
    }
    await ack({ response_type: "ephemeral", text: `Opening a war-room for "${text.slice(0, 80)}"…` });
    // In a burst, other commands wait in the same poll for their acks: let them be acked before this one's
    // follow-up (SQL, the reply to response_url) takes the loop; measured in bench/slack-escalate.ts.
    await new Promise((resolve) => setImmediate(resolve));
    const parsed = await parseEscalateText(text, deps.warRoom.crm);
    if (!parsed?.summary) {
      await respond({
        response_type: "ephemeral",
        replace_original: true,
        text: `Say what happened after the account: /escalate ${parsed?.account ?? "<account>"} "<what happened>"`,
      });
      return;
    }
    const outcome = await requestEscalation(
      { ...parsed, requestedBy: command.user_id, origin: "slack", replyRef: command.response_url },
      deps.warRoom,
    );
    await respond({ response_type: "ephemeral", replace_original: true, ...renderOutcome(outcome, parsed) });
  });
}
