/**
 * Block children in a request (`pages.create` children, `blocks.children.append`), checked the way Notion
 * checks them: ≤100 children in any array, two levels of nesting below the top-level blocks, ≤1000 blocks
 * in the whole request, rich-text limits inside every block, and only block types the fake models.
 */
import {
  checkLength,
  expectArray,
  expectBoolean,
  expectObject,
  expectString,
  failedValidation,
  validationError,
} from "./notion-errors.ts";
import { parseColor, parseRichText } from "./rich-text.ts";

/** The block types the fake accepts. */
export const BLOCK_TYPES: readonly string[] = [
  "paragraph",
  "heading_1",
  "heading_2",
  "heading_3",
  "bulleted_list_item",
  "numbered_list_item",
  "to_do",
  "toggle",
  "quote",
  "callout",
  "divider",
  "code",
];

/** Notion's limits on block payloads. */
export const BLOCK_LIMITS = {
  /** Children in one array. */
  children: 100,
  /** Levels of children below the top-level blocks of one request. */
  nesting: 2,
  /** Blocks in one request, nested ones included. */
  blocks: 1000,
} as const;

/** A validated block, not yet stored: its type, response-shaped content and children. */
export interface BlockDraft {
  type: string;
  content: Record<string, unknown>;
  children: BlockDraft[];
}

/** Types that take children (headings only when toggleable). */
const NESTING_TYPES = new Set([
  "paragraph",
  "bulleted_list_item",
  "numbered_list_item",
  "to_do",
  "toggle",
  "quote",
  "callout",
]);

function blockType(block: Record<string, unknown>, path: string): string {
  const type =
    block.type ?? BLOCK_TYPES.find((t) => t in block) ?? Object.keys(block).find((k) => k !== "object");
  if (typeof type === "string" && BLOCK_TYPES.includes(type)) return type;
  throw failedValidation(
    path,
    `should be a block of a type the fake models (${BLOCK_TYPES.join(", ")})`,
    block,
  );
}

function parseIcon(value: unknown, path: string): unknown {
  if (value === undefined || value === null) return null;
  const icon = expectObject(value, path);
  if (icon.type !== undefined && icon.type !== "emoji") return structuredClone(icon);
  return { type: "emoji", emoji: expectString(icon.emoji, `${path}.emoji`) };
}

function textContent(body: Record<string, unknown>, path: string): Record<string, unknown> {
  return {
    rich_text: parseRichText(body.rich_text, `${path}.rich_text`),
    color: parseColor(body.color, `${path}.color`),
  };
}

function optionalBoolean(value: unknown, path: string): boolean {
  return value === undefined ? false : expectBoolean(value, path);
}

function parseContent(type: string, body: Record<string, unknown>, path: string): Record<string, unknown> {
  if (type === "divider") return {};
  if (type === "code") {
    const caption = body.caption === undefined ? [] : parseRichText(body.caption, `${path}.caption`);
    const richText = parseRichText(body.rich_text, `${path}.rich_text`);
    return { caption, rich_text: richText, language: expectString(body.language, `${path}.language`) };
  }
  const content = textContent(body, path);
  if (type.startsWith("heading_"))
    content.is_toggleable = optionalBoolean(body.is_toggleable, `${path}.is_toggleable`);
  if (type === "to_do") content.checked = optionalBoolean(body.checked, `${path}.checked`);
  if (type === "callout") content.icon = parseIcon(body.icon, `${path}.icon`);
  return content;
}

/** Whether a block of this type (and content: headings must be toggleable) can hold children. */
export function canNest(type: string, content: Record<string, unknown>): boolean {
  return NESTING_TYPES.has(type) || (type.startsWith("heading_") && content.is_toggleable === true);
}

function parseBlock(value: unknown, path: string, level: number): BlockDraft {
  const block = expectObject(value, path);
  if (block.children !== undefined) {
    // Children belong inside the type object (`paragraph: { rich_text, children }`), never beside it.
    throw failedValidation(`${path}.children`, "should be not present", block.children);
  }
  const type = blockType(block, path);
  const body = expectObject(block[type], `${path}.${type}`);
  const content = parseContent(type, body, `${path}.${type}`);
  if (body.children === undefined) return { type, content, children: [] };
  if (level > BLOCK_LIMITS.nesting || !canNest(type, content)) {
    throw failedValidation(`${path}.${type}.children`, "should be not present", body.children);
  }
  return { type, content, children: parseLevel(body.children, `${path}.${type}.children`, level + 1) };
}

function parseLevel(value: unknown, path: string, level: number): BlockDraft[] {
  const list = expectArray(value, path);
  checkLength(path, BLOCK_LIMITS.children, list.length);
  return list.map((item, index) => parseBlock(item, `${path}[${index}]`, level));
}

/** How many blocks a list holds, nested ones included. */
export function countBlocks(drafts: readonly BlockDraft[]): number {
  return drafts.reduce((sum, draft) => sum + 1 + countBlocks(draft.children), 0);
}

/** The blocks of a request's `children`, validated; throws Notion's validation_error. */
export function parseChildren(value: unknown, path: string): BlockDraft[] {
  const drafts = parseLevel(value, path, 1);
  const total = countBlocks(drafts);
  if (total > BLOCK_LIMITS.blocks) {
    // Notion documents the limit (1000 block elements per request) but not its message.
    throw validationError(
      `body failed validation: ${path} should hold ≤ \`${BLOCK_LIMITS.blocks}\` blocks in all, instead was \`${total}\`.`,
    );
  }
  return drafts;
}
