/**
 * Seeded mutations of JSON payloads for hostile-input tests and bench/slack-fuzz.ts: nulls, missing
 * fields, wrong types, huge strings, deep nesting, bad Unicode (a lone surrogate, a NUL).
 */

export { seededRandom } from "../../src/domain/seeded-random.ts";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A seeded generator (mulberry32): the same seed gives the same run. */

/** Deep nesting is spliced into the JSON text: JSON.stringify itself would overflow the stack. */
const DEEP = "__DEEP__";

/** JSON text of a (possibly mutated) value, deep-nesting markers expanded `depth` levels deep. */
export function stringifyFuzzed(value: unknown, depth = 5000): string {
  const nested = `${'{"d":'.repeat(depth)}"bottom"${"}".repeat(depth)}`;
  return JSON.stringify(value).replaceAll(`"${DEEP}"`, nested);
}

/** Whether a form field holds a deep-nesting marker (to stringify rather than send as is). */
export const isDeepMarker = (value: unknown) => value === DEEP;

type Parent = Json[] | { [key: string]: Json };

/** Every (parent, key) of a JSON value, walked without recursion. */
function slots(value: Json): { parent: Parent; key: string | number }[] {
  const out: { parent: Parent; key: string | number }[] = [];
  const stack: Json[] = [value];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next === null || typeof next !== "object") continue;
    const entries: [string | number, Json][] = Array.isArray(next)
      ? [...next.entries()]
      : Object.entries(next);
    for (const [key, child] of entries) {
      out.push({ parent: next, key });
      stack.push(child);
    }
  }
  return out;
}

/** A copy of `value` with one mutation chosen by `random`. */
export function mutateJson(value: Json, random: () => number): Json {
  const copy = structuredClone(value);
  const all = slots(copy);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  if (all.length === 0 || random() < 0.05) return pick<Json>([null, [], "x", 0, true]);
  const { parent, key } = pick(all);
  const record = parent as Record<string | number, Json>;
  const current = record[key];
  const kind = pick(["null", "delete", "type", "type", "huge", "deep", "surrogate", "nul", "empty"]);
  if (kind === "null") record[key] = null;
  else if (kind === "delete") delete record[key];
  else if (kind === "type")
    record[key] =
      typeof current === "string"
        ? pick<Json>([42, true, [], {}])
        : pick<Json>(["text", 7, [current ?? null]]);
  else if (kind === "huge") record[key] = "x".repeat(pick([10_000, 200_000, 1_000_000]));
  else if (kind === "deep") record[key] = DEEP;
  else if (kind === "surrogate") record[key] = `${typeof current === "string" ? current : ""}\ud83d`;
  else if (kind === "nul") record[key] = "a\u0000b";
  else record[key] = "";
  return copy;
}
