/**
 * A message's activity for the Bot Connector (`MessageActivityInput` of the Teams SDK): text people or
 * the CRM wrote is escaped (HTML and markdown), so a summary cannot turn into markup; `<@userId>` written
 * by the core becomes a Teams mention of that person; a card rides as an Adaptive Card attachment.
 */
import { MessageActivityInput } from "@microsoft/teams.api";
import type { TeamsMessageContent } from "./render-cards.ts";
import { cutWords } from "./render-parts.ts";

/** Teams' text limit is about 28,000 characters; warroom's text messages stay well under it. */
const MAX_TEXT = 20_000;

/** `text` with HTML's and markdown's special characters made literal. */
export function escapeText(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replace(/([\\`*_~[\]])/g, "\\$1");
}

/** The activity to send for `content`; `nameOf` gives a user's display name when known. */
export function composeActivity(
  content: TeamsMessageContent,
  nameOf: (userId: string) => string | undefined,
): MessageActivityInput {
  const activity = new MessageActivityInput();
  const mentioned = new Map<string, string>();
  const parts = cutWords(content.text, MAX_TEXT).split(/(<@[^>\s]+>)/);
  const text = parts
    .map((part) => {
      const id = /^<@([^>\s]+)>$/.exec(part)?.[1];
      if (!id) return escapeText(part);
      const name = nameOf(id) ?? "a war-room member";
      mentioned.set(id, name);
      return `<at>${escapeText(name)}</at>`;
    })
    .join("");
  // A card carries its own text; the activity's text would show above it as well.
  if (!content.card) activity.withText(text);
  for (const [id, name] of mentioned)
    activity.addMention(
      { id, name: escapeText(name), role: "user" },
      { addText: false, text: escapeText(name) },
    );
  if (content.card) activity.addCard("adaptive", content.card);
  return activity;
}
