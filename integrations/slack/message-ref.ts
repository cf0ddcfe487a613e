/**
 * Normalised message references: `slack:C123:1700000000.000100`, the same shape for every platform.
 */

/** The reference of a Slack message. */
export function slackMessageRef(channel: string, ts: string): string {
  return `slack:${channel}:${ts}`;
}

/** Channel and ts of a reference, or null when it is not a Slack one. */
export function parseSlackMessageRef(ref: string): { channel: string; ts: string } | null {
  const match = /^slack:([^:]+):(\d+\.\d+)$/.exec(ref);
  return match ? { channel: match[1]!, ts: match[2]! } : null;
}
