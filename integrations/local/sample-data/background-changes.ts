/**
 * Generated changes: our weekly platform releases (Tuesdays) and everyday customer changes.
 */
import { CUSTOMER_CHANGE_TEMPLATES } from "./customer-change-templates.ts";
import { drawFill, fillText } from "./fill.ts";
import { isQuiet, type QuietRule } from "./quiet-rules.ts";
import type { Rng } from "./random.ts";
import { RELEASE_NOTES } from "./release-notes.ts";
import { ago, daysBeforeAnchor } from "./time.ts";
import type { AccountSeed, ChangeDraft } from "./types.ts";

/** The first weekly release in the history; ago(6) is the last Tuesday before the anchor. */
const FIRST_RELEASE_DAYS_AGO = 272;
const FIRST_RELEASE_NUMBER = 9;
/** Weeks without a release (holiday freeze, a skipped train). */
const SKIPPED_WEEKS = new Set([13, 26, 34]);

/** Weekly "Platform release 9.N" deploys, each with one to three release-note lines. */
export function buildWeeklyReleases(rng: Rng): ChangeDraft[] {
  const deck = rng.shuffle(RELEASE_NOTES);
  const releases: ChangeDraft[] = [];
  let train = FIRST_RELEASE_NUMBER;
  for (let week = 0, day = FIRST_RELEASE_DAYS_AGO; day >= 6; week++, day -= 7) {
    if (SKIPPED_WEEKS.has(week)) continue;
    const size = rng.weighted([
      [1, 2],
      [2, 6],
      [3, 2],
    ] as const);
    const notes = Array.from({ length: size }, () => deck.pop() ?? rng.pick(RELEASE_NOTES));
    const areas = [...new Set(notes.map(([area]) => area))];
    releases.push({
      at: ago(day, 14, rng.int(0, 5) * 10),
      source: "vendor_deploy",
      scope: "global",
      productArea: notes[0]![0],
      title: `Platform release 9.${train} (${areas.join(", ")})`,
      description: notes.map(([area, text]) => `${area}: ${text}`).join("; "),
    });
    train++;
  }
  return releases;
}

const COUNT = { enterprise: [1, 3], mid_market: [1, 2], smb: [0, 1] } as const;

/** Everyday customer changes for one account inside its history, away from its stories' areas. */
export function buildCustomerChanges(
  seed: AccountSeed,
  contractStart: string,
  rules: readonly QuietRule[],
  rng: Rng,
): ChangeDraft[] {
  const [min, max] = COUNT[seed.segment];
  const startAgo = Math.min(270, Math.floor(daysBeforeAnchor(`${contractStart}T00:00:00Z`)) - 1);
  const endAgo = Math.max(2, seed.quietDays ?? 2);
  const fitting = CUSTOMER_CHANGE_TEMPLATES.filter((t) => !t.requires || t.requires(seed));
  const changes: ChangeDraft[] = [];
  for (let i = rng.int(min, max); i > 0 && startAgo > endAgo; i--) {
    const at = ago(rng.int(endAgo, startAgo), rng.int(8, 18), rng.int(0, 5) * 10);
    const template = rng.pick(fitting);
    if (isQuiet(rules, seed, template.productArea, Date.parse(at))) continue;
    const fill = drawFill(rng, at);
    changes.push({
      at,
      source: template.source,
      scope: "account",
      accountKey: seed.key,
      productArea: template.productArea,
      title: fillText(template.title, fill),
      description: fillText(template.description, fill),
    });
  }
  return changes;
}
