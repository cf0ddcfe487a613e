/**
 * The activities warroom handles, validated with zod at the edge and normalised: a Teams user is known by
 * their Entra object id (what Graph and the routing rules' emails resolve to), a conversation by its id
 * without a thread suffix plus its kind and serviceUrl. Shapes follow Microsoft's Bot Framework activity
 * schema and the Teams SDK's models (`@microsoft/teams.api`).
 */
import { z } from "zod";
import { baseConversationId, teamsMessageRef } from "./message-ref.ts";

const account = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  role: z.string().optional(),
});

const conversation = z.looseObject({
  id: z.string().min(1),
  conversationType: z.enum(["personal", "groupChat", "channel"]).optional(),
  tenantId: z.string().optional(),
});

/** What every activity warroom acts on carries. */
export const activityBase = z.looseObject({
  type: z.string(),
  id: z.string().min(1),
  serviceUrl: z.url(),
  channelId: z.literal("msteams"),
  from: account,
  recipient: account,
  conversation,
  replyToId: z.string().optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string() }).optional() }).optional(),
});
type ActivityBase = z.infer<typeof activityBase>;

/** A person (or a bot) as warroom knows them. */
export interface TeamsUser {
  /** Entra object id when Teams sends one (people always have one), else the Bot Framework id. */
  id: string;
  name: string;
  isBot: boolean;
}

/** Where an activity happened and how to answer there. */
export interface TeamsConversation {
  /** The conversation id as Teams sent it (a channel thread keeps its `;messageid=` suffix). */
  id: string;
  kind: "personal" | "groupChat" | "channel";
  tenantId: string | null;
  serviceUrl: string;
}

/** The parts every normalised activity shares. */
export interface TeamsActivity {
  activityId: string;
  user: TeamsUser;
  conversation: TeamsConversation;
}

/** Normalises who and where. */
export function normaliseActivity(a: ActivityBase): TeamsActivity {
  const isBot = a.from.role === "bot" || a.from.id === a.recipient.id || a.from.id.startsWith("28:");
  return {
    activityId: a.id,
    user: { id: a.from.aadObjectId ?? a.from.id, name: a.from.name ?? "someone", isBot },
    conversation: {
      id: a.conversation.id,
      kind: a.conversation.conversationType ?? "personal",
      tenantId: a.conversation.tenantId ?? a.channelData?.tenant?.id ?? null,
      serviceUrl: a.serviceUrl,
    },
  };
}

/** The reference of the message an activity answers (a reaction, a card's button). */
export function repliedMessageRef(a: ActivityBase): string | undefined {
  return a.replyToId ? teamsMessageRef(baseConversationId(a.conversation.id), a.replyToId) : undefined;
}

const mention = z.looseObject({
  type: z.literal("mention"),
  text: z.string().optional(),
  mentioned: account,
});

export const messageActivity = activityBase.extend({
  type: z.literal("message"),
  text: z.string().optional(),
  entities: z.array(z.looseObject({ type: z.string() })).optional(),
  value: z.unknown().optional(),
});

export const reactionActivity = activityBase.extend({
  type: z.literal("messageReaction"),
  reactionsAdded: z.array(z.looseObject({ type: z.string() })).optional(),
  reactionsRemoved: z.array(z.looseObject({ type: z.string() })).optional(),
});

/** People (or the bot) added to a conversation: a group chat, a team (its channels). */
export const conversationUpdateActivity = activityBase.extend({
  type: z.literal("conversationUpdate"),
  timestamp: z.string().optional(),
  membersAdded: z.array(account).optional(),
});

/** The people a conversationUpdate adds, as warroom knows users (bots marked). */
export function addedMembers(a: z.infer<typeof conversationUpdateActivity>): TeamsUser[] {
  return (a.membersAdded ?? []).map((m) => ({
    id: m.aadObjectId ?? m.id,
    name: m.name ?? "someone",
    isBot: m.id === a.recipient.id || m.id.startsWith("28:") || m.role === "bot",
  }));
}

export const cardActionActivity = activityBase.extend({
  type: z.literal("invoke"),
  name: z.literal("adaptiveCard/action"),
  value: z.looseObject({
    action: z.looseObject({
      type: z.enum(["Action.Execute", "Action.Submit"]),
      verb: z.string().optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
});

export const messageActionActivity = activityBase.extend({
  type: z.literal("invoke"),
  name: z.enum(["composeExtension/fetchTask", "composeExtension/submitAction"]),
  value: z.looseObject({
    commandId: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
    messagePayload: z
      .looseObject({ body: z.looseObject({ content: z.string().optional() }).optional() })
      .optional(),
  }),
});

export const dialogActivity = activityBase.extend({
  type: z.literal("invoke"),
  name: z.enum(["task/fetch", "task/submit"]),
  value: z.looseObject({ data: z.record(z.string(), z.unknown()).optional() }),
});

export const searchActivity = activityBase.extend({
  type: z.literal("invoke"),
  name: z.literal("application/search"),
  value: z.looseObject({ queryText: z.string().default(""), dataset: z.string().optional() }),
});

/** Whether a message mentions the bot, and its text with `<at>…</at>` mentions and markup removed. */
export function readMessageText(a: z.infer<typeof messageActivity>): { text: string; mentionsBot: boolean } {
  let text = a.text ?? "";
  let mentionsBot = false;
  for (const e of a.entities ?? []) {
    const m = mention.safeParse(e);
    if (!m.success) continue;
    // Another person mentioned (a follow-up's owner) reads as the core's `<@userId>` when Teams names them.
    const person = m.data.mentioned.aadObjectId;
    if (m.data.mentioned.id !== a.recipient.id) {
      if (person && m.data.text) text = text.replace(m.data.text, `&lt;@${person}&gt;`);
      continue;
    }
    mentionsBot = true;
    if (m.data.text) text = text.replace(m.data.text, " ");
  }
  return { text: plainText(text), mentionsBot };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Teams sends message text as HTML-ish markup: tags dropped, entities decoded, spaces collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d+|#x[\da-f]+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}
