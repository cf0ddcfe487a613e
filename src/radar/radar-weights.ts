/**
 * The radar's weights and levels, read from radar-weights.json (the one reviewed file) and checked at load:
 * a typo there must stop the start, not silently zero a signal.
 */
import { z } from "zod";
import { RISK_LEVELS, type RiskLevel, SIGNALS, type SignalName } from "./radar-types.ts";
import raw from "./radar-weights.json" with { type: "json" };

const share = z.number().min(0).max(1);
const byPriority = z.object({ urgent: z.number(), high: z.number(), normal: z.number(), low: z.number() });

const weightsSchema = z.object({
  weights: z.object(Object.fromEntries(SIGNALS.map((s) => [s, share])) as Record<SignalName, typeof share>),
  levels: z.object({ watch: share, high: share, critical: share }),
  repeatWindowDays: z.number().positive(),
  changeWindowDays: z.number().positive(),
  account: z.object({
    highArr: z.number().nonnegative(),
    renewalWithinDays: z.number().positive(),
    newContractDays: z.number().positive(),
    lowHealthBelow: z.number(),
    parts: z.object({
      highArr: share,
      enterprise: share,
      renewal: share,
      newContract: share,
      lowHealth: share,
    }),
  }),
  sla: z.object({ firstResponseHours: byPriority, resolutionDays: byPriority, nearShare: share }),
});

/** The radar's tunables. */
export type RadarWeights = z.infer<typeof weightsSchema>;

/** The reviewed weights. */
export const RADAR_WEIGHTS: RadarWeights = weightsSchema.parse(raw);

/** The level a score reaches, or null below the lowest. */
export function levelOf(score: number, weights: RadarWeights = RADAR_WEIGHTS): RiskLevel | null {
  let reached: RiskLevel | null = null;
  for (const level of RISK_LEVELS) if (score >= weights.levels[level]) reached = level;
  return reached;
}

/** Days between two instants (positive when `later` is after `earlier`). */
export function daysBetween(earlier: Date | string, later: Date | string): number {
  return (new Date(later).getTime() - new Date(earlier).getTime()) / 86_400_000;
}

/** A date as people read it in a reason: 2026-11-19. */
export function day(at: Date | string): string {
  return new Date(at).toISOString().slice(0, 10);
}
