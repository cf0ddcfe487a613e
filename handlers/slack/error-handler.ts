/**
 * The one place Slack listener errors land (bolt's app.error). The person who acted is told in words what
 * failed (describeFailure: never a client's raw message) and what to do, through the request's
 * response_url; the error itself is logged with its code.
 */
import type { App } from "@slack/bolt";
import type { ExtendedErrorHandler } from "@slack/bolt/dist/App.js";
import { toIntegrationError } from "../../integrations/slack/slack-chat-platform.ts";
import { describeFailure, describeFailureText } from "../../src/describe-failure.ts";
import { withMentions } from "../../src/domain/message-text.ts";
import { InputError, toWarroomError } from "../../src/errors.ts";
import type { SlackHandlerDeps } from "./deps.ts";

function responseUrlOf(body: unknown): string | undefined {
  const b = body as { response_url?: unknown; response_urls?: { response_url?: unknown }[] } | undefined;
  const url = b?.response_url ?? b?.response_urls?.[0]?.response_url;
  return typeof url === "string" ? url : undefined;
}

/** Slack refused a Web API call, or an answer to a response_url (expired, or used five times). */
const SLACK_REFUSALS = new Set(["slack_webapi_platform_error", "slack_bolt_respond_error"]);

/** Registers the global error handler (the app must be created with extendedErrorHandler). */
export function registerErrorHandler(app: App, deps: SlackHandlerDeps): void {
  const handler: ExtendedErrorHandler = async ({ error, body }) => {
    // Bolt wraps what a listener threw; the original carries warroom's code and message.
    const thrown = (error as { original?: unknown }).original ?? error;
    const coded = toWarroomError(thrown);
    // A person's mistake (or a payload that names nothing warroom has) is one line, not a stack trace.
    const slackError = (thrown as { code?: unknown; data?: { error?: unknown } }).data?.error;
    if (thrown instanceof InputError)
      deps.warRoom.logger.warn({ code: coded.code, problem: coded.message }, "slack request not done");
    // Slack refused a call (an expired trigger_id, a channel gone): its error code says it all.
    else if (SLACK_REFUSALS.has(String((thrown as { code?: unknown }).code)))
      deps.warRoom.logger.warn(
        { code: "slack_refused", slackError, problem: coded.message },
        "slack request not done",
      );
    else deps.warRoom.logger.error({ err: thrown, code: coded.code }, "slack listener failed");
    const responseUrl = responseUrlOf(body);
    if (!responseUrl || !deps.warRoom.chat.reply) return;
    // A Slack client error thrown as it is (a call a listener made through Bolt's client) is Slack's failure.
    const failure = String((thrown as { code?: unknown }).code).startsWith("slack_")
      ? toIntegrationError(thrown)
      : thrown;
    const text =
      thrown instanceof InputError
        ? withMentions`That did not work: ${describeFailureText(thrown)}`
        : `That did not work. ${describeFailure(failure)} It is logged (${coded.code}); try again in a minute.`;
    await deps.warRoom.chat.reply(responseUrl, text).catch(() => undefined);
  };
  app.error(handler);
}
