/**
 * The Microsoft Graph calls warroom makes, through the Teams SDK's Graph client (`@microsoft/teams.graph`,
 * given the full Graph root so a root with a path survives; the SDK's own app client keeps only the
 * origin). Channels in the Escalations team and their members, group chats for private war-rooms, users by
 * email, and the app's catalog id for installing it into a chat.
 */
import type { Client as GraphClient } from "@microsoft/teams.graph";
import { z } from "zod";
import { NotFoundError } from "../../src/errors.ts";

const channel = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  description: z.string().nullish(),
  webUrl: z.string().nullish(),
});
const chat = z.looseObject({ id: z.string(), topic: z.string().nullish(), webUrl: z.string().nullish() });
const member = z.looseObject({
  userId: z.string().nullish(),
  email: z.string().nullish(),
  displayName: z.string().nullish(),
});
const list = <T extends z.ZodType>(item: T) => z.looseObject({ value: z.array(item) });
const message = z.looseObject({
  id: z.string(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().nullish(), content: z.string().nullish() }))
    .nullish(),
});
/** Graph's largest page of messages ($top above it is a 400). */
const MESSAGES_PAGE = 50;

/** A channel as Graph describes it. */
export type GraphChannel = z.infer<typeof channel>;
/** A channel or chat message as Graph lists it (a card's JSON is its attachment's `content`). */
export type GraphMessage = z.infer<typeof message>;
/** A chat as Graph describes it. */
export type GraphChat = z.infer<typeof chat>;

type Method = "get" | "post" | "patch" | "delete";

/** Graph operations over one Graph client. */
export function createGraphApi(graph: GraphClient, graphRoot: string) {
  async function call<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    options: { query?: Record<string, string>; body?: unknown } = {},
  ): Promise<z.infer<S>> {
    const query = options.query ?? {};
    const data = await graph.call(() => ({
      method,
      path,
      paramDefs: { query: Object.keys(query) },
      params: query,
      body: options.body,
    }));
    return schema.parse(data ?? {});
  }
  const userBind = (id: string) => `${graphRoot}/v1.0/users('${id}')`;
  const memberBody = (id: string, roles: string[]) => ({
    "@odata.type": "#microsoft.graph.aadUserConversationMember",
    roles,
    "user@odata.bind": userBind(id),
  });
  const enc = encodeURIComponent;
  const quote = (s: string) => s.replaceAll("'", "''");

  return {
    listChannels: async (teamId: string) =>
      (await call("get", `/teams/${enc(teamId)}/channels`, list(channel))).value,
    createChannel: (teamId: string, displayName: string, description: string) =>
      call("post", `/teams/${enc(teamId)}/channels`, channel, {
        body: { displayName, description, membershipType: "standard" },
      }),
    setChannelDescription: (teamId: string, channelId: string, description: string) =>
      call("patch", `/teams/${enc(teamId)}/channels/${enc(channelId)}`, z.unknown(), {
        body: { description },
      }),
    archiveChannel: (teamId: string, channelId: string) =>
      call("post", `/teams/${enc(teamId)}/channels/${enc(channelId)}/archive`, z.unknown()),
    teamMemberByEmail: async (teamId: string, email: string) =>
      (
        await call("get", `/teams/${enc(teamId)}/members`, list(member), {
          query: { $filter: `(microsoft.graph.aadUserConversationMember/email eq '${quote(email)}')` },
        })
      ).value[0] ?? null,
    teamMemberIds: async (teamId: string) =>
      (await call("get", `/teams/${enc(teamId)}/members`, list(member))).value.flatMap((m) =>
        m.userId ? [m.userId] : [],
      ),
    addTeamMember: (teamId: string, userId: string) =>
      call("post", `/teams/${enc(teamId)}/members`, z.unknown(), { body: memberBody(userId, []) }),
    userIdByEmail: async (email: string): Promise<string | null> => {
      try {
        return (await call("get", `/users/${enc(email)}`, z.looseObject({ id: z.string() }))).id;
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
    createGroupChat: (topic: string, memberIds: string[]) =>
      call("post", "/chats", chat, {
        body: { chatType: "group", topic, members: memberIds.map((id) => memberBody(id, ["owner"])) },
      }),
    setChatTopic: (chatId: string, topic: string) =>
      call("patch", `/chats/${enc(chatId)}`, z.unknown(), { body: { topic } }),
    addChatMember: (chatId: string, userId: string) =>
      call("post", `/chats/${enc(chatId)}/members`, z.unknown(), { body: memberBody(userId, ["owner"]) }),
    /** The latest root messages of a channel (RSC ChannelMessage.Read.Group), one page. */
    channelMessages: async (teamId: string, channelId: string) =>
      (
        await call("get", `/teams/${enc(teamId)}/channels/${enc(channelId)}/messages`, list(message), {
          query: { $top: String(MESSAGES_PAGE) },
        })
      ).value,
    /** The latest messages of a chat, newest first (RSC ChatMessage.Read.Chat), one page. */
    chatMessages: async (chatId: string) =>
      (
        await call("get", `/chats/${enc(chatId)}/messages`, list(message), {
          query: { $top: String(MESSAGES_PAGE), $orderby: "createdDateTime desc" },
        })
      ).value,
    catalogAppId: async (externalId: string): Promise<string | null> =>
      (
        await call("get", "/appCatalogs/teamsApps", list(z.looseObject({ id: z.string() })), {
          query: { $filter: `externalId eq '${quote(externalId)}'` },
        })
      ).value[0]?.id ?? null,
    installAppInChat: (chatId: string, catalogId: string) =>
      call("post", `/chats/${enc(chatId)}/installedApps`, z.unknown(), {
        body: { "teamsApp@odata.bind": `${graphRoot}/v1.0/appCatalogs/teamsApps/${catalogId}` },
      }),
  };
}

/** The Graph operations. */
export type GraphApi = ReturnType<typeof createGraphApi>;
