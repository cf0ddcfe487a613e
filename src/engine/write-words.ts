/**
 * Small wording helpers shared by titles, rationales, checks and talking points: plurals that agree,
 * dates people read, quotes cut at a word boundary, and change titles without internal reference codes.
 */

/** "1 change", "3 changes". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** "ESC-1 reports", "ESC-1 and ESC-2 report": a list of names with a verb that agrees. */
export function listWithVerb(names: readonly string[], singular: string, pluralVerb: string): string {
  return `${joinList(names)} ${names.length === 1 ? singular : pluralVerb}`;
}

/** "a", "a and b", "a, b and c". */
export function joinList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** "2026-11-16 19:30 UTC". */
export function utcMinute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "Monday 16 November, 19:30 UTC": for people on an executive call (Intl would cost a one-shot run ~10 ms). */
export function spokenTime(at: number): string {
  const d = new Date(at);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}, ${d.toISOString().slice(11, 16)} UTC`;
}

/** Shortens quoted evidence to `max` characters, cutting at a word boundary with an ellipsis. */
export function clip(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

/** A change title without a leading internal reference ("INC-2256: database failover" → "database failover"). */
export function plainTitle(title: string): string {
  return title.replace(/^[A-Z]{2,}-\d+[:\s-]+/, "").trim();
}

/** Upper-cases the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
