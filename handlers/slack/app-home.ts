/**
 * The App Home tab: the open war-rooms, newest activity first, with links.
 */
import type { App } from "@slack/bolt";
import { renderHome } from "../../integrations/slack/render-home.ts";
import { listOpenWarRooms } from "../../src/storage/list-open-war-rooms.ts";
import type { SlackHandlerDeps } from "./deps.ts";

/** Registers app_home_opened. */
export function registerAppHome(app: App, deps: SlackHandlerDeps): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    await client.views.publish({
      user_id: event.user,
      view: renderHome(await listOpenWarRooms(deps.warRoom.db), deps.warRoom.clock.now()),
    });
  });
}
