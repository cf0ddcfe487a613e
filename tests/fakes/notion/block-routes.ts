/**
 * Blocks: list a page's or block's children a page at a time, append children (Notion's limits checked),
 * read one block, and delete (trash) a block or a row. Content changes mark the row edited.
 */
import { insertBlocks, renderBlock } from "./block-tree.ts";
import { archivedError, failedValidation, notFound, validationError } from "./notion-errors.ts";
import { type BlockContainer, bodyId, pathId, renderPage, requireContainer } from "./notion-objects.ts";
import type { Route } from "./notion-routes.ts";
import {
  type BlockRecord,
  liveChildren,
  type NotionState,
  rowOfBlock,
  timestamp,
  touchRow,
} from "./notion-state.ts";
import { listResponse, paginate, parsePageSize } from "./pagination.ts";
import { canNest, parseChildren } from "./validate-blocks.ts";

function containerId(container: BlockContainer): string {
  if (container.kind === "row") return container.row.id;
  return container.kind === "page" ? container.page.id : container.block.id;
}

function isTrashed(container: BlockContainer): boolean {
  if (container.kind === "row") return container.row.inTrash;
  return container.kind === "block" && container.block.inTrash;
}

/** Marks the row that holds a page or block as edited (Notion does so on every content change). */
function touchHolder(state: NotionState, container: BlockContainer): void {
  const row =
    container.kind === "row"
      ? container.row
      : container.kind === "block"
        ? rowOfBlock(state, container.block)
        : undefined;
  if (row) touchRow(state, row);
}

const listChildrenRoute: Route["handle"] = ({ state, params, query }) => {
  const container = requireContainer(state, pathId(params[0], "block_id"));
  if (container.kind === "block" && container.block.inTrash) throw notFound("block", container.block.id);
  const size = parsePageSize(query.get("page_size") ?? undefined, "query.page_size");
  const blocks = liveChildren(state, containerId(container));
  const page = paginate(blocks, query.get("start_cursor") ?? undefined, size, "query.start_cursor");
  return listResponse(
    page.items.map((block) => renderBlock(state, block)),
    page,
    "block",
  );
};

function afterChild(state: NotionState, parentId: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const id = bodyId(value, "body.after");
  if (!liveChildren(state, parentId).some((block) => block.id === id)) {
    throw failedValidation("body.after", "should be the id of a child of the block", value);
  }
  return id;
}

const appendChildrenRoute: Route["handle"] = ({ state, params, body }) => {
  const container = requireContainer(state, pathId(params[0], "block_id"));
  if (isTrashed(container)) throw archivedError();
  if (container.kind === "block" && !canNest(container.block.type, container.block.content)) {
    // Notion refuses this too; its exact wording is not documented.
    throw validationError(`Block type ${container.block.type} does not support children.`);
  }
  const drafts = parseChildren(body.children, "body.children");
  const parentId = containerId(container);
  const after = afterChild(state, parentId, body.after);
  const made = insertBlocks(
    state,
    parentId,
    container.kind === "block" ? "block_id" : "page_id",
    drafts,
    after,
  );
  touchHolder(state, container);
  return listResponse(
    made.map((block) => renderBlock(state, block)),
    { nextCursor: null, hasMore: false },
    "block",
  );
};

function liveBlock(state: NotionState, id: string): BlockRecord {
  const block = state.blocks.get(id);
  if (!block || block.inTrash) throw notFound("block", id);
  return block;
}

const deleteBlockRoute: Route["handle"] = ({ state, params }) => {
  const id = pathId(params[0], "block_id");
  const row = state.rows.get(id);
  if (row) {
    // A row is a page and a page is a block: deleting it moves it to the trash.
    if (row.inTrash) throw archivedError();
    row.inTrash = true;
    touchRow(state, row);
    return renderPage(state, row);
  }
  const block = state.blocks.get(id);
  if (!block) throw notFound("block", id);
  if (block.inTrash) throw archivedError();
  block.inTrash = true;
  block.lastEditedTime = timestamp(state);
  touchHolder(state, { kind: "block", block });
  return renderBlock(state, block);
};

/** The block endpoints. */
export const blockRoutes: Route[] = [
  { method: "GET", pattern: /^\/v1\/blocks\/([^/]+)\/children$/, handle: listChildrenRoute },
  { method: "PATCH", pattern: /^\/v1\/blocks\/([^/]+)\/children$/, handle: appendChildrenRoute },
  {
    method: "GET",
    pattern: /^\/v1\/blocks\/([^/]+)$/,
    handle: ({ state, params }) => renderBlock(state, liveBlock(state, pathId(params[0], "block_id"))),
  },
  { method: "DELETE", pattern: /^\/v1\/blocks\/([^/]+)$/, handle: deleteBlockRoute },
];
