/**
 * The weekly digest as Slack blocks: a header, the executive sentence, then one section per part of the
 * digest, within Block Kit's limits (section text ≤ 3,000 characters, ≤ 50 blocks).
 */
import type { KnownBlock } from "@slack/types";
import type { Digest } from "../../src/digest/digest.ts";
import { digestSections } from "../../src/digest/render-digest-markdown.ts";
import { context, cut, header, mrkdwn } from "./block-kit.ts";
import { escapeMrkdwn as e } from "./escape-mrkdwn.ts";

/** Blocks and notification text of a digest. */
export function renderDigestBlocks(digest: Digest): { text: string; blocks: KnownBlock[] } {
  const sections = digestSections(digest).map((s) =>
    // Lines name accounts and quote escalation summaries: escaped.
    mrkdwn(`*${e(s.title)}*\n${s.lines.map((line) => `• ${e(line)}`).join("\n")}`),
  );
  const span = `${digest.days.first} to ${digest.days.last} (${digest.timeZone})`;
  return {
    text: cut(`Escalation digest ${digest.week}: ${e(digest.headline)}`, 3000),
    blocks: [
      header(`Escalation digest ${digest.week}`),
      mrkdwn(`*${e(digest.headline)}*`),
      { type: "divider" },
      ...sections,
      context(`${span} · numbers from warroom's records`),
    ],
  };
}
