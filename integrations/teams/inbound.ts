/**
 * Routes the Teams SDK's activities to warroom's handlers as validated, normalised events, so the
 * handlers never see the SDK. An activity that fails validation (`validateActivity`, checked before the
 * SDK sees the request) is refused with 400 and changes nothing.
 */
import type {
  AdaptiveCardActionResponse,
  MessagingExtensionActionResponse,
  SearchInvokeResponse,
  TaskModuleResponse,
} from "@microsoft/teams.api";
import type { App } from "@microsoft/teams.apps";
import type { z } from "zod";
import {
  activityBase,
  addedMembers,
  cardActionActivity,
  conversationUpdateActivity,
  dialogActivity,
  messageActionActivity,
  messageActivity,
  normaliseActivity,
  plainText,
  reactionActivity,
  readMessageText,
  repliedMessageRef,
  searchActivity,
  type TeamsActivity,
  type TeamsUser,
} from "./activity-schemas.ts";
import type { AdaptiveCardJson } from "./render-parts.ts";

/** A message to the bot (a mention in a channel or group chat, anything in the personal chat). */
export interface TeamsMessage extends TeamsActivity {
  text: string;
  mentionsBot: boolean;
}

/** ✅ / ❌ and other reactions added to or removed from one of the bot's messages. */
export interface TeamsReaction extends TeamsActivity {
  messageRef: string;
  added: string[];
  removed: string[];
}

/** People added to a conversation (a group chat, or the team of a channel). */
export interface TeamsMembersAdded extends TeamsActivity {
  members: TeamsUser[];
  /** When Teams says it happened. */
  at?: Date;
}

/** A card's `Action.Execute` (invoke `adaptiveCard/action`). */
export interface TeamsCardAction extends TeamsActivity {
  verb: string;
  data: Record<string, unknown>;
  messageRef?: string;
}

/** A dialog asked for (a card's button) or submitted, or the message action "Escalate from this message". */
export interface TeamsDialogEvent extends TeamsActivity {
  /** `message-action` for the message extension, `card` for a card's button. */
  source: "message-action" | "card";
  data: Record<string, unknown>;
  /** The message the action was used on (message action only), as plain text. */
  messageText?: string;
}

/** What answers a card action: a card in place of the clicked one, or a line of text. */
export type CardActionAnswer = { card: AdaptiveCardJson } | { message: string };

/** What answers a dialog request: a dialog to show, or a line of text. */
export type DialogAnswer = { dialog: { title: string; card: AdaptiveCardJson } } | { message: string };

/** warroom's handlers of Teams activities. */
export interface TeamsHandlers {
  message(event: TeamsMessage): Promise<void>;
  reaction(event: TeamsReaction): Promise<void>;
  membersAdded(event: TeamsMembersAdded): Promise<void>;
  cardAction(event: TeamsCardAction): Promise<CardActionAnswer>;
  openDialog(event: TeamsDialogEvent): Promise<DialogAnswer>;
  submitDialog(event: TeamsDialogEvent): Promise<DialogAnswer>;
  search(query: string, dataset: string): Promise<{ title: string; value: string }[]>;
}

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";

const SCHEMAS: Record<string, z.ZodType> = {
  message: messageActivity,
  messageReaction: reactionActivity,
  conversationUpdate: conversationUpdateActivity,
  "invoke:adaptiveCard/action": cardActionActivity,
  "invoke:composeExtension/fetchTask": messageActionActivity,
  "invoke:composeExtension/submitAction": messageActionActivity,
  "invoke:task/fetch": dialogActivity,
  "invoke:task/submit": dialogActivity,
  "invoke:application/search": searchActivity,
};

/**
 * Why an activity cannot be handled (the first problem, with its path), or null when it can: every
 * activity needs the common fields, and those warroom acts on their full shape. Checked before the SDK
 * sees the request, which is then answered 400 and changes nothing.
 */
export function validateActivity(body: unknown): string | null {
  const base = activityBase.safeParse(body);
  if (!base.success) return describe(base.error);
  const a = base.data as { type: string; name?: unknown };
  const schema = SCHEMAS[a.type === "invoke" ? `invoke:${String(a.name)}` : a.type];
  if (!schema) return null;
  const full = schema.safeParse(body);
  return full.success ? null : describe(full.error);
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "activity"}: ${issue.message}` : "invalid activity";
}

function taskAnswer(answer: DialogAnswer): TaskModuleResponse {
  if ("message" in answer) return { task: { type: "message", value: answer.message } };
  const { title, card } = answer.dialog;
  return {
    task: {
      type: "continue",
      value: { title, card: { contentType: ADAPTIVE, content: card }, width: "large" },
    },
  };
}

/** Registers warroom's handlers on the SDK's router; `seen` runs first for every verified activity. */
export function registerInbound(
  app: App,
  handlers: TeamsHandlers,
  seen: (activity: TeamsActivity) => Promise<void>,
): void {
  app.use(async (ctx) => {
    const base = activityBase.safeParse(ctx.activity);
    if (base.success) await seen(normaliseActivity(base.data));
    return ctx.next();
  });
  app.on("message", async ({ activity }) => {
    const a = messageActivity.parse(activity);
    await handlers.message({ ...normaliseActivity(a), ...readMessageText(a) });
  });
  app.on("messageReaction", async ({ activity }) => {
    const a = reactionActivity.parse(activity);
    const messageRef = repliedMessageRef(a);
    if (!messageRef) return;
    await handlers.reaction({
      ...normaliseActivity(a),
      messageRef,
      added: (a.reactionsAdded ?? []).map((r) => r.type),
      removed: (a.reactionsRemoved ?? []).map((r) => r.type),
    });
  });
  app.on("conversationUpdate", async ({ activity }) => {
    const a = conversationUpdateActivity.parse(activity);
    const members = addedMembers(a);
    if (members.length === 0) return;
    const at = a.timestamp ? new Date(a.timestamp) : undefined;
    await handlers.membersAdded({
      ...normaliseActivity(a),
      members,
      ...(at && !Number.isNaN(+at) ? { at } : {}),
    });
  });
  app.on("card.action", async ({ activity }): Promise<AdaptiveCardActionResponse> => {
    const a = cardActionActivity.parse(activity);
    const answer = await handlers.cardAction({
      ...normaliseActivity(a),
      verb: a.value.action.verb ?? "",
      data: a.value.action.data ?? {},
      messageRef: repliedMessageRef(a),
    });
    return "card" in answer
      ? { statusCode: 200, type: ADAPTIVE, value: answer.card }
      : { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: answer.message };
  });
  registerDialogs(app, handlers);
  app.on("card.search", async ({ activity }): Promise<SearchInvokeResponse> => {
    const a = searchActivity.parse(activity);
    const results = await handlers.search(a.value.queryText, a.value.dataset ?? "");
    return { statusCode: 200, type: "application/vnd.microsoft.search.searchResponse", value: { results } };
  });
}

function messageActionEvent(activity: unknown): TeamsDialogEvent {
  const a = messageActionActivity.parse(activity);
  return {
    ...normaliseActivity(a),
    source: "message-action",
    data: { ...(a.value.data ?? {}), commandId: a.value.commandId },
    messageText: plainText(a.value.messagePayload?.body?.content ?? ""),
  };
}

function dialogEvent(activity: unknown): TeamsDialogEvent {
  const a = dialogActivity.parse(activity);
  return { ...normaliseActivity(a), source: "card", data: a.value.data ?? {} };
}

function registerDialogs(app: App, handlers: TeamsHandlers): void {
  app.on(
    "message.ext.open",
    async ({ activity }): Promise<MessagingExtensionActionResponse> =>
      taskAnswer(await handlers.openDialog(messageActionEvent(activity))),
  );
  app.on(
    "message.ext.submit",
    async ({ activity }): Promise<MessagingExtensionActionResponse> =>
      taskAnswer(await handlers.submitDialog(messageActionEvent(activity))),
  );
  app.on(
    "dialog.open",
    async ({ activity }): Promise<TaskModuleResponse> =>
      taskAnswer(await handlers.openDialog(dialogEvent(activity))),
  );
  app.on(
    "dialog.submit",
    async ({ activity }): Promise<TaskModuleResponse> =>
      taskAnswer(await handlers.submitDialog(dialogEvent(activity))),
  );
}
