/**
 * ConversationDirectory: where a chat platform reaches its conversations, kept in warroom's database so
 * every replica knows it. Teams answers each conversation at the Bot Connector URL (`serviceUrl`) its
 * activities carry; the Teams adapter remembers them here and looks them up to post later.
 */

/** A directory of conversation addresses. */
export interface ConversationDirectory {
  /** Records `address` for `key` (a conversation id, or `tenant:<id>`); a no-op when it is already known. */
  remember(platform: string, key: string, address: string): Promise<void>;
  /** The address recorded for `key`, or null. */
  lookup(platform: string, key: string): Promise<string | null>;
}
