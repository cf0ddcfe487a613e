/**
 * Text warroom writes for people, with the people it mentions kept apart from the words. Words are shown
 * literally on every platform: a summary, an account name or an error quoting what someone typed can hold
 * `<!channel>`, `<@U123>`, `<http://x|label>`, `<at>` or markdown, and each platform escapes them when it
 * renders (Slack: integrations/slack/escape-mrkdwn.ts; Teams: integrations/teams/compose-activity.ts). Only
 * a `Mention` the core built on purpose notifies anyone.
 */

/** A mention of a person by their platform user id. */
export interface Mention {
  readonly mention: string;
}

/** A piece of text: words shown as they are, or a mention. */
export type TextPart = string | Mention;

/** What the core hands a platform as text: plain words, or words and mentions. */
export type MessageText = string | readonly TextPart[];

/** A mention of `userId`. */
export function mention(userId: string): Mention {
  return { mention: userId };
}

/**
 * Text from a template whose values are words (shown literally) or mentions, e.g.
 * withMentions`${mention(user)} reopened ${escalationId}.`
 */
export function withMentions(
  strings: TemplateStringsArray,
  ...values: readonly (string | number | Mention | readonly TextPart[])[]
): TextPart[] {
  const parts: TextPart[] = [];
  strings.forEach((literal, i) => {
    if (literal) parts.push(literal);
    if (i >= values.length) return;
    const value = values[i];
    if (Array.isArray(value)) parts.push(...(value as readonly TextPart[]));
    else if (typeof value === "object") parts.push(value as Mention);
    else parts.push(String(value));
  });
  return parts;
}

/** The parts of a text (a plain string is one part). */
export function partsOf(text: MessageText): readonly TextPart[] {
  return typeof text === "string" ? [text] : text;
}

/** The text with each mention written by `render` and each run of words by `words` (renderers use it). */
export function renderParts(
  text: MessageText,
  words: (text: string) => string,
  render: (userId: string) => string,
): string {
  return partsOf(text)
    .map((part) => (typeof part === "string" ? words(part) : render(part.mention)))
    .join("");
}

/** The words of a text with mentions as `@userId` (logs, the terminal, tests). */
export function plainText(text: MessageText): string {
  return renderParts(
    text,
    (words) => words,
    (userId) => `@${userId}`,
  );
}
