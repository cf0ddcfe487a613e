/**
 * /escalate: stores the request as a durable job, then acks (escalate-job.ts answers). With no text it
 * opens the modal; inside a war-room, `status | catchup | resolve | reopen | close | help` act on that war-room.
 */
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { escapeMrkdwn as e, renderSlackText, slackMention } from "../../integrations/slack/escape-mrkdwn.ts";
import { COMMAND } from "../../integrations/slack/ids.ts";
import { escalateModal, resolutionModal } from "../../integrations/slack/modals.ts";
import { buildCatchUp } from "../../src/war-room/build-catch-up.ts";
import { describeStatus } from "../../src/war-room/describe-status.ts";
import { findEscalationByRoom } from "../../src/war-room/find-escalation.ts";
import { addFollowUp, completeFollowUp } from "../../src/war-room/follow-up-tasks.ts";
import { parseTaskNumber, parseTaskText, todayOf } from "../../src/war-room/parse-task-text.ts";
import { closeEscalation, draftResolution, reopenEscalation } from "../../src/war-room/resolve-escalation.ts";
import { authorize, type RouteName } from "../../src/war-room/route-policies.ts";
import type { SlackHandlerDeps } from "./deps.ts";
import { queueEscalate } from "./escalate-job.ts";

const HELP = e(
  [
    '`/escalate <account> "<what happened>" [--severity low|normal|high|critical] [--private]` opens a war-room',
    "`/escalate` opens a form with an account search",
    "In a war-room: `/escalate status`, `/escalate catchup` (where things stand, for you only), `/escalate resolve`, `/escalate reopen`, `/escalate close`, `/escalate help`",
    "Follow-ups: `/escalate task @owner <what to do> [--due YYYY-MM-DD]`, `/escalate done N` (or the summary's Add follow-up)",
    "Resolve, reopen and close are for the requester, the account's CSM, the owners the routing rules invited and admins.",
    "React ✅ or ❌ on a hypothesis (or use its buttons) to confirm or reject it.",
  ].join("\n"),
);

const SUBCOMMANDS = new Set(["status", "catchup", "resolve", "reopen", "close", "help", "task", "done"]);

type Command = SlackCommandMiddlewareArgs["command"];
type Respond = SlackCommandMiddlewareArgs["respond"];

/** A war-room subcommand, after the route table allowed it. */
async function runSubcommand(
  sub: string,
  args: string,
  escalationId: string,
  command: Command,
  respond: Respond,
  client: AllMiddlewareArgs["client"],
  deps: SlackHandlerDeps,
): Promise<void> {
  const say = (text: string) => respond({ response_type: "ephemeral", text });
  const user = command.user_id;
  if (sub === "status") await say(renderSlackText(await describeStatus(escalationId, deps.warRoom)));
  if (sub === "catchup")
    await say(
      renderSlackText((await buildCatchUp(escalationId, deps.warRoom)) ?? `No escalation ${escalationId}.`),
    );
  if (sub === "resolve")
    await client.views.open({
      trigger_id: command.trigger_id,
      view: resolutionModal(await draftResolution({ escalationId }, deps.warRoom)),
    });
  if (sub === "reopen") {
    await reopenEscalation(escalationId, user, deps.warRoom);
    await respond({ response_type: "in_channel", text: `${slackMention(user)} reopened ${escalationId}.` });
  }
  if (sub === "close") {
    await closeEscalation(escalationId, user, deps.warRoom);
    await say(`${escalationId} closed.`);
  }
  if (sub === "task") {
    const task = parseTaskText(args, todayOf(deps.warRoom.clock));
    await addFollowUp({ escalationId, task, createdBy: user }, deps.warRoom);
  }
  if (sub === "done")
    await completeFollowUp({ escalationId, number: parseTaskNumber(args), userId: user }, deps.warRoom);
}

/** Registers /escalate. */
export function registerEscalateCommand(app: App, deps: SlackHandlerDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    const text = command.text.trim();
    if (!text) {
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: escalateModal(command.channel_id) });
      return;
    }
    const [first = "", ...rest] = text.split(/\s+/);
    const sub = first.toLowerCase();
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
      const denied = await authorize(sub as RouteName, escalationId, command.user_id, deps.warRoom);
      if (denied) {
        await respond({ response_type: "ephemeral", text: renderSlackText(denied) });
        return;
      }
      await runSubcommand(sub, rest.join(" "), escalationId, command, respond, client, deps);
      return;
    }
    // Stored before the ack: an acknowledged request is never lost (escalate-job.ts does the rest).
    await queueEscalate(
      {
        kind: "command",
        user: command.user_id,
        text,
        responseUrl: command.response_url,
        id: command.trigger_id,
      },
      deps,
    );
    await ack({ response_type: "ephemeral", text: `Opening a war-room for "${e(text.slice(0, 80))}"…` });
  });
}
