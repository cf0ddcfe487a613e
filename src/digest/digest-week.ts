/**
 * ISO weeks in the digest's time zone: `2026-W47` runs from Monday 00:00 to the next Monday 00:00 there.
 * The digest covers one such week; its trends reach back over the weeks before it.
 */
import { TZDate } from "@date-fns/tz";
import { addWeeks } from "date-fns/addWeeks";
import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";
import { setISOWeek } from "date-fns/setISOWeek";
import { startOfISOWeek } from "date-fns/startOfISOWeek";
import { InputError } from "../errors.ts";

/** One ISO week: its label and where it starts and ends (exclusive), as instants. */
export interface DigestWeek {
  label: string;
  start: Date;
  end: Date;
}

const PATTERN = /^(\d{4})-W(\d{2})$/;

function weekOf(date: TZDate): DigestWeek {
  const start = startOfISOWeek(date);
  const end = addWeeks(start, 1);
  const label = `${getISOWeekYear(start)}-W${String(getISOWeek(start)).padStart(2, "0")}`;
  return { label, start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

/** The week named by `label` (`2026-W47`) in `timeZone`; bad input says what a week looks like. */
export function parseWeek(label: string, timeZone: string): DigestWeek {
  const match = PATTERN.exec(label.trim());
  const year = Number(match?.[1]);
  const week = Number(match?.[2]);
  if (!match || week < 1 || week > 53)
    throw new InputError(
      `"${label}" is not an ISO week; write it like 2026-W47 (year, "-W", two-digit week)`,
    );
  // The 4th of January is always in week 1 of its ISO year.
  const parsed = weekOf(setISOWeek(new TZDate(year, 0, 4, 12, timeZone), week));
  if (parsed.label !== label.trim())
    throw new InputError(`${label} does not exist: ${year} has no week ${week}`);
  return parsed;
}

/** The week containing `at`. */
export function weekContaining(at: Date, timeZone: string): DigestWeek {
  return weekOf(new TZDate(at.getTime(), timeZone));
}

/** The last complete week before `at`: what a digest posted during the week of `at` reports. */
export function previousWeek(at: Date, timeZone: string): DigestWeek {
  const current = weekContaining(at, timeZone);
  return weekContaining(new Date(current.start.getTime() - 3600_000), timeZone);
}

/** `count` consecutive weeks ending with `last`, oldest first. */
export function weeksEndingWith(last: DigestWeek, count: number, timeZone: string): DigestWeek[] {
  const weeks: DigestWeek[] = [last];
  while (weeks.length < count)
    weeks.unshift(weekContaining(new Date((weeks[0]?.start.getTime() ?? 0) - 3600_000), timeZone));
  return weeks;
}

/** Refuses a week that has not started at `now`: its digest would count nothing and read as a bad week. */
export function refuseFutureWeek(week: DigestWeek, now: Date, timeZone: string, option = "--week"): void {
  if (week.start <= now) return;
  throw new InputError(
    `${option} ${week.label} has not started yet (${timeZone}); give a week up to ${weekContaining(now, timeZone).label}, or leave out ${option} for the last complete one (${previousWeek(now, timeZone).label})`,
  );
}
