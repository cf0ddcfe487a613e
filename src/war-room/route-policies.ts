/**
 * Who may do what in a war-room, one table for every platform: anyone (asking for a war-room, help,
 * status), a member of the war-room's room (catch-up, follow-ups, verdicts), or an owner — the requester, the
 * account's CSM, the people the routing rules invited, and ADMIN_USERS — for what changes the
 * escalation's state (resolve, reopen, close). The Slack and Teams handlers look their command up here
 * and call `authorize` before the use-case.
 */
import { type MessageText, mention, type TextPart, withMentions } from "../domain/message-text.ts";
import { getEscalation } from "../storage/escalation-store.ts";
import { getWarRoom, listOwnerIds } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";

/** The policies, loosest first. */
export type RoutePolicy = "anyone" | "member" | "owner";

/** War-room commands (and the buttons and forms that do the same) grouped by policy. */
export const ROUTES = {
  // The radar alert's buttons (in the triage channel, before any war-room) are open to anyone but bots.
  anyone: ["escalate", "help", "status", "open-war-room-from-alert", "dismiss-alert"],
  member: ["catchup", "task", "add-follow-up", "done", "verdict"],
  owner: ["resolve", "record-resolution", "reopen", "close"],
} as const satisfies Record<RoutePolicy, readonly string[]>;

/** A command or action named in ROUTES. */
export type RouteName = (typeof ROUTES)[RoutePolicy][number];

/** The policy of a route. */
export function policyOf(route: RouteName): RoutePolicy {
  const entry = Object.entries(ROUTES).find(([, names]) => (names as readonly string[]).includes(route));
  return (entry?.[0] as RoutePolicy | undefined) ?? "owner";
}

/** Whether `userId` is one of ADMIN_USERS, given as user ids or emails (looked up on the platform). */
async function isAdmin(userId: string, deps: WarRoomDeps): Promise<boolean> {
  for (const entry of deps.admins ?? []) {
    if (entry === userId) return true;
    if (entry.includes("@") && (await deps.chat.findUserByEmail(entry)) === userId) return true;
  }
  return false;
}

/** The owners of an escalation's war-room (user ids): the requester when a chat user, CSM, responders. */
export async function listWarRoomOwners(escalationId: string, deps: WarRoomDeps): Promise<string[]> {
  const owners = await listOwnerIds(deps.db, escalationId);
  const escalation = await getEscalation(deps.db, escalationId);
  const requester = escalation?.origin === deps.chat.kind ? escalation.requestedBy : null;
  return [...new Set([...(requester ? [requester] : []), ...owners])];
}

/** Whether `userId` owns the war-room (or is an admin). */
export async function isWarRoomOwner(
  escalationId: string,
  userId: string,
  deps: WarRoomDeps,
): Promise<boolean> {
  return (await listWarRoomOwners(escalationId, deps)).includes(userId) || isAdmin(userId, deps);
}

const VERB: Partial<Record<RouteName, string>> = {
  resolve: "resolve",
  "record-resolution": "resolve",
  reopen: "reopen",
  close: "close",
};

/** "@a, @b" as mentions. */
function listPeople(userIds: string[]): TextPart[] {
  return userIds.flatMap((u, i) => (i ? [", ", mention(u)] : [mention(u)]));
}

/**
 * Null when `userId` may use `route` in the escalation's war-room; otherwise the message to show them,
 * naming who can (as mentions: each platform renders them).
 */
export async function authorize(
  route: RouteName,
  escalationId: string,
  userId: string,
  deps: WarRoomDeps,
): Promise<MessageText | null> {
  const policy = policyOf(route);
  if (policy === "anyone") return null;
  if (policy === "member") {
    const warRoom = await getWarRoom(deps.db, escalationId);
    if (warRoom && (await deps.chat.members(warRoom.room)).includes(userId)) return null;
    return `Only members of this war-room can use ${route}; ask someone in it to add you.`;
  }
  if (await isWarRoomOwner(escalationId, userId, deps)) return null;
  const owners = await listWarRoomOwners(escalationId, deps);
  const named = owners.length ? listPeople(owners) : "nobody is recorded yet";
  return withMentions`Only the requester, the account's CSM, the owners the routing rules invited or an admin (ADMIN_USERS) can ${VERB[route] ?? route} ${escalationId}. Ask one of them: ${named}.`;
}
