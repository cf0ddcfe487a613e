/**
 * Fills {placeholders} in template text with values drawn once per item, so a ticket's subject,
 * description and comments agree with each other.
 */
import type { Rng } from "./random.ts";
import { CUSTOM_FIELDS, CUSTOMER_PEOPLE } from "./world.ts";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The values of one item's placeholders. */
export type Fill = Readonly<Record<string, string>>;

/** Draws the placeholder values for an item created at `at`. */
export function drawFill(rng: Rng, at: string): Fill {
  const created = new Date(at);
  const earlier = new Date(created.getTime() - rng.int(0, 3) * 24 * 3600 * 1000);
  const hh = String(created.getUTCHours()).padStart(2, "0");
  const mm = String(rng.int(0, 11) * 5).padStart(2, "0");
  return {
    n: String(rng.int(2, 40)),
    m: String(rng.int(40, 900)),
    big: rng.int(1200, 60000).toLocaleString("en-US"),
    pct: String(rng.int(5, 45)),
    secs: String(rng.int(8, 45)),
    person: rng.pick(CUSTOMER_PEOPLE),
    field: rng.pick(CUSTOM_FIELDS),
    ref: String(rng.int(10000, 99999)),
    inv: `INV-${rng.int(10000, 99999)}`,
    day: WEEKDAYS[earlier.getUTCDay()]!,
    time: `${hh}:${mm} UTC`,
    fr: `FR-${rng.int(1000, 1999)}`,
    eng: `ENG-${rng.int(3000, 4400)}`,
  };
}

/** Replaces the known {placeholders}; unknown braces (template variables customers type) stay. */
export function fillText(text: string, fill: Fill): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, key: string) => fill[key] ?? whole);
}
