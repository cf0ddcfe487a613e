/**
 * The fake Slack workspace's state: users, user groups, channels, messages, views, files and the recorded
 * traffic. Ids and message timestamps are deterministic so tests can predict them.
 */

/** A workspace member (a human or the bot user behind a token). */
export interface FakeUser {
  id: string;
  name: string;
  real_name: string;
  email?: string;
  is_bot: boolean;
  bot_id?: string;
  deleted: boolean;
}

/** A user group (`@oncall`) and its members. */
export interface FakeUsergroup {
  id: string;
  handle: string;
  name: string;
  users: string[];
}

/** A topic or purpose as Slack stores it. */
export interface FakeChannelText {
  value: string;
  creator: string;
  last_set: number;
}

/** A channel; private channels are invisible to non-members, as in Slack. */
export interface FakeChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_general: boolean;
  created: number;
  creator: string;
  topic: FakeChannelText;
  purpose: FakeChannelText;
  members: string[];
}

/** A message in a channel. */
export interface FakeMessage {
  type: "message";
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  user: string;
  bot_id?: string;
  thread_ts?: string;
  edited?: { user: string; ts: string };
  files?: string[];
  reactions: { name: string; users: string[] }[];
  /** Message metadata an app attached (returned by conversations.history with include_all_metadata). */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** A message only one user saw. */
export interface FakeEphemeral {
  channel: string;
  user: string;
  sender: string;
  text: string;
  blocks?: unknown[];
  message_ts: string;
  thread_ts?: string;
}

/** A modal opened through views.open / views.push, in its latest version. */
export interface FakeView {
  id: string;
  trigger_id?: string;
  type: string;
  callback_id: string;
  external_id: string;
  private_metadata: string;
  title: unknown;
  blocks: unknown[];
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  /** The view JSON as the app last sent it. */
  view: Record<string, unknown>;
  versions: number;
}

/** A file announced with files.getUploadURLExternal; `bytes` arrive with the POST to upload_url. */
export interface FakeFile {
  id: string;
  filename: string;
  title: string;
  length: number;
  alt_text?: string;
  bytes?: Buffer;
  completed: boolean;
  channels: string[];
  initial_comment?: string;
}

/** A body POSTed to a response_url. */
export interface FakeResponse {
  id: string;
  body: unknown;
  at: number;
}

/** One request to a Web API method, whatever its outcome. */
export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** The error returned (`ratelimited` for a 429), absent when the call succeeded. */
  error?: string;
}

/** A trigger_id handed to a test (as Slack puts one in an interaction payload). */
export interface FakeTrigger {
  issuedAt: number;
  used: boolean;
  viewId?: string;
}

/** Everything the fake knows. Methods mutate it; the server exposes it read-mostly to tests. */
export interface SlackState {
  team: { id: string; name: string; domain: string };
  bot: FakeUser;
  tokens: Map<string, string>;
  users: Map<string, FakeUser>;
  usergroups: Map<string, FakeUsergroup>;
  channels: Map<string, FakeChannel>;
  messages: Map<string, FakeMessage[]>;
  ephemerals: FakeEphemeral[];
  views: Map<string, FakeView>;
  triggers: Map<string, FakeTrigger>;
  /** Published App Home views by user id. */
  homes: Map<string, Record<string, unknown>>;
  triggerTtlMs: number;
  files: Map<string, FakeFile>;
  responses: FakeResponse[];
  responseUrls: Map<string, number>;
  calls: FakeCall[];
  /** Base URL of the fake (no trailing slash), for upload URLs. */
  baseUrl: string;
  sequence: number;
  clockMicros: number;
  /** Who hears the Events API events the fake raises (a harness forwards them, signed, to the app). */
  eventListeners: ((event: Record<string, unknown>) => void)[];
}

/** Seed for a user; the id is generated when absent. */
export interface UserSeed {
  id?: string;
  name: string;
  real_name?: string;
  email?: string;
  is_bot?: boolean;
  deleted?: boolean;
}

/** Seed for a user group. */
export interface UsergroupSeed {
  id?: string;
  handle: string;
  name?: string;
  users: string[];
}

/** Seed for a channel. */
export interface ChannelSeed {
  id?: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
  members?: string[];
  topic?: string;
  purpose?: string;
}

const FIRST_TS_MICROS = 1_700_000_000_000_100;

/** A new id such as `C000000007`, unique within the fake. */
export function nextId(state: SlackState, prefix: string): string {
  state.sequence += 1;
  return `${prefix}${String(state.sequence).padStart(9, "0")}`;
}

/** The next message timestamp: `1700000000.000100`, `1700000000.000200`, … strictly increasing. */
export function nextTs(state: SlackState): string {
  const micros = state.clockMicros;
  state.clockMicros += 100;
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

/** Unix seconds now. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** A fresh state with only the bot user. */
export function createState(init: {
  team: SlackState["team"];
  bot: FakeUser;
  token: string;
  triggerTtlMs: number;
}): SlackState {
  return {
    team: init.team,
    bot: init.bot,
    tokens: new Map([[init.token, init.bot.id]]),
    users: new Map([[init.bot.id, init.bot]]),
    usergroups: new Map(),
    channels: new Map(),
    messages: new Map(),
    ephemerals: [],
    views: new Map(),
    triggers: new Map(),
    homes: new Map(),
    triggerTtlMs: init.triggerTtlMs,
    files: new Map(),
    responses: [],
    responseUrls: new Map(),
    calls: [],
    baseUrl: "",
    sequence: 0,
    clockMicros: FIRST_TS_MICROS,
    eventListeners: [],
  };
}

/** Adds a user to the workspace. */
export function addUser(state: SlackState, seed: UserSeed): FakeUser {
  const user: FakeUser = {
    id: seed.id ?? nextId(state, "U"),
    name: seed.name,
    real_name: seed.real_name ?? seed.name,
    is_bot: seed.is_bot ?? false,
    deleted: seed.deleted ?? false,
    ...(seed.email ? { email: seed.email } : {}),
  };
  state.users.set(user.id, user);
  return user;
}

/** Adds a user group; unknown member ids are a test bug, so they throw. */
export function addUsergroup(state: SlackState, seed: UsergroupSeed): FakeUsergroup {
  for (const id of seed.users) if (!state.users.has(id)) throw new Error(`fake slack: no user ${id}`);
  const group: FakeUsergroup = {
    id: seed.id ?? nextId(state, "S"),
    handle: seed.handle,
    name: seed.name ?? seed.handle,
    users: [...seed.users],
  };
  state.usergroups.set(group.id, group);
  return group;
}

/** Adds a channel directly (no name checks: seeds may set up odd states on purpose). */
export function addChannel(state: SlackState, seed: ChannelSeed, creator: string): FakeChannel {
  const now = unixNow();
  const channel: FakeChannel = {
    id: seed.id ?? nextId(state, "C"),
    name: seed.name,
    is_private: seed.is_private ?? false,
    is_archived: seed.is_archived ?? false,
    is_general: seed.name === "general",
    created: now,
    creator,
    topic: { value: seed.topic ?? "", creator: seed.topic ? creator : "", last_set: seed.topic ? now : 0 },
    purpose: {
      value: seed.purpose ?? "",
      creator: seed.purpose ? creator : "",
      last_set: seed.purpose ? now : 0,
    },
    members: [...(seed.members ?? [])],
  };
  state.channels.set(channel.id, channel);
  state.messages.set(channel.id, []);
  return channel;
}

/** Adds a member to a channel (no-op when already in). */
export function addMember(state: SlackState, channelId: string, userId: string): void {
  const channel = state.channels.get(channelId);
  if (!channel) throw new Error(`fake slack: no channel ${channelId}`);
  if (!state.users.has(userId)) throw new Error(`fake slack: no user ${userId}`);
  if (channel.members.includes(userId)) return;
  channel.members.push(userId);
  announceJoin(state, channel, userId);
}

/** Raises `member_joined_channel` as Slack does when someone joins or is invited (`inviter`). */
export function announceJoin(
  state: SlackState,
  channel: FakeChannel,
  userId: string,
  inviter?: string,
): void {
  const event = {
    type: "member_joined_channel",
    user: userId,
    channel: channel.id,
    channel_type: channel.is_private ? "G" : "C",
    team: state.team.id,
    ...(inviter ? { inviter } : {}),
    event_ts: (Date.now() / 1000).toFixed(6),
  };
  for (const listener of state.eventListeners) listener(event);
}
