/**
 * What the Teams handlers need: the war-room use-cases' dependencies (bound to Teams) and the Teams
 * platform for answers that are not war-room messages (a reply in the thread it was asked in, a card).
 */
import type { TeamsChatPlatform } from "../../integrations/teams/index.ts";
import type { WarRoomDeps } from "../../src/war-room/deps.ts";

/** Dependencies of the Teams handlers. */
export interface TeamsHandlerDeps {
  warRoom: WarRoomDeps;
  teams: TeamsChatPlatform;
}
