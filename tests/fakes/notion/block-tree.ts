/**
 * Blocks in the fake workspace: storing validated drafts under a page or block, the response shape of a
 * block, the nested tree tests read, and a plain-text rendering of a page for readable assertions.
 */
import { isRecord } from "./notion-errors.ts";
import {
  type BlockRecord,
  BOT_USER_ID,
  liveChildren,
  type NotionState,
  newId,
  timestamp,
} from "./notion-state.ts";
import type { BlockDraft } from "./validate-blocks.ts";

/** A block as tests read it: Notion's block object plus its live children, nested. */
export type FakeNotionBlock = Record<string, unknown> & {
  id: string;
  type: string;
  children: FakeNotionBlock[];
};

function createBlock(
  state: NotionState,
  parentId: string,
  parentKind: BlockRecord["parentKind"],
  draft: BlockDraft,
): BlockRecord {
  const now = timestamp(state);
  const block: BlockRecord = {
    id: newId(),
    parentId,
    parentKind,
    type: draft.type,
    content: draft.content,
    createdTime: now,
    lastEditedTime: now,
    inTrash: false,
  };
  state.blocks.set(block.id, block);
  if (draft.children.length > 0) insertBlocks(state, block.id, "block_id", draft.children);
  return block;
}

/** Stores drafts as children of a page or block (after `afterId`, else at the end); returns the new top level. */
export function insertBlocks(
  state: NotionState,
  parentId: string,
  parentKind: BlockRecord["parentKind"],
  drafts: readonly BlockDraft[],
  afterId?: string,
): BlockRecord[] {
  const list = state.children.get(parentId) ?? [];
  const made = drafts.map((draft) => createBlock(state, parentId, parentKind, draft));
  const at = afterId === undefined ? list.length : list.indexOf(afterId) + 1;
  list.splice(at, 0, ...made.map((block) => block.id));
  state.children.set(parentId, list);
  return made;
}

/** A block in Notion's response shape. */
export function renderBlock(state: NotionState, block: BlockRecord): Record<string, unknown> {
  const parent =
    block.parentKind === "page_id"
      ? { type: "page_id", page_id: block.parentId }
      : { type: "block_id", block_id: block.parentId };
  return {
    object: "block",
    id: block.id,
    parent,
    created_time: block.createdTime,
    last_edited_time: block.lastEditedTime,
    created_by: { object: "user", id: BOT_USER_ID },
    last_edited_by: { object: "user", id: BOT_USER_ID },
    has_children: liveChildren(state, block.id).length > 0,
    archived: block.inTrash,
    in_trash: block.inTrash,
    type: block.type,
    [block.type]: structuredClone(block.content),
  };
}

/** The live blocks under a page or block, children nested. */
export function blockTree(state: NotionState, parentId: string): FakeNotionBlock[] {
  return liveChildren(state, parentId).map((block) => ({
    ...renderBlock(state, block),
    id: block.id,
    type: block.type,
    children: blockTree(state, block.id),
  }));
}

function textOf(content: Record<string, unknown>): string {
  const items = Array.isArray(content.rich_text) ? content.rich_text : [];
  return items
    .map((item) => (isRecord(item) && typeof item.plain_text === "string" ? item.plain_text : ""))
    .join("");
}

const PREFIXES: Readonly<Record<string, string>> = {
  heading_1: "# ",
  heading_2: "## ",
  heading_3: "### ",
  bulleted_list_item: "- ",
  quote: "> ",
  toggle: "▸ ",
};

function lineOf(block: BlockRecord, number: number): string {
  const text = textOf(block.content);
  if (block.type === "divider") return "---";
  if (block.type === "numbered_list_item") return `${number}. ${text}`;
  if (block.type === "to_do") return `${block.content.checked === true ? "[x]" : "[ ]"} ${text}`;
  if (block.type === "code") return `\`\`\`${String(block.content.language)} ${text}`;
  if (block.type === "callout") {
    const icon =
      isRecord(block.content.icon) && typeof block.content.icon.emoji === "string"
        ? block.content.icon.emoji
        : "!";
    return `${icon} ${text}`;
  }
  return `${PREFIXES[block.type] ?? ""}${text}`;
}

function textLines(state: NotionState, parentId: string, indent: string): string[] {
  const lines: string[] = [];
  let number = 0;
  for (const block of liveChildren(state, parentId)) {
    number = block.type === "numbered_list_item" ? number + 1 : 0;
    lines.push(`${indent}${lineOf(block, number)}`);
    lines.push(...textLines(state, block.id, `${indent}  `));
  }
  return lines;
}

/**
 * A page's blocks as text, one line per block, children indented two spaces: `# ` headings, `- ` bullets,
 * `1. ` numbered items, `[ ]`/`[x]` to-dos, `> ` quotes, `▸ ` toggles, the icon before a callout, `---`
 * dividers, and ```` ```lang ```` before code.
 */
export function pageText(state: NotionState, pageId: string): string {
  return textLines(state, pageId, "").join("\n");
}
