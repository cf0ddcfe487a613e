/**
 * ChatPlatform over Teams: war-rooms are standard channels in the Escalations team (Graph, RSC
 * `Channel.Create.Group`), or group chats when private (Graph `Chat.Create`, the app installed into the
 * chat); messages go through the Bot Connector at each conversation's serviceUrl. Users are known by their
 * Entra object id.
 */
import { type MessageText, mention, renderParts } from "../../src/domain/message-text.ts";
import { NotFoundError, PermissionError, ValidationError } from "../../src/errors.ts";
import type {
  ChatPlatform,
  InviteResult,
  RoomRef,
  RoomSpec,
  WarRoomMessage,
} from "../../src/ports/chat-platform.ts";
import type { ConversationDirectory } from "../../src/ports/conversation-directory.ts";
import { composeActivity } from "./compose-activity.ts";
import type { Connector } from "./connector.ts";
import type { GraphApi } from "./graph-api.ts";
import { keysInMessages, markCard, postOnce } from "./keyed-messages.ts";
import { baseConversationId, parseTeamsMessageRef, teamsMessageRef } from "./message-ref.ts";
import { renderTeamsMessage, type TeamsMessageContent } from "./render-cards.ts";
import type { AdaptiveCardJson } from "./render-parts.ts";
import { deepLink, isChatId, roomMarker, teamsChannelName } from "./room-names.ts";
import { sendImage } from "./send-image.ts";
import { createUserNames } from "./user-names.ts";

/** What the Teams platform works with. */
export interface TeamsPlatformConfig {
  appId: string;
  tenantId: string;
  /** The Escalations team's group id; null: no war-rooms in Teams. */
  teamId: string | null;
  connector: Connector;
  graph: GraphApi;
  directory: ConversationDirectory;
  /** The Connector URL to use before any activity told warroom its tenant's. */
  defaultServiceUrl: string;
}

/** The Teams ChatPlatform, plus what the adapter feeds it from inbound activities. */
export interface TeamsChatPlatform extends ChatPlatform {
  /** Remembers a person's display name (for mentions and "confirmed by"). */
  rememberName(userId: string, name: string): void;
  /** Remembers where a conversation (and its tenant) is reached. */
  rememberConversation(conversationId: string, tenantId: string | null, serviceUrl: string): Promise<void>;
  /** Posts text (and a card) to any conversation the bot is in, e.g. an answer in the thread it was asked in. */
  say(conversationId: string, content: TeamsMessageContent): Promise<string>;
  /** Text with each mention as the person's display name, for places that show no mentions (a dialog's message). */
  wordsOf(text: MessageText): string;
  /** The card a war-room message is shown as (an invoke answers with it to redraw the clicked card). */
  cardOf(message: WarRoomMessage): AdaptiveCardJson | undefined;
}

const REPLY_PREFIX = "teams-reply:";

/** The reply reference of a conversation (a thread in a channel): where to answer the person later. */
export function teamsReplyRef(conversationId: string): string {
  return `${REPLY_PREFIX}${encodeURIComponent(conversationId)}`;
}

/** Creates the Teams ChatPlatform. */
export function createTeamsChatPlatform(config: TeamsPlatformConfig): TeamsChatPlatform {
  const { graph, connector, directory } = config;
  const names = createUserNames();
  const room = (id: string, name: string, url?: string | null): RoomRef => ({
    platform: "teams",
    id,
    name,
    url: url ?? deepLink(id, config.tenantId),
  });
  async function serviceUrlFor(conversationId: string): Promise<string> {
    return (
      (await directory.lookup("teams", baseConversationId(conversationId))) ??
      (await directory.lookup("teams", `tenant:${config.tenantId}`)) ??
      config.defaultServiceUrl
    );
  }
  function team(): string {
    if (!config.teamId)
      throw new ValidationError(
        "teams",
        "no Escalations team: set TEAMS_ESCALATIONS_TEAM_ID to the group id of the team warroom is installed in",
      );
    return config.teamId;
  }
  let catalogId: string | undefined;
  async function installInChat(chatId: string): Promise<void> {
    catalogId ??=
      (await graph.catalogAppId(config.appId)) ??
      (() => {
        throw new NotFoundError(
          "teams",
          `the app ${config.appId} is not in your organisation's app catalog: upload the warroom app package (npm run teams:package) in the Teams admin center`,
        );
      })();
    await graph.installAppInChat(chatId, catalogId);
  }
  const rooms = createRooms({ graph, team, installInChat, room });
  /** The escalation's keyed cards among the room's latest messages: key name to reference. */
  async function findPosted(r: RoomRef, escalationId: string): Promise<Map<string, string>> {
    const messages = isChatId(r.id)
      ? await graph.chatMessages(r.id)
      : await graph.channelMessages(team(), r.id);
    const found = new Map<string, string>();
    for (const [name, id] of keysInMessages(messages, escalationId))
      found.set(name, teamsMessageRef(r.id, id));
    return found;
  }
  const send = async (roomId: string, content: Parameters<typeof composeActivity>[0]) => {
    const id = await connector.send(await serviceUrlFor(roomId), roomId, composeActivity(content, names.get));
    return teamsMessageRef(roomId, id);
  };

  return {
    kind: "teams",
    existingRoom: (id) => room(id, id),
    createRoom: (spec) => rooms.create(spec),
    async setTopic(r, topic) {
      // A group chat has no description; its context card says the same.
      if (!isChatId(r.id)) await graph.setChannelDescription(team(), r.id, topic.slice(0, 1024));
    },
    async invite(r, userIds) {
      const result = await rooms.invite(r, [...new Set(userIds)]);
      if (result.invited.length > 0)
        await send(r.id, {
          text: [
            ...result.invited.flatMap((u, i) => (i ? [" ", mention(u)] : [mention(u)])),
            ": you are in this war-room.",
          ],
        });
      return result;
    },
    async findUserByEmail(email) {
      const member = config.teamId ? await graph.teamMemberByEmail(config.teamId, email) : null;
      if (member?.userId) {
        if (member.displayName) names.set(member.userId, member.displayName);
        return member.userId;
      }
      return graph.userIdByEmail(email);
    },
    async post(r, message, options) {
      const content = renderTeamsMessage(message, names.display);
      const key = options?.key;
      // Only a card can carry the marker Graph gives back; a keyed text is posted as before.
      if (!key || !content.card) return send(r.id, content);
      const marked = { ...content, card: markCard(content.card, key) };
      return postOnce(
        () => send(r.id, marked),
        async () => (await findPosted(r, key.escalationId)).get(key.name) ?? null,
      );
    },
    findPosted,
    async update(ref, message) {
      const where = parseTeamsMessageRef(ref);
      if (!where) throw new ValidationError("teams", `not a Teams message reference: ${ref}`);
      const activity = composeActivity(renderTeamsMessage(message, names.display), names.get);
      await connector.update(
        await serviceUrlFor(where.conversationId),
        where.conversationId,
        where.activityId,
        activity,
      );
    },
    async members(r) {
      const members = await connector.members(await serviceUrlFor(r.id), r.id);
      for (const m of members) names.set(m.id, m.name);
      return members.map((m) => m.id);
    },
    async archive(r) {
      if (!isChatId(r.id)) await graph.archiveChannel(team(), r.id);
    },
    async uploadFile(r, file) {
      const id = await sendImage(connector, await serviceUrlFor(r.id), r.id, file);
      return teamsMessageRef(r.id, id);
    },
    async reply(replyRef, text) {
      if (!replyRef.startsWith(REPLY_PREFIX))
        throw new ValidationError("teams", `not a Teams reply reference: ${replyRef}`);
      const conversationId = decodeURIComponent(replyRef.slice(REPLY_PREFIX.length));
      await connector.send(
        await serviceUrlFor(conversationId),
        conversationId,
        composeActivity({ text }, names.get),
      );
    },
    rememberName: names.set,
    say: send,
    wordsOf: (text) => renderParts(text, (words) => words, names.display),
    cardOf: (message) => renderTeamsMessage(message, names.display).card,
    async rememberConversation(conversationId, tenantId, serviceUrl) {
      await directory.remember("teams", baseConversationId(conversationId), serviceUrl);
      if (tenantId === config.tenantId) await directory.remember("teams", `tenant:${tenantId}`, serviceUrl);
    },
  };
}

interface RoomDeps {
  graph: GraphApi;
  team(): string;
  installInChat(chatId: string): Promise<void>;
  room(id: string, name: string, url?: string | null): RoomRef;
}

/** Creating rooms and adding people to them. */
function createRooms({ graph, team, installInChat, room }: RoomDeps) {
  /**
   * Creates the channel, or finds the one an earlier attempt made for the same escalation: a retried job's
   * create meets its own name taken (409), and the channel carrying its marker is that one.
   */
  async function createChannel(spec: RoomSpec): Promise<RoomRef> {
    const teamId = team();
    const marker = spec.key ? roomMarker(spec.key) : undefined;
    for (let attempt = 1; attempt <= 20; attempt++) {
      const name = teamsChannelName(spec.name, attempt);
      try {
        const created = await graph.createChannel(teamId, name, marker ?? "warroom war-room");
        return room(created.id, created.displayName, created.webUrl);
      } catch (error) {
        // Teams answers a taken name with 409 NameAlreadyExists (also for recently deleted channels).
        if (!(error instanceof ValidationError) || !/NameAlreadyExists|409/.test(error.message)) throw error;
        if (marker && attempt === 1) {
          const made = (await graph.listChannels(teamId)).find((c) => c.description?.includes(marker));
          if (made) return room(made.id, made.displayName, made.webUrl);
        }
      }
    }
    throw new ValidationError("teams", `every channel name from ${spec.name} to ${spec.name}-20 is taken`);
  }

  async function createChat(spec: RoomSpec): Promise<RoomRef> {
    const members = [...new Set(spec.members ?? [])];
    if (members.length === 0)
      throw new ValidationError(
        "teams",
        "a private war-room in Teams is a group chat, created with the person who asked for it, and nobody asked from Teams; escalate from Teams or without --private",
      );
    const chat = await graph.createGroupChat(spec.name, members);
    await installInChat(chat.id);
    return room(chat.id, chat.topic ?? spec.name, chat.webUrl);
  }

  async function inviteToChannel(userIds: string[]): Promise<InviteResult> {
    const teamId = team();
    const inTeam = new Set(await graph.teamMemberIds(teamId));
    const result: InviteResult = { invited: [], failed: [] };
    for (const user of userIds) {
      if (inTeam.has(user)) {
        result.invited.push(user);
        continue;
      }
      // A standard channel is open to the team: joining the room means joining the Escalations team.
      try {
        await graph.addTeamMember(teamId, user);
        result.invited.push(user);
      } catch (error) {
        const reason =
          error instanceof PermissionError
            ? "not in the Escalations team, and warroom may not add people to it (add them, or grant TeamMember.ReadWrite.All)"
            : (error as Error).message;
        result.failed.push({ user, reason });
      }
    }
    return result;
  }

  async function inviteToChat(chatId: string, userIds: string[]): Promise<InviteResult> {
    const result: InviteResult = { invited: [], failed: [] };
    for (const user of userIds) {
      try {
        await graph.addChatMember(chatId, user);
        result.invited.push(user);
      } catch (error) {
        if (error instanceof ValidationError && /409|already/i.test(error.message)) result.invited.push(user);
        else result.failed.push({ user, reason: (error as Error).message });
      }
    }
    return result;
  }

  return {
    create: (spec: RoomSpec) => (spec.private ? createChat(spec) : createChannel(spec)),
    invite: (r: RoomRef, userIds: string[]) =>
      isChatId(r.id) ? inviteToChat(r.id, userIds) : inviteToChannel(userIds),
  };
}
