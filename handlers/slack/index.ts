/**
 * Slack entry points. Who may do what is one table (src/war-room/route-policies.ts: anyone, war-room
 * member, owner) that each listener checks before its use-case; verdicts count only from war-room members
 * (checked in the use-case); subcommands act on the war-room they are typed in; whoever joins a war-room
 * gets its catch-up (the use-case decides who needs one).
 */
import type { App } from "@slack/bolt";
import { createSlackAdapter } from "../../integrations/slack/index.ts";
import type { SlackConfig } from "../../src/config.ts";
import type { Logger } from "../../src/logger.ts";
import type { ChatSurface } from "../../src/ports/chat-surface.ts";
import { registerAppHome } from "./app-home.ts";
import type { SlackHandlerDeps } from "./deps.ts";
import { registerErrorHandler } from "./error-handler.ts";
import { registerEscalateCommand } from "./escalate-command.ts";
import { defineEscalateJob } from "./escalate-job.ts";
import { registerEscalationListeners } from "./escalation-listeners.ts";
import { registerFollowUpListeners } from "./follow-up-listeners.ts";
import { registerMemberListeners } from "./member-listeners.ts";
import { registerRiskAlertListeners } from "./risk-alert-listeners.ts";
import { registerVerdictListeners } from "./verdict-listeners.ts";

export type { SlackHandlerDeps } from "./deps.ts";

/** Registers every Slack listener on the Bolt app. */
export function registerSlackHandlers(app: App, deps: SlackHandlerDeps): void {
  defineEscalateJob(deps, app.client);
  registerEscalateCommand(app, deps);
  registerVerdictListeners(app, deps);
  registerEscalationListeners(app, deps);
  registerFollowUpListeners(app, deps);
  registerRiskAlertListeners(app, deps);
  registerMemberListeners(app, deps);
  registerAppHome(app, deps);
  registerErrorHandler(app, deps);
}

/**
 * Slack as the composition root sees it: the adapter (token checked with auth.test), its route
 * (`POST /slack/events`, absent in Socket Mode) and these listeners, registered by `listen`.
 */
export async function openSlackSurface(config: SlackConfig, logger: Logger): Promise<ChatSurface> {
  const slack = await createSlackAdapter({ ...config, logger });
  return {
    platform: slack.platform,
    ...(config.appToken
      ? {}
      : { route: { method: "POST", path: "/slack/events", handle: slack.handleHttp } }),
    listen: (warRoom) =>
      registerSlackHandlers(slack.app, { warRoom, botUserId: slack.botUserId, isBot: slack.isBot }),
    start: () => slack.start(),
    stop: () => slack.stop(),
  };
}
