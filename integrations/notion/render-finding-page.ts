/**
 * A finding as a Notion page: properties people filter by, and a body of headings, paragraphs and bullets.
 * Text is cut into rich-text pieces of at most 2,000 characters (Notion's limit per piece) and a block
 * carries at most 100 pieces; a property value is shortened to one piece, the body keeps everything.
 */
import type { FindingDocument } from "../../src/ports/knowledge-base.ts";
import { findingFacts, findingSections } from "../../src/war-room/finding-sections.ts";
import { PROPS } from "./kb-schema.ts";

/** Notion's limits this file respects. */
export const NOTION_LIMITS = { textContent: 2000, richTextItems: 100, childrenPerRequest: 100 } as const;

/** A rich-text piece as the API takes it. */
export interface RichTextPiece {
  type: "text";
  text: { content: string; link?: { url: string } | null };
}

/** A block as the API takes it (top level only: the body never nests). */
export type BlockRequest = { object: "block"; type: string } & Record<string, unknown>;

/** Splits text into pieces of at most `max` UTF-16 units without cutting a surrogate pair. */
export function splitText(text: string, max: number = NOTION_LIMITS.textContent): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const char of text) {
    if (current.length + char.length > max) {
      pieces.push(current);
      current = "";
    }
    current += char;
  }
  if (current || pieces.length === 0) pieces.push(current);
  return pieces;
}

const piece = (content: string): RichTextPiece => ({ type: "text", text: { content } });

/** A property's rich text: one piece, shortened with an ellipsis when longer. */
function oneLine(text: string): RichTextPiece[] {
  const max = NOTION_LIMITS.textContent;
  return [piece(text.length > max ? `${text.slice(0, max - 1)}…` : text)];
}

const block = (type: string, text: string): BlockRequest[] => {
  // A block takes at most 100 pieces; longer text continues in a block of the same type.
  const pieces = splitText(text).map(piece);
  const out: BlockRequest[] = [];
  for (let i = 0; i < pieces.length; i += NOTION_LIMITS.richTextItems)
    out.push({
      object: "block",
      type,
      [type]: { rich_text: pieces.slice(i, i + NOTION_LIMITS.richTextItems) },
    });
  return out;
};

const heading = (text: string) => block("heading_2", text);
const bullets = (items: string[]) =>
  items.length > 0
    ? items.flatMap((i) => block("bulleted_list_item", i))
    : block("paragraph", "None recorded.");

/** Prose with "- " lines rendered as bullets and blank lines as paragraph breaks. */
function prose(text: string): BlockRequest[] {
  if (!text.trim()) return block("paragraph", "None recorded.");
  return text
    .split(/\n{2,}|\n(?=\s*[-•] )/)
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) =>
      /^[-•] /.test(part)
        ? block("bulleted_list_item", part.replace(/^[-•] /, ""))
        : block("paragraph", part),
    );
}

/** The page body, in order: the facts, then each section's heading, prose and list. */
export function findingBlocks(f: FindingDocument): BlockRequest[] {
  return [
    ...block("paragraph", findingFacts(f).join(" · ")),
    ...findingSections(f).flatMap((s) => [
      ...heading(s.title),
      ...(s.prose === undefined ? [] : prose(s.prose)),
      ...(s.listLabel ? block("paragraph", s.listLabel) : []),
      ...(s.items === undefined ? [] : bullets(s.items)),
    ]),
  ];
}

const date = (iso: string | null) => (iso ? { date: { start: iso.slice(0, 10) } } : { date: null });
const select = (name: string | null) => ({ select: name ? { name } : null });

/** The page's properties; `titleName` is the data source's title property. */
export function findingProperties(f: FindingDocument, titleName: string): Record<string, unknown> {
  return {
    [titleName]: { title: oneLine(f.title) },
    [PROPS.escalation]: { rich_text: oneLine(f.escalationId) },
    [PROPS.account]: { rich_text: oneLine(f.account.name) },
    [PROPS.category]: select(f.category),
    [PROPS.dimension]: select(f.dimension),
    [PROPS.preventableBy]: select(f.preventableBy),
    [PROPS.segment]: select(f.account.segment),
    [PROPS.arr]: { number: f.account.arr },
    [PROPS.lifecycleMonth]: { number: f.account.lifecycleMonth },
    // Notion refuses commas in option names.
    [PROPS.productAreas]: { multi_select: f.productAreas.map((name) => ({ name: name.replace(/,/g, " ") })) },
    [PROPS.opened]: date(f.openedAt),
    [PROPS.resolved]: date(f.resolvedAt),
    [PROPS.warRoom]: { url: f.warRoomUrl && f.warRoomUrl.length <= 2000 ? f.warRoomUrl : null },
    [PROPS.confirmedBy]: { rich_text: oneLine(f.confirmedBy.join(", ")) },
    [PROPS.summary]: { rich_text: oneLine(f.summary) },
    [PROPS.rootCause]: { rich_text: oneLine(f.rootCause) },
    [PROPS.resolution]: { rich_text: oneLine(f.resolution) },
    [PROPS.needsArticle]: { checkbox: f.needsArticle === true },
  };
}

/** Plain text of a block built here or read back, for comparing a page's body with the document. */
export function blockText(b: Record<string, unknown>): string {
  const body = b[String(b.type)] as
    | { rich_text?: { plain_text?: string; text?: { content: string } }[] }
    | undefined;
  return `${String(b.type)}:${(body?.rich_text ?? []).map((r) => r.plain_text ?? r.text?.content ?? "").join("")}`;
}
