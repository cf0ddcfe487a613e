/**
 * A message's activity for the Bot Connector (`MessageActivityInput` of the Teams SDK): the words of a
 * text are escaped (HTML and markdown) here, the one place Teams text is rendered, so a summary cannot
 * turn into markup, a link or a mention (`<at>` or `<@id>` someone typed shows as typed); a `Mention` the
 * core built becomes a Teams mention of that person; a card rides as an Adaptive Card attachment.
 */
import { MessageActivityInput } from "@microsoft/teams.api";
import { partsOf, type TextPart } from "../../src/domain/message-text.ts";
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

/** The parts of a text with its words cut to `max` characters in all (mentions kept whole). */
function limitWords(parts: readonly TextPart[], max: number): TextPart[] {
  let left = max;
  const kept: TextPart[] = [];
  for (const part of parts) {
    if (typeof part !== "string") kept.push(part);
    else if (left > 0) {
      const words = cutWords(part, left);
      left -= words.length;
      kept.push(words);
    }
  }
  return kept;
}

/** The activity to send for `content`; `nameOf` gives a user's display name when known. */
export function composeActivity(
  content: TeamsMessageContent,
  nameOf: (userId: string) => string | undefined,
): MessageActivityInput {
  const activity = new MessageActivityInput();
  const mentioned = new Map<string, string>();
  const text = limitWords(partsOf(content.text), MAX_TEXT)
    .map((part) => {
      if (typeof part === "string") return escapeText(part);
      const name = nameOf(part.mention) ?? "a war-room member";
      mentioned.set(part.mention, name);
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
