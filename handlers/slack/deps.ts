/**
 * What the Slack handlers need: the war-room use-cases' dependencies and the bot's own user id.
 */
import type { WarRoomDeps } from "../../src/war-room/deps.ts";

/** Dependencies of the Slack handlers. */
export interface SlackHandlerDeps {
  warRoom: WarRoomDeps;
  botUserId: string;
  /** Whether a user is a bot (reactions from bots never count). */
  isBot(userId: string): Promise<boolean>;
}
