/**
 * Normalised references of Teams messages: `teams:<conversation>:<activity>`, both parts URI-encoded
 * (Teams conversation ids contain colons). A channel post's conversation is the channel itself: the
 * `;messageid=` suffix Teams adds for a thread is dropped, so a reaction on a card finds the card.
 */

/** The conversation a message lives in, without a thread suffix: `19:abc@thread.tacv2`. */
export function baseConversationId(conversationId: string): string {
  const at = conversationId.indexOf(";messageid=");
  return at === -1 ? conversationId : conversationId.slice(0, at);
}

/** The reference of a Teams message. */
export function teamsMessageRef(conversationId: string, activityId: string): string {
  return `teams:${encodeURIComponent(baseConversationId(conversationId))}:${encodeURIComponent(activityId)}`;
}

/** Conversation and activity of a reference, or null when it is not a Teams one. */
export function parseTeamsMessageRef(ref: string): { conversationId: string; activityId: string } | null {
  const match = /^teams:([^:]+):([^:]+)$/.exec(ref);
  if (!match) return null;
  return { conversationId: decodeURIComponent(match[1]!), activityId: decodeURIComponent(match[2]!) };
}

/** The conversation id of a reply in the thread of `activityId` (channels) or the conversation itself. */
export function threadOf(conversationId: string, activityId: string | undefined, isChannel: boolean): string {
  return isChannel && activityId
    ? `${baseConversationId(conversationId)};messageid=${activityId}`
    : conversationId;
}
