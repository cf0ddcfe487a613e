/**
 * The rest of the escalation flow: picking among similar accounts, the escalate modal and its account
 * search, the message shortcut, and recording a resolution (its button: follow-up-listeners.ts).
 */
import type { App, BlockButtonAction } from "@slack/bolt";
import { ACTIONS, INPUTS, SHORTCUT, VIEWS } from "../../integrations/slack/ids.ts";
import { escalateModal, readEscalateModal, readResolutionModal } from "../../integrations/slack/modals.ts";
import { escalateMetadataSchema, pendingChoiceSchema } from "../../integrations/slack/payload-schemas.ts";
import { plainText } from "../../src/domain/message-text.ts";
import { resolveEscalation } from "../../src/war-room/resolve-escalation.ts";
import { authorize } from "../../src/war-room/route-policies.ts";
import type { SlackHandlerDeps } from "./deps.ts";
import { queueEscalate } from "./escalate-job.ts";

/** Registers the listeners. */
export function registerEscalationListeners(app: App, deps: SlackHandlerDeps): void {
  app.action<BlockButtonAction>(
    new RegExp(`^${ACTIONS.chooseAccount}_\\d+$`),
    async ({ ack, action, body }) => {
      // The edge checked the value against this schema (integrations/slack/payload-schemas.ts).
      const pending = pendingChoiceSchema.parse(JSON.parse(action.value ?? ""));
      // Stored before the ack (escalate-job.ts answers): an acknowledged choice is never lost.
      await queueEscalate(
        {
          kind: "choice",
          user: body.user.id,
          accountId: pending.accountId,
          summary: pending.summary,
          severity: pending.severity,
          private: pending.private,
          responseUrl: body.response_url,
          id: `${body.container.message_ts ?? ""}:${action.action_ts}:${body.user.id}`,
        },
        deps,
      );
      await ack();
    },
  );

  app.options(ACTIONS.accountPicker, async ({ ack, options }) => {
    const matches = await deps.warRoom.crm.searchAccounts(options.value, 10);
    await ack({
      options: matches.map((m) => ({
        text: { type: "plain_text", text: `${m.account.name} (${m.account.id})`.slice(0, 75) },
        value: m.account.id,
      })),
    });
  });

  app.view(VIEWS.escalate, async ({ ack, view, body }) => {
    const input = readEscalateModal(view.state.values);
    const { channelId } = escalateMetadataSchema.parse(JSON.parse(view.private_metadata));
    // Stored before the ack (escalate-job.ts answers): a submitted form is never lost.
    await queueEscalate(
      { kind: "form", user: body.user.id, ...input, channelId, id: `${view.id}:${view.hash}` },
      deps,
    );
    await ack();
  });

  app.shortcut(SHORTCUT, async ({ ack, shortcut, client }) => {
    await ack();
    if (shortcut.type !== "message_action") return;
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: escalateModal(shortcut.channel.id, shortcut.message.text ?? ""),
    });
  });

  app.view(VIEWS.resolution, async ({ ack, view, body }) => {
    const draft = readResolutionModal(view.state.values, view.private_metadata);
    // The form is only offered to owners; one kept open while someone's role changed is refused here.
    const denied = await authorize("record-resolution", draft.escalationId, body.user.id, deps.warRoom);
    if (denied) {
      // A modal's error is plain text (no mentions): people are named by their ids there.
      await ack({ response_action: "errors", errors: { [INPUTS.rootCause]: plainText(denied) } });
      return;
    }
    await ack();
    await resolveEscalation(draft, body.user.id, deps.warRoom);
  });
}
