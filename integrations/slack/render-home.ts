/**
 * The App Home view.
 */
import type { HomeView } from "@slack/types";
import type { OpenWarRoom } from "../../src/storage/list-open-war-rooms.ts";
import { escapeMrkdwn as e } from "./escape-mrkdwn.ts";

/** The home tab listing open war-rooms (at most 40, inside the 100-block limit). */
export function renderHome(rooms: OpenWarRoom[], now: Date): HomeView {
  const lines = rooms.slice(0, 40).map((r) => {
    const hours = Math.round((now.getTime() - r.openedAt.getTime()) / 3_600_000);
    // A link's label ends at `>` and its URL at `|`: both escaped, the account name cannot add a link.
    const link = r.url ? `<${e(r.url).replaceAll("|", "%7C")}|${e(r.accountName)}>` : e(r.accountName);
    return {
      type: "section" as const,
      text: {
        type: "mrkdwn" as const,
        text: `*${link}* · ${r.severity} · open ${hours} h · ${r.escalationId}`,
      },
    };
  });
  return {
    type: "home",
    blocks: [
      { type: "header", text: { type: "plain_text", text: "Open war-rooms" } },
      ...(lines.length
        ? lines
        : [
            {
              type: "section" as const,
              text: { type: "mrkdwn" as const, text: "No open war-rooms. Type `/escalate` to open one." },
            },
          ]),
    ],
  };
}
