/**
 * The fake Microsoft tenant's state: people (Entra object ids, Bot Framework ids, emails), the
 * Escalations team with its channels and roster, group chats, the conversations the bot can post to and
 * what it posted. Ids have Teams' shapes: channels `19:…@thread.tacv2`, chats `19:…@thread.v2`, people
 * `29:…` on the Connector, bots `28:<app id>`.
 */
import { randomUUID } from "node:crypto";

/** A person in the tenant. */
export interface FakeUser {
  /** Entra object id. */
  aadObjectId: string;
  /** Bot Framework id (`29:…`). */
  botId: string;
  name: string;
  email: string;
}

/** A channel of the team. */
export interface FakeChannel {
  id: string;
  displayName: string;
  description: string;
  membershipType: "standard";
  webUrl: string;
  archived: boolean;
}

/** A group chat. */
export interface FakeChat {
  id: string;
  topic: string;
  webUrl: string;
  members: string[];
  /** Catalog ids of apps installed in it. */
  apps: string[];
}

/** An activity the bot posted (as the Connector stored it). */
export interface FakeActivity {
  id: string;
  conversationId: string;
  type: string;
  text?: string;
  attachments?: { contentType: string; content?: unknown; contentUrl?: string; name?: string }[];
  entities?: unknown[];
  replyToId?: string;
  /** How many times it was replaced in place. */
  updates: number;
}

/** Every request the fakes answered, for tests and benchmarks. */
export interface FakeCall {
  api: "connector" | "graph" | "token" | "openid";
  method: string;
  path: string;
  status: number;
}

/** The tenant. */
export interface TeamsState {
  baseUrl: string;
  tenantId: string;
  appId: string;
  appPassword: string;
  /** The app's id in the org's catalog (Graph appCatalogs). */
  catalogAppId: string;
  team: { id: string; name: string; generalChannelId: string; members: string[]; appInstalled: boolean };
  users: Map<string, FakeUser>;
  channels: Map<string, FakeChannel>;
  chats: Map<string, FakeChat>;
  /** Conversation id (base, without `;messageid=`) → activities. */
  activities: Map<string, FakeActivity[]>;
  /** Personal and other conversations the bot was added to, with their members (Entra ids). */
  conversations: Map<string, string[]>;
  calls: FakeCall[];
  /** May the app add people to the team (Graph TeamMember.ReadWrite.All)? */
  canAddTeamMembers: boolean;
  /** May the app read messages (its RSC ChannelMessage.Read.Group / ChatMessage.Read.Chat granted)? */
  canReadMessages: boolean;
  counter: number;
}

const hex = () => randomUUID().replaceAll("-", "");

/** A channel id as Teams makes them. */
export const newChannelId = () => `19:${hex()}@thread.tacv2`;
/** A group chat id as Teams makes them. */
export const newChatId = () => `19:${hex()}@thread.v2`;

/** Seeds a person. */
export function addUser(
  state: TeamsState,
  seed: { name: string; email: string; aadObjectId?: string },
): FakeUser {
  const aadObjectId = seed.aadObjectId ?? randomUUID();
  const user: FakeUser = { aadObjectId, botId: `29:1${hex()}`, name: seed.name, email: seed.email };
  state.users.set(aadObjectId, user);
  return user;
}

/** The user with an Entra id, Bot Framework id, email or UPN. */
export function findUser(state: TeamsState, key: string): FakeUser | undefined {
  const lower = key.toLowerCase();
  return (
    state.users.get(key) ??
    [...state.users.values()].find((u) => u.botId === key || u.email.toLowerCase() === lower)
  );
}

/** A fresh tenant with an Escalations team (the app installed in it) and its General channel. */
export function createState(options: { appId: string; appPassword: string; tenantId: string }): TeamsState {
  const general = newChannelId();
  const state: TeamsState = {
    baseUrl: "",
    ...options,
    catalogAppId: randomUUID(),
    team: {
      id: randomUUID(),
      name: "Escalations",
      generalChannelId: general,
      members: [],
      appInstalled: true,
    },
    users: new Map(),
    channels: new Map(),
    chats: new Map(),
    activities: new Map(),
    conversations: new Map(),
    calls: [],
    canAddTeamMembers: false,
    canReadMessages: true,
    counter: 0,
  };
  state.channels.set(general, {
    id: general,
    displayName: "General",
    description: "",
    membershipType: "standard",
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(general)}/General`,
    archived: false,
  });
  return state;
}

/** The conversation id without a thread suffix. */
export const baseOf = (conversationId: string) => conversationId.split(";")[0]!;

/** Who is in a conversation: a channel has the team's roster; a chat its members. */
export function conversationMembers(state: TeamsState, conversationId: string): string[] | undefined {
  const base = baseOf(conversationId);
  if (state.channels.has(base)) return state.team.members;
  const chat = state.chats.get(base);
  if (chat) return chat.apps.includes(state.catalogAppId) ? chat.members : undefined;
  return state.conversations.get(base);
}
