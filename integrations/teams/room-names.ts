/**
 * Room names and links in Teams. Channel names: at most 50 characters, none of `~ # % & * { } + / \ : < >
 * ? | ' "`; warroom's `esc-<account>-<yyyymmdd>` keeps its date and suffix and shortens the account.
 */

/** The longest channel name Teams accepts. */
export const MAX_TEAMS_CHANNEL_NAME = 50;

const FORBIDDEN = /[~#%&*{}+/\\:<>?|'"]/g;

/** The channel name to try after `attempt` collisions: `name`, `name-2`, `name-3`, … within 50 characters. */
export function teamsChannelName(name: string, attempt: number): string {
  const suffix = attempt <= 1 ? "" : `-${attempt}`;
  const clean = name.replace(FORBIDDEN, "-").replace(/\s+/g, " ").trim();
  const room = MAX_TEAMS_CHANNEL_NAME - suffix.length;
  if (clean.length <= room) return `${clean}${suffix}`;
  const dated = /^(.*)(-\d{8})$/.exec(clean);
  if (!dated) return `${clean.slice(0, room).replace(/-+$/, "")}${suffix}`;
  const head = dated[1]!.slice(0, room - dated[2]!.length).replace(/-+$/, "");
  return `${head}${dated[2]}${suffix}`;
}

/** Whether a conversation id is a group chat's (`…@thread.v2`) rather than a channel's (`…@thread.tacv2`). */
export function isChatId(conversationId: string): boolean {
  return /@thread\.v2$/.test(conversationId) || /@unq\.gbl\.spaces$/.test(conversationId);
}

/** A link to a channel or chat for people (Graph's webUrl is preferred when Graph gave one). */
export function deepLink(conversationId: string, tenantId: string): string {
  const id = encodeURIComponent(conversationId);
  return isChatId(conversationId)
    ? `https://teams.microsoft.com/l/chat/${id}/0?tenantId=${tenantId}`
    : `https://teams.microsoft.com/l/channel/${id}/war-room?tenantId=${tenantId}`;
}

/** The marker warroom writes into a channel it creates, so a retried job finds the channel. */
export function roomMarker(key: string): string {
  return `[warroom ${key}]`;
}
