/**
 * Checks a parsed JSON value before a schema or the database sees it: bounded nesting (zod and the
 * storage layer recurse, so a value nested thousands deep would overflow the stack), and strings
 * PostgreSQL can store (no NUL character, no lone UTF-16 surrogate). The walk is iterative so the check
 * itself cannot overflow.
 */
import { formatPath } from "./describe-issue.ts";

/** How deep a reported value may nest; real changes and bundles stay under ten levels. */
export const MAX_JSON_DEPTH = 32;

/** What is wrong with a value and where (a path like `items[2].title`). */
export interface JsonValueProblem {
  path: PropertyKey[];
  problem: string;
}

function describeString(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000), which cannot be stored; remove it";
  // In a /u pattern a paired surrogate is one code point, so \p{Cs} matches only a lone half.
  if (/\p{Cs}/u.test(text))
    return "contains a lone UTF-16 surrogate (half of an emoji or other character); send valid Unicode";
  return undefined;
}

/** The first problem found walking `value` (keys and strings, depth first), or undefined. */
export function findJsonValueProblem(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
): JsonValueProblem | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value: current, path } = next;
    if (typeof current === "string") {
      const problem = describeString(current);
      if (problem) return { path, problem };
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (path.length >= maxDepth)
      return { path, problem: `is nested more than ${maxDepth} levels deep; flatten it` };
    const entries: [PropertyKey, unknown][] = Array.isArray(current)
      ? [...current.entries()]
      : Object.entries(current);
    for (const [key] of entries) {
      const problem = typeof key === "string" ? describeString(key) : undefined;
      if (problem) return { path, problem: `has a field name that ${problem}` };
    }
    // Reversed, so the first problem in reading order is the one reported.
    for (const [key, child] of entries.reverse()) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

/** A path for a message: the first few steps, then how many more (a 5,000-deep path is unreadable). */
export function formatLongPath(path: readonly PropertyKey[], keep = 6): string {
  if (path.length <= keep) return formatPath(path);
  return `${formatPath(path.slice(0, keep))}… (${path.length - keep} levels more)`;
}
