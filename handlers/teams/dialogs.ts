/**
 * Dialogs: "Escalate from this message" (message extension action) and a card's "Record resolution"
 * open forms; their submissions queue the escalation or record the resolution. The account field
 * searches the CRM as the person types (invoke `application/search`).
 */
import {
  ACCOUNT_SEARCH,
  DIALOGS,
  type DialogAnswer,
  escalateDialog,
  readEscalateDialog,
  readResolutionDialog,
  resolutionDialog,
  type TeamsDialogEvent,
} from "../../integrations/teams/index.ts";
import { draftResolution, resolveEscalation } from "../../src/war-room/resolve-escalation.ts";
import type { TeamsHandlerDeps } from "./deps.ts";
import { origin, queueInbound } from "./inbound-job.ts";

/** Which form an event is about. */
function formOf(event: TeamsDialogEvent): "escalate" | "resolution" | null {
  if (event.source === "message-action" || event.data.dialog === DIALOGS.escalate) return "escalate";
  return event.data.dialog === DIALOGS.resolution ? "resolution" : null;
}

/** Opens a form. */
export async function openDialog(event: TeamsDialogEvent, deps: TeamsHandlerDeps): Promise<DialogAnswer> {
  switch (formOf(event)) {
    case "escalate":
      return { dialog: { title: "Escalate an account", card: escalateDialog(event.messageText ?? "") } };
    case "resolution": {
      const hypothesisId = String(event.data.hypothesisId ?? "");
      const draft = await draftResolution({ hypothesisId }, deps.warRoom);
      return { dialog: { title: "Record the resolution", card: resolutionDialog(draft) } };
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
    case "resolution":
      await resolveEscalation(readResolutionDialog(event.data), event.user.id, deps.warRoom, {
        eventId: event.activityId,
      });
      return { message: "Resolution saved; the finding is being written to the knowledge base." };
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
