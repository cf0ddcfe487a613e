/**
 * The "Add follow-up" modal of the summary's button: owner (a user picker), what to do, an optional due
 * date. The builder and its reader live together so the block ids cannot drift apart; what does not read
 * comes back as Slack's per-field errors.
 */
import type { ViewStateValue } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { InputError } from "../../src/errors.ts";
import type { ParsedTask } from "../../src/war-room/parse-task-text.ts";
import { readDueDate } from "../../src/war-room/parse-task-text.ts";
import { INPUTS, VIEWS } from "./ids.ts";

const text = (t: string) => ({ type: "plain_text" as const, text: t.slice(0, 150) });

/** The modal for a war-room's escalation. */
export function followUpModal(escalationId: string): ModalView {
  const input = (blockId: string, label: string, element: Record<string, unknown>, optional = false) => ({
    type: "input" as const,
    block_id: blockId,
    label: text(label),
    optional,
    element: { action_id: blockId, ...element },
  });
  return {
    type: "modal",
    callback_id: VIEWS.followUp,
    private_metadata: JSON.stringify({ escalationId }),
    title: text("Add a follow-up"),
    submit: text("Add"),
    close: text("Cancel"),
    blocks: [
      input(INPUTS.taskOwner, "Owner", { type: "users_select", placeholder: text("Who does it") }),
      input(INPUTS.taskText, "What to do", { type: "plain_text_input", multiline: true, max_length: 1000 }),
      input(INPUTS.taskDue, "Due", { type: "datepicker" }, true),
    ],
  } as ModalView;
}

type Values = Record<string, Record<string, ViewStateValue>>;

/** The submitted form as a task, or the errors to show beside each field (Slack's `response_action`). */
export function readFollowUpModal(
  values: Values,
  privateMetadata: string,
  today: string,
): { escalationId: string; task: ParsedTask } | { errors: Record<string, string> } {
  const field = (block: string) => values[block]?.[block];
  const owner = field(INPUTS.taskOwner)?.selected_user;
  const what = field(INPUTS.taskText)?.value?.trim();
  const dueValue = field(INPUTS.taskDue)?.selected_date ?? null;
  const errors: Record<string, string> = {};
  if (!owner) errors[INPUTS.taskOwner] = "Choose who owns this follow-up.";
  if (!what) errors[INPUTS.taskText] = "Say what is to be done.";
  let due: string | null = null;
  try {
    due = dueValue ? readDueDate(dueValue, today) : null;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    errors[INPUTS.taskDue] = error.message;
  }
  if (Object.keys(errors).length > 0 || !owner || !what) return { errors };
  const { escalationId } = JSON.parse(privateMetadata) as { escalationId: string };
  return { escalationId, task: { owner: { userId: owner }, text: what, due } };
}
