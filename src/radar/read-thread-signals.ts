/**
 * Signals read from the thread itself: the customer's tone getting worse, the same issue raised again,
 * the SLA at risk, a policy risk. Each returns its strength (0..1), a sentence and the ids behind it, or
 * null when it does not fire.
 */
import type { Ticket } from "../domain/case-bundle.ts";
import type { RadarTriage } from "./radar-types.ts";
import { day, daysBetween, type RadarWeights } from "./radar-weights.ts";

/** A signal before weighting. */
export interface RawSignal {
  strength: number;
  reason: string;
  evidence: string[];
}

const TONE_RANK: Record<string, number> = { positive: 0, neutral: 1, confused: 2, frustrated: 3, angry: 4 };

/** Whether a comment is the customer's words (portal users count as the customer). */
export function isCustomerComment(author: string): boolean {
  return author.toLowerCase().startsWith("customer");
}

/** The customer's tone getting worse across their messages, or staying angry. */
export function readSentiment(ticket: Ticket, triage: RadarTriage): RawSignal | null {
  const { history, trend, value } = triage.sentiment;
  const latest = TONE_RANK[value] ?? 1;
  const worsening = trend === "worsening";
  const strength = worsening ? [0, 0, 0.4, 0.75, 1][latest] : [0, 0, 0, 0.35, 0.6][latest];
  if (!strength) return null;
  const dates = [
    ticket.createdAt,
    ...(ticket.comments ?? []).filter((c) => isCustomerComment(c.author)).map((c) => c.at),
  ];
  const span = dates.length > 1 ? ` (${day(dates[0]!)} to ${day(dates.at(-1)!)})` : "";
  const reason = worsening
    ? `The customer's tone went ${history.join(" → ")} across ${history.length} messages${span}`
    : `The customer is ${value} in their latest message${span}`;
  return { strength: strength ?? 0, reason, evidence: [ticket.id] };
}

/** The same topic raised again within the window, or the thread re-opened after it was closed. */
export function readRepeatContact(
  ticket: Ticket,
  topic: string | null,
  siblings: readonly { ticket: Ticket; topic: string | null }[],
  weights: RadarWeights,
): RawSignal | null {
  const reopened = ticket.status.toLowerCase() === "reopened";
  const earlier = topic
    ? siblings.filter(
        (s) =>
          s.ticket.id !== ticket.id &&
          s.topic === topic &&
          Date.parse(s.ticket.createdAt) <= Date.parse(ticket.createdAt) &&
          daysBetween(s.ticket.createdAt, ticket.createdAt) <= weights.repeatWindowDays,
      )
    : [];
  if (earlier.length === 0 && !reopened) return null;
  const count = earlier.length + 1;
  const strength = Math.max(count >= 3 ? 1 : count === 2 ? 0.6 : 0, reopened ? 0.8 : 0);
  const listed = earlier.map((s) => `${s.ticket.id} (${day(s.ticket.createdAt)})`).join(", ");
  const ordinal = ["", "", "second", "third"][count] ?? `${count}th`;
  const reason = [
    earlier.length > 0
      ? `The ${ordinal} ticket on ${topic} in ${weights.repeatWindowDays} days: after ${listed}`
      : "",
    reopened ? "The ticket was re-opened" : "",
  ]
    .filter(Boolean)
    .join("; ");
  return { strength, reason, evidence: [ticket.id, ...earlier.map((s) => s.ticket.id)] };
}

function priorityOf(ticket: Ticket): "urgent" | "high" | "normal" | "low" {
  const p = (ticket.priority ?? "normal").toLowerCase();
  return p === "urgent" || p === "high" || p === "low" ? p : p === "critical" ? "urgent" : "normal";
}

/** The first response or the resolution target breached or nearly breached at `asOf`. */
export function readSlaRisk(
  ticket: Ticket,
  triage: RadarTriage,
  asOf: Date,
  weights: RadarWeights,
): RawSignal | null {
  const priority = priorityOf(ticket);
  const answered = (ticket.comments ?? []).find((c) => !isCustomerComment(c.author));
  const ageHours = daysBetween(ticket.createdAt, asOf) * 24;
  const responseTarget = weights.sla.firstResponseHours[priority];
  const resolutionTarget = weights.sla.resolutionDays[priority] * 24;
  const near = weights.sla.nearShare;
  const candidates: RawSignal[] = [];
  if (!answered && ageHours >= responseTarget * near)
    candidates.push({
      strength: ageHours >= responseTarget ? 1 : 0.6,
      reason: `No reply from us ${Math.round(ageHours)} h after it was opened on ${day(ticket.createdAt)} (${priority} target ${responseTarget} h)`,
      evidence: [ticket.id],
    });
  if (ageHours >= resolutionTarget * near)
    candidates.push({
      strength: ageHours >= resolutionTarget ? 0.8 : 0.5,
      reason: `Open ${Math.round(ageHours / 24)} days since ${day(ticket.createdAt)} (${priority} resolution target ${resolutionTarget / 24} days)`,
      evidence: [ticket.id],
    });
  if (triage.urgency.value === "sla_risk")
    candidates.push({ strength: 1, reason: "Triage marks its SLA at risk", evidence: [ticket.id] });
  return candidates.sort((a, b) => b.strength - a.strength)[0] ?? null;
}

const SEVERE_POLICY = new Set(["legal", "privacy", "security", "safety", "medical"]);

/** A policy risk (legal, privacy, security… refund, billing dispute) in the thread. */
export function readPolicyRisk(ticket: Ticket, triage: RadarTriage): RawSignal | null {
  const risk = triage.policyRisk.value;
  if (!risk || risk === "none") return null;
  return {
    strength: SEVERE_POLICY.has(risk) ? 1 : 0.6,
    reason: `Policy risk: ${risk.replace("_", " ")}`,
    evidence: [ticket.id],
  };
}
