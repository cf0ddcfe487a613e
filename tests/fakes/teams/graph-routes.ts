/**
 * The fake Microsoft Graph (`{graph root}/v1.0/...`): the Escalations team's channels (Teams' name rules:
 * 50 characters, forbidden characters, unique names → 409 NameAlreadyExists) and members, users by id or
 * email, group chats with their members and installed apps, and the org's app catalog. RSC permissions
 * hold only while the app is installed in the team (403 otherwise); errors have Graph's shape.
 */
import type { FakeRequest } from "./connector-routes.ts";
import { listChannelMessages, listChatMessages } from "./graph-messages.ts";
import { errorAnswer, type FakeAnswer } from "./limits.ts";
import {
  type FakeChannel,
  type FakeUser,
  findUser,
  newChannelId,
  newChatId,
  type TeamsState,
} from "./teams-state.ts";

const FORBIDDEN = /[~#%&*{}+/\\:<>?|'"]/;
const userOf = (bind: unknown) => /users\('([^']+)'\)/.exec(String(bind ?? ""))?.[1];
const member = (u: FakeUser) => ({
  "@odata.type": "#microsoft.graph.aadUserConversationMember",
  id: `member-${u.aadObjectId}`,
  displayName: u.name,
  userId: u.aadObjectId,
  email: u.email,
  roles: [],
});
const notFound = (what: string) =>
  errorAnswer(
    404,
    "NotFound",
    `${what} does not exist or one of its queried reference-property objects are not present.`,
  );

function createChannel(state: TeamsState, body: Partial<FakeChannel>): FakeAnswer {
  const name = String(body.displayName ?? "");
  if (!name || name.length > 50 || FORBIDDEN.test(name))
    return errorAnswer(
      400,
      "BadRequest",
      "Channel name is invalid: at most 50 characters, none of ~ # % & * { } + / \\ : < > ? | ' \"",
    );
  if (String(body.description ?? "").length > 1024)
    return errorAnswer(400, "BadRequest", "Channel description exceeds 1024 characters.");
  if ([...state.channels.values()].some((c) => c.displayName.toLowerCase() === name.toLowerCase()))
    return errorAnswer(409, "NameAlreadyExists", "Channel name already existed, please use other name.");
  const id = newChannelId();
  const channel: FakeChannel = {
    id,
    displayName: name,
    description: String(body.description ?? ""),
    membershipType: "standard",
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(id)}/${encodeURIComponent(name)}?groupId=${state.team.id}`,
    archived: false,
  };
  state.channels.set(id, channel);
  return { status: 201, body: channel };
}

function teamRoutes(state: TeamsState, req: FakeRequest, rest: string): FakeAnswer {
  const members = state.team.members.flatMap((id) => findUser(state, id) ?? []);
  if (rest === "/channels" && req.method === "GET")
    return { status: 200, body: { value: [...state.channels.values()] } };
  if (rest === "/channels" && req.method === "POST")
    return createChannel(state, req.body as Partial<FakeChannel>);
  const channel = /^\/channels\/([^/]+)(\/archive|\/messages)?$/.exec(rest);
  if (channel) {
    const c = state.channels.get(decodeURIComponent(channel[1]!));
    if (!c) return notFound("Channel");
    if (channel[2] === "/messages" && req.method === "GET") return listChannelMessages(state, req, c.id);
    if (channel[2] === "/archive" && req.method === "POST") {
      c.archived = true;
      return { status: 202 };
    }
    if (!channel[2] && req.method === "PATCH") {
      const description = String((req.body as { description?: unknown }).description ?? "");
      if (description.length > 1024)
        return errorAnswer(400, "BadRequest", "Channel description exceeds 1024 characters.");
      c.description = description;
      return { status: 204 };
    }
  }
  if (rest === "/members" && req.method === "GET") {
    const email = /email eq '([^']*)'/.exec(req.query.get("$filter") ?? "")?.[1]?.replaceAll("''", "'");
    const value = members.filter((u) => !email || u.email.toLowerCase() === email.toLowerCase()).map(member);
    return { status: 200, body: { value } };
  }
  if (rest === "/members" && req.method === "POST") {
    if (!state.canAddTeamMembers)
      return errorAnswer(
        403,
        "Forbidden",
        "Missing role permissions on the request. API requires one of 'TeamMember.ReadWrite.All'.",
      );
    const user = findUser(state, userOf((req.body as Record<string, unknown>)["user@odata.bind"]) ?? "");
    if (!user) return notFound("User");
    if (!state.team.members.includes(user.aadObjectId)) state.team.members.push(user.aadObjectId);
    return { status: 201, body: member(user) };
  }
  return errorAnswer(404, "NotFound", `no route ${req.method} /teams/{id}${rest}`);
}

function createChat(state: TeamsState, body: Record<string, unknown>): FakeAnswer {
  if (body.chatType !== "group") return errorAnswer(400, "BadRequest", "chatType must be group here.");
  const ids = (Array.isArray(body.members) ? body.members : []).map((m) =>
    userOf((m as Record<string, unknown>)["user@odata.bind"]),
  );
  const users = ids.map((id) => (id ? findUser(state, id) : undefined));
  if (users.length === 0 || users.some((u) => !u))
    return errorAnswer(400, "BadRequest", "Every member must be an existing user of the tenant.");
  const id = newChatId();
  const chat = {
    id,
    topic: String(body.topic ?? ""),
    webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(id)}/0?tenantId=${state.tenantId}`,
    members: users.map((u) => u!.aadObjectId),
    apps: [],
  };
  state.chats.set(id, chat);
  return { status: 201, body: { id, topic: chat.topic, chatType: "group", webUrl: chat.webUrl } };
}

function chatRoutes(state: TeamsState, req: FakeRequest, chatId: string, rest: string): FakeAnswer {
  const chat = state.chats.get(chatId);
  if (!chat) return notFound("Chat");
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (rest === "/messages" && req.method === "GET") return listChatMessages(state, req, chatId);
  if (rest === "" && req.method === "PATCH") {
    chat.topic = String(body.topic ?? chat.topic);
    return { status: 204 };
  }
  if (rest === "/members" && req.method === "POST") {
    const user = findUser(state, userOf(body["user@odata.bind"]) ?? "");
    if (!user) return notFound("User");
    if (chat.members.includes(user.aadObjectId))
      return errorAnswer(409, "Conflict", "The user is already a member.");
    chat.members.push(user.aadObjectId);
    return { status: 201, body: member(user) };
  }
  if (rest === "/installedApps" && req.method === "POST") {
    const catalogId = /teamsApps\/([^/'"]+)$/.exec(String(body["teamsApp@odata.bind"] ?? ""))?.[1];
    if (catalogId !== state.catalogAppId) return notFound("App");
    chat.apps.push(catalogId);
    return { status: 201 };
  }
  return errorAnswer(404, "NotFound", `no route ${req.method} /chats/{id}${rest}`);
}

/** Answers one Graph request (already authenticated), path below `/v1.0`. */
export function handleGraph(state: TeamsState, req: FakeRequest): FakeAnswer {
  const team = /^\/teams\/([^/]+)(\/.*)?$/.exec(req.path);
  if (team) {
    if (decodeURIComponent(team[1]!) !== state.team.id) return notFound(`Team ${team[1]}`);
    if (!state.team.appInstalled)
      return errorAnswer(
        403,
        "Forbidden",
        "Missing role permissions on the request. The app is not installed in the team.",
      );
    return teamRoutes(state, req, team[2] ?? "");
  }
  const user = /^\/users\/([^/]+)$/.exec(req.path);
  if (user && req.method === "GET") {
    const u = findUser(state, decodeURIComponent(user[1]!));
    if (!u)
      return errorAnswer(
        404,
        "Request_ResourceNotFound",
        `Resource '${decodeURIComponent(user[1]!)}' does not exist or one of its queried reference-property objects are not present.`,
      );
    return {
      status: 200,
      body: { id: u.aadObjectId, displayName: u.name, mail: u.email, userPrincipalName: u.email },
    };
  }
  if (req.path === "/chats" && req.method === "POST")
    return createChat(state, (req.body ?? {}) as Record<string, unknown>);
  const chat = /^\/chats\/([^/]+)(\/.*)?$/.exec(req.path);
  if (chat) return chatRoutes(state, req, decodeURIComponent(chat[1]!), chat[2] ?? "");
  if (req.path === "/appCatalogs/teamsApps" && req.method === "GET") {
    const externalId = /externalId eq '([^']*)'/.exec(req.query.get("$filter") ?? "")?.[1];
    const app = {
      id: state.catalogAppId,
      externalId: state.appId,
      displayName: "warroom",
      distributionMethod: "organization",
    };
    return { status: 200, body: { value: externalId === state.appId ? [app] : [] } };
  }
  return errorAnswer(
    400,
    "BadRequest",
    `Resource not found for the segment '${req.path.split("/")[1] ?? ""}'.`,
  );
}
