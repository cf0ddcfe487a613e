/**
 * Urgency: the ticket's own priority, raised by what the customer says (production down, all users, a
 * deadline) and by the clock (an SLA due time near or past, or an urgent ticket no agent has answered).
 */

import { round } from "./detect-policy-risk.ts";
import { combineWeights, matchText, type PhrasePattern } from "./match-phrases.ts";
import type { TriageField, TriageTicket, Urgency } from "./types.ts";

const p = (re: RegExp, weight: number): PhrasePattern => ({ re, weight, notInQuestion: false });

/** Phrases that make a ticket more urgent than its priority says. */
export const URGENT_PATTERNS: readonly PhrasePattern[] = [
  p(
    /\b(?:production|prod|live site|checkout|whole (?:team|company)|everything) (?:is )?(?:down|broken|offline|unusable)\b/,
    0.85,
  ),
  p(
    /\b(?:outage|service down|site down|system down|complete(?:ly)? (?:down|broken)|data loss|lost (?:all )?(?:our |my )?data)\b/,
    0.85,
  ),
  p(
    /\b(?:all|none of (?:our|the)|every one of our|\d{2,}) (?:users|customers|employees|agents|stores|orders)\b[^.?!]{0,40}\b(?:can't|cannot|unable|affected|failing|down|blocked)\b/,
    0.7,
  ),
  p(/\b(?:urgent(?:ly)?|asap|as soon as possible|emergency|critical|immediately|right now)\b/, 0.6),
  p(
    /\b(?:deadline|go-?live|launch|payroll|month-end|quarter-end|audit)\b[^.?!]{0,40}\b(?:today|tomorrow|tonight|this week|on (?:monday|tuesday|wednesday|thursday|friday))\b/,
    0.6,
  ),
  p(/\b(?:can't|cannot|unable to) (?:log ?in|sign ?in|access|use|process|ship|pay|get paid)\b/, 0.45),
];

const BY_PRIORITY: Record<string, Urgency> = {
  low: "low",
  minor: "low",
  normal: "normal",
  medium: "normal",
  moderate: "normal",
  high: "high",
  major: "high",
  urgent: "urgent",
  critical: "urgent",
  blocker: "urgent",
};
const ORDER: readonly Urgency[] = ["low", "normal", "high", "urgent", "sla_risk"];
const HOUR = 3_600_000;
/** How long an urgent or high ticket may wait for a first agent answer before its SLA is at risk. */
const FIRST_RESPONSE_HOURS: Partial<Record<Urgency, number>> = { urgent: 4, high: 24 };

function slaRisk(ticket: TriageTicket, base: Urgency, now: Date): string | undefined {
  if (ticket.closedAt) return undefined;
  const due = typeof ticket.slaDueAt === "string" ? Date.parse(ticket.slaDueAt) : Number.NaN;
  if (Number.isFinite(due)) {
    const left = (due - now.getTime()) / HOUR;
    if (left < 0) return `its SLA was due ${Math.round(-left)} h ago`;
    if (left <= 4) return `its SLA is due in ${Math.max(1, Math.round(left))} h`;
  }
  const limit = FIRST_RESPONSE_HOURS[base];
  const answered = (ticket.comments ?? []).some((c) => c.author === "agent");
  const waited = (now.getTime() - Date.parse(ticket.createdAt)) / HOUR;
  if (limit && !answered && waited > limit)
    return `it is ${base} and no agent has answered in ${Math.round(waited)} h`;
  return undefined;
}

/** The urgency of `ticket` given the customer's words in `text`. */
export function rateUrgency(ticket: TriageTicket, text: string, now: Date): TriageField<Urgency> {
  const priority = ticket.priority?.toLowerCase().trim();
  const stated = priority ? BY_PRIORITY[priority] : undefined;
  let base: Urgency = stated ?? "normal";
  const hits = matchText(text, URGENT_PATTERNS);
  const cue = combineWeights(hits);
  const said = hits
    .slice(0, 2)
    .map((h) => `"${h.text}"`)
    .join(" and ");
  let why = stated ? `priority ${ticket.priority}` : "no priority set";
  if (cue >= 0.8 && ORDER.indexOf(base) < ORDER.indexOf("urgent")) {
    base = "urgent";
    why += `, raised because the customer writes ${said}`;
  } else if (cue >= 0.45 && ORDER.indexOf(base) < ORDER.indexOf("high")) {
    base = "high";
    why += `, raised because the customer writes ${said}`;
  }
  const sla = slaRisk(ticket, base, now);
  if (sla) return { value: "sla_risk", confidence: 0.9, reason: `At SLA risk: ${sla} (${why}).` };
  const confidence = round(stated ? Math.max(0.7, cue) : Math.max(0.5, cue));
  return { value: base, confidence, reason: `${base[0]!.toUpperCase()}${base.slice(1)}: ${why}.` };
}
