/**
 * The weekly digest as Slack blocks: a header, the executive sentence, then one section per part of the
 * digest, within Block Kit's limits (section text ≤ 3,000 characters, ≤ 50 blocks).
 */
import type { KnownBlock, SectionBlock } from "@slack/types";
import type { Digest } from "../../src/digest/digest.ts";
import { digestSections } from "../../src/digest/render-digest-markdown.ts";

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const mrkdwn = (text: string): SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: cut(text, 3000) },
});

/** Blocks and notification text of a digest. */
export function renderDigestBlocks(digest: Digest): { text: string; blocks: KnownBlock[] } {
  const sections = digestSections(digest).map((s) =>
    mrkdwn(`*${s.title}*\n${s.lines.map((line) => `• ${line}`).join("\n")}`),
  );
  return {
    text: cut(`Escalation digest ${digest.week}: ${digest.headline}`, 3000),
    blocks: [
      { type: "header", text: { type: "plain_text", text: cut(`Escalation digest ${digest.week}`, 150) } },
      mrkdwn(`*${digest.headline}*`),
      { type: "divider" },
      ...sections,
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: cut(
              `${digest.from.slice(0, 10)} to ${digest.to.slice(0, 10)} (${digest.timeZone}) · numbers from warroom's records`,
              2000,
            ),
          },
        ],
      },
    ],
  };
}
