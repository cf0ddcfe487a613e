/**
 * Slack's escaping, in one place: `&`, `<` and `>` are Slack's control characters in text objects and
 * message text (`<!channel>`, `<@U123>`, `<http://x|label>`), so any text warroom did not write itself
 * (summaries, account and ticket names, hypotheses quoting tickets, errors quoting input) goes through
 * `escapeMrkdwn` before it reaches mrkdwn: it is shown literally and notifies nobody. plain_text objects are
 * never parsed for mentions or links and are left as they are.
 */
import { type MessageText, renderParts } from "../../src/domain/message-text.ts";

/** `text` with Slack's control characters as the entities Slack shows literally. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** A Slack mention of a user id (ids are the platform's own, never text someone typed). */
export function slackMention(userId: string): string {
  return `<@${escapeMrkdwn(userId)}>`;
}

/** Core text as mrkdwn: its words escaped, its mentions as Slack mentions. */
export function renderSlackText(text: MessageText): string {
  return renderParts(text, escapeMrkdwn, slackMention);
}
