/**
 * Dates relative to the sample's anchor. Everything in the dataset is written as "so many days before the
 * anchor", so the loader can move the whole world by whole weeks and keep weekdays intact.
 */
import { SAMPLE_DATASET_ANCHOR } from "./anchor.ts";

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The anchor as epoch milliseconds. */
export const ANCHOR_MS = Date.parse(SAMPLE_DATASET_ANCHOR);

/** An ISO date-time without milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The date part (YYYY-MM-DD) of epoch milliseconds. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * `days` days before the anchor (a Monday, 00:00 UTC) at `hour`:`minute` UTC. ago(6) is the Tuesday before
 * the anchor, ago(13) the Tuesday before that.
 */
export function ago(days: number, hour = 9, minute = 0): string {
  return iso(ANCHOR_MS - days * DAY_MS + hour * HOUR_MS + minute * 60 * 1000);
}

/** The date (YYYY-MM-DD) `days` days before the anchor; negative days lie after it. */
export function agoDay(days: number): string {
  return isoDay(ANCHOR_MS - days * DAY_MS);
}

/** Adds hours to an ISO date-time. */
export function plusHours(at: string, hours: number): string {
  return iso(Date.parse(at) + Math.round(hours * 60) * 60 * 1000);
}

/** Days between an ISO date-time and the anchor (positive = before the anchor). */
export function daysBeforeAnchor(at: string): number {
  return (ANCHOR_MS - Date.parse(at)) / DAY_MS;
}

/** Adds whole calendar years to a YYYY-MM-DD date. */
export function plusYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return isoDay(d.getTime());
}

export { DAY_MS, HOUR_MS };
