/**
 * Where background noise must stay calm: inside a live pattern or around a story, generated tickets may
 * only be how-tos, questions and feature requests, and generated customer changes may not touch the area,
 * so the hand-written cause stays the only plausible one.
 */
import { ANCHOR_MS, DAY_MS } from "./time.ts";
import type { AccountSeed, Story } from "./types.ts";

/** A window in which an area is calm for the accounts it applies to. */
export interface QuietRule {
  areas: readonly string[];
  from: number;
  to: number;
  applies: (seed: AccountSeed) => boolean;
}

const everyone = () => true;

function window(fromDaysAgo: number, toDaysAgo: number): { from: number; to: number } {
  return { from: ANCHOR_MS - fromDaysAgo * DAY_MS, to: ANCHOR_MS - toDaysAgo * DAY_MS };
}

/** The rules of the live patterns and the incidents in the stories. */
const PATTERN_RULES: QuietRule[] = [
  { areas: ["hubspot-sync"], ...window(15, 0), applies: everyone },
  { areas: ["reporting", "analytics-exports"], ...window(30, 0), applies: (s) => s.region === "eu" },
  { areas: ["analytics-exports"], ...window(64, 50), applies: (s) => s.region === "eu" },
  { areas: ["payments"], ...window(50, 38), applies: (s) => s.paymentProvider === "Tillhaven" },
  { areas: ["payments"], ...window(6, 0), applies: (s) => s.paymentProvider === "Ferrypay" },
  { areas: ["notifications-sms"], ...window(48, 43), applies: (s) => s.region === "us" },
  { areas: ["notifications-sms"], ...window(35, 25), applies: (s) => s.smsProvider === "Signalhop" },
  { areas: ["public-api"], ...window(37, 33), applies: everyone },
];

/** Pattern rules plus one per story: its area is calm for its account from 30 days before it opened. */
export function buildQuietRules(stories: readonly Story[]): QuietRule[] {
  const storyRules = stories.map((story) => ({
    areas: [story.productArea],
    from: Date.parse(story.openedAt) - 30 * DAY_MS,
    to: story.resolvedAt ? Date.parse(story.resolvedAt) + 3 * DAY_MS : ANCHOR_MS,
    applies: (seed: AccountSeed) => seed.key === story.account,
  }));
  return [...PATTERN_RULES, ...storyRules];
}

/** True when an item about `area` at `atMs` for `seed` must stay calm. */
export function isQuiet(rules: readonly QuietRule[], seed: AccountSeed, area: string, atMs: number): boolean {
  return rules.some((r) => r.areas.includes(area) && atMs >= r.from && atMs <= r.to && r.applies(seed));
}
