/**
 * Dialogs: "Escalate from this message" (message extension action), a card's "Record resolution" and
 * the summary's "Add follow-up" open forms; their submissions queue the escalation, record the resolution
 * (war-room owners) or add the follow-up (war-room members), as the route table says. The account field
 * searches the CRM as the person types (invoke `application/search`).
 */
import {
  ACCOUNT_SEARCH,
  DIALOGS,
  type DialogAnswer,
  escalateDialog,
  followUpDialog,
  readEscalateDialog,
  readFollowUpDialog,
  readResolutionDialog,
  resolutionDialog,
  type TeamsDialogEvent,
} from "../../integrations/teams/index.ts";
import { addFollowUp } from "../../src/war-room/follow-up-tasks.ts";
import { todayOf } from "../../src/war-room/parse-task-text.ts";
import { draftResolution, resolveEscalation } from "../../src/war-room/resolve-escalation.ts";
import { authorize } from "../../src/war-room/route-policies.ts";
import type { TeamsHandlerDeps } from "./deps.ts";
import { origin, queueInbound } from "./inbound-job.ts";

/** Which form an event is about. */
function formOf(event: TeamsDialogEvent): "escalate" | "resolution" | "followUp" | null {
  if (event.source === "message-action" || event.data.dialog === DIALOGS.escalate) return "escalate";
  if (event.data.dialog === DIALOGS.followUp) return "followUp";
  return event.data.dialog === DIALOGS.resolution ? "resolution" : null;
}

/** The route table's answer for a form about an escalation: null when the person may use it. */
async function refusal(
  route: "add-follow-up" | "record-resolution",
  escalationId: string | undefined,
  event: TeamsDialogEvent,
  deps: TeamsHandlerDeps,
): Promise<DialogAnswer | null> {
  if (!escalationId) return { message: "This form names no war-room." };
  const denied = await authorize(route, escalationId, event.user.id, deps.warRoom);
  // A dialog's message shows no mentions: people are named by their display names.
  return denied ? { message: deps.teams.wordsOf(denied) } : null;
}

/** Opens a form. */
export async function openDialog(event: TeamsDialogEvent, deps: TeamsHandlerDeps): Promise<DialogAnswer> {
  switch (formOf(event)) {
    case "escalate":
      return { dialog: { title: "Escalate an account", card: escalateDialog(event.messageText ?? "") } };
    case "resolution": {
      const hypothesisId = String(event.data.hypothesisId ?? "");
      const draft = await draftResolution({ hypothesisId }, deps.warRoom);
      const denied = await refusal("record-resolution", draft.escalationId, event, deps);
      return denied ?? { dialog: { title: "Record the resolution", card: resolutionDialog(draft) } };
    }
    case "followUp": {
      const escalationId = typeof event.data.escalationId === "string" ? event.data.escalationId : undefined;
      const denied = await refusal("add-follow-up", escalationId, event, deps);
      const card = followUpDialog(escalationId ?? "", todayOf(deps.warRoom.clock));
      return denied ?? { dialog: { title: "Add a follow-up", card } };
    }
    default:
      return { message: "warroom has no such form." };
  }
}

/** Takes a submitted form. */
export async function submitDialog(event: TeamsDialogEvent, deps: TeamsHandlerDeps): Promise<DialogAnswer> {
  switch (formOf(event)) {
    case "escalate": {
      const form = readEscalateDialog(event.data);
      await queueInbound({ kind: "escalate", ...origin(event), ...form }, deps.warRoom);
      return { message: "Opening the war-room; I'll answer in this conversation." };
    }
    case "resolution": {
      const draft = readResolutionDialog(event.data);
      const denied = await refusal("record-resolution", draft.escalationId, event, deps);
      if (denied) return denied;
      await resolveEscalation(draft, event.user.id, deps.warRoom, { eventId: event.activityId });
      return { message: "Resolution saved; the finding is being written to the knowledge base." };
    }
    case "followUp": {
      const form = readFollowUpDialog(event.data, todayOf(deps.warRoom.clock));
      const denied = await refusal("add-follow-up", form.escalationId, event, deps);
      if (denied) return denied;
      const added = await addFollowUp(
        { ...form, createdBy: event.user.id, eventId: event.activityId },
        deps.warRoom,
      );
      return { message: added ? `Follow-up #${added.number} added.` : "That follow-up was added already." };
    }
    default:
      return { message: "warroom has no such form." };
  }
}

/** Accounts for the typeahead. */
export async function searchAccounts(
  query: string,
  dataset: string,
  deps: TeamsHandlerDeps,
): Promise<{ title: string; value: string }[]> {
  if (dataset !== ACCOUNT_SEARCH || query.trim().length < 2) return [];
  const matches = await deps.warRoom.crm.searchAccounts(query, 10);
  return matches.map((m) => ({ title: `${m.account.name} (${m.account.id})`, value: m.account.id }));
}
