/**
 * The digest's radar section: the feedback loop of escalation-risk alerts, this week and over the quarter
 * (alerts acted on, dismissed, escalated anyway; escalations that had an alert first, and how early).
 * Kept apart from the other sections; the digest build and its renderers call in here.
 */
import type { Sql } from "../storage/database.ts";
import { measureRadarFeedback, type RadarFeedback } from "../storage/radar-feedback.ts";
import type { DigestScope } from "./digest-scope.ts";

/** The radar's figures in a digest. */
export interface RadarDigest {
  week: RadarFeedback;
  quarter: RadarFeedback;
}

/** The figures for the digest's week and quarter. */
export async function queryRadarDigest(sql: Sql, s: DigestScope): Promise<RadarDigest> {
  const [week, quarter] = await Promise.all([
    measureRadarFeedback(sql, { since: s.week.start, until: s.week.end }),
    measureRadarFeedback(sql, { since: s.quarterStart, until: s.week.end }),
  ]);
  return { week, quarter };
}

const median = (xs: number[]) => (xs.length ? xs[Math.floor(xs.length / 2)]! : null);

function line(label: string, f: RadarFeedback): string {
  if (f.alerts === 0 && f.alertedFirst === 0) return `${label}: no alerts.`;
  const lead = median(f.leadDays);
  return (
    `${label}: ${f.alerts} alerts — ${f.acted} acted on (war-room opened), ${f.dismissed} dismissed, ${f.unanswered} unanswered; ` +
    `${f.escalatedAnyway} escalated anyway. ${f.alertedFirst} of ${f.escalations} escalations had an alert first` +
    (lead === null ? "." : `, a median ${lead} days earlier.`)
  );
}

/** The section's lines, or none when the radar has never alerted this quarter (no TRIAGE_CHANNEL). */
export function radarSectionLines(radar: RadarDigest | undefined): string[] {
  if (!radar || radar.quarter.alerts === 0) return [];
  return [line("This week", radar.week), line("Last 13 weeks", radar.quarter)];
}
