/**
 * The fake Bot Connector (`{serviceUrl}/v3/...`): send and update activities, create a thread in a
 * channel, list members page by page. It checks the bearer token (the bot scope), that the bot is in the
 * conversation (403 BotNotInConversationRoster), the size limit (413 MessageSizeTooBig), the shape of
 * what is sent (400 BadArgument) and the per-conversation rate limits (429 Throttled).
 */
import type { FakeAnswer } from "./limits.ts";
import { errorAnswer, MAX_ACTIVITY_BYTES } from "./limits.ts";
import { baseOf, conversationMembers, type FakeActivity, findUser, type TeamsState } from "./teams-state.ts";

/** What a route sees of the request. */
export interface FakeRequest {
  method: string;
  /** Path below the API's prefix, decoded segments kept raw. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  rawSize: number;
}

/** What the Connector's routes need beside the state. */
export interface ConnectorContext {
  state: TeamsState;
  /** Answers 429 when the conversation is over its limits. */
  limit(conversationId: string): FakeAnswer | undefined;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MEMBERS = /^\/v3\/conversations\/([^/]+)\/pagedMembers$/;

function checkActivity(body: unknown, rawSize: number): FakeAnswer | undefined {
  if (rawSize > MAX_ACTIVITY_BYTES) return errorAnswer(413, "MessageSizeTooBig", "Message size too large");
  const a = body as { type?: unknown; text?: unknown; attachments?: unknown };
  if (a?.type !== "message")
    return errorAnswer(400, "BadArgument", "Activity type is required and must be message");
  const hasText = typeof a.text === "string" && a.text.length > 0;
  const hasAttachments = Array.isArray(a.attachments) && a.attachments.length > 0;
  if (!hasText && !hasAttachments) return errorAnswer(400, "BadArgument", "Text or attachments are required");
  return undefined;
}

function store(state: TeamsState, conversationId: string, body: unknown): FakeActivity {
  const a = body as Omit<FakeActivity, "id" | "conversationId" | "updates">;
  const activity: FakeActivity = {
    id: String(1_700_000_000_000 + ++state.counter),
    conversationId: baseOf(conversationId),
    type: a.type,
    text: a.text,
    attachments: a.attachments,
    entities: a.entities,
    replyToId: conversationId.includes(";messageid=") ? conversationId.split(";messageid=")[1] : undefined,
    updates: 0,
  };
  const list = state.activities.get(activity.conversationId) ?? [];
  list.push(activity);
  state.activities.set(activity.conversationId, list);
  return activity;
}

function pagedMembers(ctx: ConnectorContext, conversationId: string, query: URLSearchParams): FakeAnswer {
  const members = conversationMembers(ctx.state, conversationId);
  if (!members) return errorAnswer(404, "ConversationNotFound", "Conversation not found.");
  const size = Math.min(500, Math.max(50, Number(query.get("pageSize") ?? 200)));
  const start = Number(query.get("continuationToken") ?? 0);
  const page = members.slice(start, start + size).flatMap((id) => {
    const u = findUser(ctx.state, id);
    if (!u) return [];
    const [givenName, ...rest] = u.name.split(" ");
    return [
      {
        id: u.botId,
        name: u.name,
        aadObjectId: u.aadObjectId,
        email: u.email,
        userPrincipalName: u.email,
        givenName,
        surname: rest.join(" "),
        tenantId: ctx.state.tenantId,
        userRole: "user",
      },
    ];
  });
  const next = start + size < members.length ? String(start + size) : undefined;
  return { status: 200, body: { members: page, ...(next ? { continuationToken: next } : {}) } };
}

function createConversation(ctx: ConnectorContext, body: unknown): FakeAnswer {
  const b = body as { channelData?: { channel?: { id?: string } }; activity?: unknown };
  const channelId = b.channelData?.channel?.id;
  if (!channelId || !ctx.state.channels.has(channelId))
    return errorAnswer(
      400,
      "BadArgument",
      "channelData.channel.id must name a channel of a team the bot is in",
    );
  const refused = b.activity ? checkActivity(b.activity, JSON.stringify(b.activity).length) : undefined;
  if (refused) return refused;
  const root = b.activity ? store(ctx.state, channelId, b.activity) : undefined;
  const id = root ? `${channelId};messageid=${root.id}` : channelId;
  return { status: 201, body: { id, activityId: root?.id, serviceUrl: `${ctx.state.baseUrl}/connector/` } };
}

/** Answers one Connector request (already authenticated). */
export function handleConnector(ctx: ConnectorContext, req: FakeRequest): FakeAnswer {
  if (req.method === "POST" && req.path === "/v3/conversations") return createConversation(ctx, req.body);
  const members = MEMBERS.exec(req.path);
  if (members && req.method === "GET") return pagedMembers(ctx, decodeURIComponent(members[1]!), req.query);
  const match = ACTIVITIES.exec(req.path);
  if (!match) return errorAnswer(404, "NotFound", `no route ${req.method} ${req.path}`);
  const conversationId = decodeURIComponent(match[1]!);
  if (!conversationMembers(ctx.state, conversationId))
    return errorAnswer(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster.");
  if (req.method !== "POST" && req.method !== "PUT")
    return errorAnswer(405, "MethodNotAllowed", `${req.method} is not supported here`);
  const refused = checkActivity(req.body, req.rawSize) ?? ctx.limit(baseOf(conversationId));
  if (refused) return refused;
  if (req.method === "POST")
    return { status: 201, body: { id: store(ctx.state, conversationId, req.body).id } };
  const activityId = decodeURIComponent(match[2] ?? "");
  const existing = ctx.state.activities.get(baseOf(conversationId))?.find((a) => a.id === activityId);
  if (!existing) return errorAnswer(404, "NotFound", "The activity does not exist.");
  const b = req.body as Partial<FakeActivity>;
  Object.assign(existing, {
    text: b.text,
    attachments: b.attachments,
    entities: b.entities,
    updates: existing.updates + 1,
  });
  return { status: 200, body: { id: existing.id } };
}
