/**
 * Slack entry points. Policies: /escalate and the modal are open to anyone in the workspace; verdicts
 * count only from war-room members (checked in the use-case); subcommands act on the war-room they are
 * typed in.
 */
import type { App } from "@slack/bolt";
import { registerAppHome } from "./app-home.ts";
import type { SlackHandlerDeps } from "./deps.ts";
import { registerErrorHandler } from "./error-handler.ts";
import { registerEscalateCommand } from "./escalate-command.ts";
import { registerEscalationListeners } from "./escalation-listeners.ts";
import { registerVerdictListeners } from "./verdict-listeners.ts";

export type { SlackHandlerDeps } from "./deps.ts";

/** Registers every Slack listener on the Bolt app. */
export function registerSlackHandlers(app: App, deps: SlackHandlerDeps): void {
  registerEscalateCommand(app, deps);
  registerVerdictListeners(app, deps);
  registerEscalationListeners(app, deps);
  registerAppHome(app, deps);
  registerErrorHandler(app, deps);
}
