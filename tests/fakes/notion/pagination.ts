/**
 * Notion's cursor pagination: `page_size` up to 100 (default 100), `start_cursor` from the previous
 * answer's `next_cursor`, and the list envelope `{ object: "list", results, next_cursor, has_more, type }`.
 * As in Notion, a cursor is the id of the first item of the next page: opaque to clients, stable while
 * rows are added.
 */
import { failedValidation, validationError } from "./notion-errors.ts";
import { normalizeId } from "./notion-state.ts";

/** Notion's maximum page size. */
export const PAGE_SIZE_LIMIT = 100;

/** `page_size` from a body (a number) or a query string (digits); throws Notion's validation_error. */
export function parsePageSize(value: unknown, path: string): number {
  if (value === undefined) return PAGE_SIZE_LIMIT;
  const size = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof size !== "number" || !Number.isInteger(size)) {
    throw failedValidation(path, "should be an integer", value);
  }
  if (size < 1) throw failedValidation(path, "should be ≥ `1`", size);
  if (size > PAGE_SIZE_LIMIT) throw failedValidation(path, `should be ≤ \`${PAGE_SIZE_LIMIT}\``, size);
  return size;
}

/** One page of items. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

/** The page of `items` that starts at `startCursor`; throws for a cursor that is not one of ours. */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  startCursor: unknown,
  pageSize: number,
  path: string,
): Page<T> {
  let start = 0;
  if (startCursor !== undefined && startCursor !== null) {
    const id = normalizeId(startCursor);
    if (!id) throw failedValidation(path, "should be a valid uuid or `undefined`", startCursor);
    start = items.findIndex((item) => item.id === id);
    if (start < 0) throw validationError(`start_cursor provided is invalid: ${String(startCursor)}`);
  }
  const page = items.slice(start, start + pageSize);
  const next = items[start + pageSize];
  return { items: page, nextCursor: next ? next.id : null, hasMore: next !== undefined };
}

/** Notion's list envelope; `type` names the kind of results (`block`, `page_or_data_source`). */
export function listResponse(
  results: unknown[],
  page: Pick<Page<unknown>, "nextCursor" | "hasMore">,
  type: string,
) {
  return {
    object: "list",
    results,
    next_cursor: page.nextCursor,
    has_more: page.hasMore,
    type,
    [type]: {},
  };
}
