/**
 * The "Add follow-up" dialog of the summary card: the owner (their email, which Teams shows for everyone in
 * the tenant), what to do, an optional due date. The builder and its reader live together so input ids
 * cannot drift apart; a form that does not read is an InputError naming the field.
 */
import { ActionSet, DateInput, SubmitAction, TextInput } from "@microsoft/teams.cards";
import { z } from "zod";
import { describeFirstIssue } from "../../src/domain/describe-issue.ts";
import { InputError } from "../../src/errors.ts";
import { type ParsedTask, readDueDate } from "../../src/war-room/parse-task-text.ts";
import { DIALOGS } from "./ids.ts";
import { type AdaptiveCardJson, card, fitCard } from "./render-parts.ts";

/** The form for an escalation's war-room; due dates before `today` are not offered. */
export function followUpDialog(escalationId: string, today: string): AdaptiveCardJson {
  return fitCard([0], () =>
    card([
      new TextInput({
        id: "owner",
        label: "Owner (email)",
        maxLength: 320,
        isRequired: true,
      }).withPlaceholder("name@example.com"),
      new TextInput({
        id: "text",
        label: "What to do",
        isMultiline: true,
        maxLength: 1000,
        isRequired: true,
      }),
      new DateInput().withId("due").withLabel("Due (optional)").withMin(today),
      new ActionSet(
        new SubmitAction({ title: "Add follow-up", data: { dialog: DIALOGS.followUp, escalationId } }),
      ),
    ]),
  );
}

const followUpForm = z.object({
  escalationId: z.string().min(1),
  owner: z
    .string()
    .trim()
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "give the owner's email address, e.g. priya@example.com"),
  text: z.string().trim().min(1, "say what is to be done"),
  due: z.string().trim().default(""),
});

/** What the form returned, as a task for the escalation. */
export function readFollowUpDialog(
  data: Record<string, unknown>,
  today: string,
): { escalationId: string; task: ParsedTask } {
  const form = followUpForm.safeParse(data);
  if (!form.success) throw new InputError(`the follow-up form: ${describeFirstIssue(form.error)}`);
  const f = form.data;
  const due = f.due ? readDueDate(f.due, today) : null;
  return {
    escalationId: f.escalationId,
    task: { owner: { email: f.owner.toLowerCase() }, text: f.text, due },
  };
}
