/**
 * Someone joined a channel: when it is a war-room that is ready, they get the catch-up as an ephemeral
 * message (the use-case decides whether they need one and sends it once).
 */
import type { App } from "@slack/bolt";
import { welcomeJoiner } from "../../src/war-room/send-catch-up.ts";
import type { SlackHandlerDeps } from "./deps.ts";

/** Registers the member_joined_channel listener. */
export function registerMemberListeners(app: App, deps: SlackHandlerDeps): void {
  app.event("member_joined_channel", async ({ event }) => {
    const isBot = async () => event.user === deps.botUserId || (await deps.isBot(event.user));
    const at = Number(event.event_ts) > 0 ? new Date(Number(event.event_ts) * 1000) : undefined;
    await welcomeJoiner(
      { roomId: event.channel, userId: event.user, isBot, ...(at ? { at } : {}) },
      deps.warRoom,
    );
  });
}
