/**
 * Adaptive Card building blocks (the Teams SDK's `@microsoft/teams.cards`) that keep inside Teams' limits:
 * text is cut with an ellipsis at a word boundary, never mid-word; text people typed is shown through
 * `TextRun`s, which Teams does not read as markdown (a summary cannot turn into a link or a heading); a
 * card too large for a message (Teams refuses about 100 KB; warroom keeps under 80 KB) is rebuilt with
 * less detail.
 */
import {
  AdaptiveCard,
  type CardElementArray,
  Fact,
  FactSet,
  type IAdaptiveCard,
  RichTextBlock,
  TextBlock,
  TextRun,
} from "@microsoft/teams.cards";

/** A card as sent: plain JSON. */
export type AdaptiveCardJson = IAdaptiveCard;

/** The largest card warroom sends, in bytes of JSON (Teams' message limit is about 100 KB). */
export const MAX_CARD_BYTES = 80_000;

/** `text` in at most `max` characters, cut at a word boundary with an ellipsis. */
export function cutWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(1, max - 1));
  // The cut falls between words already, or goes back to the last space; a single very long word (an id,
  // a URL) is cut where it must be rather than dropped entirely.
  const space = /\s/.test(text[room.length] ?? "") ? room.length : room.search(/\s\S*$/);
  const kept = space > max * 0.5 ? room.slice(0, space) : room;
  return `${kept.trimEnd()}…`;
}

/** Text a person typed, shown literally (no markdown), cut to `max` characters. */
export function literal(
  text: string,
  max = 2_000,
  options: { weight?: "Bolder"; size?: "Large"; subtle?: boolean } = {},
): RichTextBlock {
  const run = new TextRun(cutWords(text, max));
  if (options.weight) run.weight = options.weight;
  if (options.size) run.size = options.size;
  if (options.subtle) run.isSubtle = true;
  return new RichTextBlock().withInlines(run);
}

/** A heading, shown literally (it holds account names). */
export function heading(text: string): RichTextBlock {
  return literal(text, 150, { size: "Large", weight: "Bolder" });
}

/** A paragraph of warroom's own text (markdown allowed). */
export function para(text: string, options: { subtle?: boolean; max?: number } = {}): TextBlock {
  return new TextBlock(cutWords(text, options.max ?? 2_000), {
    wrap: true,
    isSubtle: options.subtle ?? false,
  });
}

/** Label / value pairs. */
export function facts(pairs: [string, string][]): FactSet {
  return new FactSet(...pairs.map(([title, value]) => new Fact(cutWords(title, 60), cutWords(value, 300))));
}

/** A card of Adaptive Cards 1.5 (Universal Actions), full width in Teams. */
export function card(body: CardElementArray): AdaptiveCard {
  return new AdaptiveCard(...body).withVersion("1.5").withMsteams({ width: "full" });
}

/** Plain JSON of a card, for sending and for measuring. */
export function toJson(built: AdaptiveCard): AdaptiveCardJson {
  return JSON.parse(JSON.stringify(built)) as AdaptiveCardJson;
}

/**
 * The first of `levels` (most detailed first) whose card fits under MAX_CARD_BYTES; the last one is used
 * as it is when none fits.
 */
export function fitCard<L>(levels: L[], build: (level: L) => AdaptiveCard): AdaptiveCardJson {
  let json: AdaptiveCardJson | undefined;
  for (const level of levels) {
    json = toJson(build(level));
    if (Buffer.byteLength(JSON.stringify(json)) <= MAX_CARD_BYTES) return json;
  }
  if (!json) throw new Error("fitCard needs at least one level");
  return json;
}
