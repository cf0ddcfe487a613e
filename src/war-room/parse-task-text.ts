/**
 * Reads `task @owner <what to do> [--due YYYY-MM-DD]` and `done N`. The owner is a mention (`<@U123>`, as
 * Slack sends it and as Teams mentions are normalised) or an email address.
 */
import { InputError } from "../errors.ts";
import type { Clock } from "../ports/clock.ts";

/** A follow-up as typed; `owner` is a user id or an email still to look up. */
export interface ParsedTask {
  owner: { userId: string } | { email: string };
  text: string;
  due: string | null;
}

/** How to write the command, for error messages. */
export const TASK_USAGE = "task @owner <what to do> [--due YYYY-MM-DD]";

const DUE = /(?:^|\s)--due(?:[\s=]+(\S+))?(?=\s|$)/i;
const MENTION = /^<@([A-Za-z0-9:._-]+)(?:\|[^>]*)?>\s*/;
const EMAIL = /^(?:mailto:)?([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)\s*/i;

/** Today as `YYYY-MM-DD` (UTC) by the clock, for due dates. */
export function todayOf(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` that names a real day, not before `today` (also `YYYY-MM-DD`). */
export function readDueDate(value: string, today: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== value)
    throw new InputError(
      `"${value || "(nothing)"}" after --due is not a date: write it as YYYY-MM-DD, e.g. ${today}`,
    );
  if (value < today) throw new InputError(`the due date ${value} is in the past (today is ${today})`);
  return value;
}

/** Parses what follows `task`; an InputError says what is missing and how to write it. */
export function parseTaskText(input: string, today: string): ParsedTask {
  let rest = input.trim();
  let due: string | null = null;
  const flag = DUE.exec(rest);
  if (flag) {
    due = readDueDate(flag[1] ?? "", today);
    rest = (rest.slice(0, flag.index) + rest.slice(flag.index + flag[0].length)).trim();
  }
  const mention = MENTION.exec(rest);
  const email = mention ? null : EMAIL.exec(rest);
  if (!mention && !email)
    throw new InputError(
      `name the owner first, as a mention or an email: ${TASK_USAGE}${rest ? ` (got "${rest.slice(0, 40)}")` : ""}`,
    );
  const text = rest.slice((mention ?? email)![0].length).trim();
  if (!text) throw new InputError(`say what is to be done after the owner: ${TASK_USAGE}`);
  const owner = mention ? { userId: mention[1]! } : { email: email![1]!.toLowerCase() };
  return { owner, text: text.slice(0, 1000), due };
}

/** The number after `done`; an InputError when it is not one. */
export function parseTaskNumber(input: string): number {
  const value = input.trim().replace(/^#/, "");
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1)
    throw new InputError(
      `say which follow-up is done by its number, e.g. done 2 (got "${input.trim().slice(0, 20) || "nothing"}")`,
    );
  return Number(value);
}
