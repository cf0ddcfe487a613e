/**
 * The fake Graph's message lists: `GET /teams/{id}/channels/{id}/messages` (root messages, no replies) and
 * `GET /chats/{id}/messages`, newest first, as chatMessage resources: what the bot posted through the
 * Connector, a card attachment's JSON given as a string in `content`. `$top` defaults to 20 and is at
 * most 50 (400 above), further pages come through `@odata.nextLink` with a `$skiptoken`; reading needs the
 * RSC permission (ChannelMessage.Read.Group in a team, ChatMessage.Read.Chat in a chat with the app in it).
 */
import type { FakeRequest } from "./connector-routes.ts";
import { errorAnswer, type FakeAnswer } from "./limits.ts";
import type { FakeActivity, TeamsState } from "./teams-state.ts";

const DEFAULT_TOP = 20;
const MAX_TOP = 50;

/** An activity as Graph shows it. */
function chatMessage(state: TeamsState, a: FakeActivity, where: Record<string, unknown>) {
  const attachments = (a.attachments ?? []).map((att, i) => ({
    id: `${a.id}-${i}`,
    contentType: att.contentType,
    contentUrl: att.contentUrl ?? null,
    content: att.content === undefined ? null : JSON.stringify(att.content),
    name: att.name ?? null,
    thumbnailUrl: null,
    teamsAppId: null,
  }));
  const when = new Date(Number(a.id)).toISOString();
  return {
    id: a.id,
    replyToId: a.replyToId ?? null,
    etag: String(a.updates),
    messageType: "message",
    createdDateTime: when,
    lastModifiedDateTime: when,
    deletedDateTime: null,
    subject: null,
    importance: "normal",
    locale: "en-us",
    from: {
      user: null,
      application: { id: state.appId, displayName: "warroom", applicationIdentityType: "bot" },
    },
    body: {
      contentType: "html",
      content: a.text ?? attachments.map((att) => `<attachment id="${att.id}"></attachment>`).join(""),
    },
    attachments,
    mentions: [],
    reactions: [],
    ...where,
  };
}

/** One page of `activities` (newest first) for `path`, with its next link. */
function page(
  state: TeamsState,
  req: FakeRequest,
  path: string,
  activities: FakeActivity[],
  where: Record<string, unknown>,
): FakeAnswer {
  const top = Number(req.query.get("$top") ?? DEFAULT_TOP);
  if (!Number.isInteger(top) || top < 1)
    return errorAnswer(400, "BadRequest", `Invalid value '${req.query.get("$top")}' for $top.`);
  if (top > MAX_TOP)
    return errorAnswer(400, "BadRequest", `Limit of '${MAX_TOP}' for Top Query has been exceeded.`);
  const skip = Number(req.query.get("$skiptoken") ?? 0);
  const newest = [...activities].reverse();
  const value = newest.slice(skip, skip + top).map((a) => chatMessage(state, a, where));
  const rest = skip + top < newest.length;
  const next = `${state.baseUrl}/graph/v1.0${path}?$top=${top}&$skiptoken=${skip + top}`;
  return { status: 200, body: { value, ...(rest ? { "@odata.nextLink": next } : {}) } };
}

const forbidden = (permission: string) =>
  errorAnswer(
    403,
    "Forbidden",
    `Missing role permissions on the request. API requires one of '${permission}'. Roles on the request ''.`,
  );

/** `GET /teams/{team}/channels/{channel}/messages`. */
export function listChannelMessages(state: TeamsState, req: FakeRequest, channelId: string): FakeAnswer {
  if (!state.canReadMessages) return forbidden("ChannelMessage.Read.Group, ChannelMessage.Read.All");
  const roots = (state.activities.get(channelId) ?? []).filter((a) => !a.replyToId);
  const where = { channelIdentity: { teamId: state.team.id, channelId }, chatId: null };
  return page(state, req, `/teams/${state.team.id}/channels/${channelId}/messages`, roots, where);
}

/** `GET /chats/{chat}/messages`. */
export function listChatMessages(state: TeamsState, req: FakeRequest, chatId: string): FakeAnswer {
  const chat = state.chats.get(chatId);
  if (!state.canReadMessages || !chat?.apps.includes(state.catalogAppId))
    return forbidden("ChatMessage.Read.Chat, Chat.Read.All, Chat.ReadWrite.All");
  const where = { channelIdentity: null, chatId };
  return page(state, req, `/chats/${chatId}/messages`, state.activities.get(chatId) ?? [], where);
}
