/**
 * Block Kit builders that keep inside Slack's limits (section text 3,000, header 150, button text 75,
 * button value 2,000): long text is cut with an ellipsis rather than rejected by Slack.
 */
import type { Button, KnownBlock, SectionBlock } from "@slack/types";

/** A Block Kit block, typed by Slack's own definitions. */
export type Block = KnownBlock;

/** `text` shortened to `max` characters with an ellipsis. */
export const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
export const mrkdwn = (text: string): SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: cut(text, 3000) },
});
export const header = (text: string): Block => ({
  type: "header",
  text: { type: "plain_text", text: cut(text, 150), emoji: true },
});
export const context = (text: string): Block => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: cut(text, 3000) }],
});
export const button = (
  text: string,
  actionId: string,
  value: string,
  style?: "primary" | "danger",
): Button => ({
  type: "button",
  text: { type: "plain_text", text: cut(text, 75), emoji: true },
  action_id: actionId,
  value: cut(value, 2000),
  ...(style ? { style } : {}),
});
