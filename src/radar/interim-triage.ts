/**
 * The radar's triage when no classifier is wired: the topic is the ticket's first tag, the urgency its
 * priority, and tone and policy risk unknown (so those signals stay silent rather than guess).
 */
import type { Ticket } from "../domain/case-bundle.ts";
import type { RadarTriage } from "./radar-types.ts";

/** Reads what a ticket states about itself; infers nothing. */
export function triageFromFields(ticket: Ticket): RadarTriage {
  return {
    topic: { value: ticket.tags?.[0] ?? null },
    urgency: { value: ticket.priority ?? "normal" },
    sentiment: { value: "neutral", trend: "unknown", history: [] },
    policyRisk: { value: "none" },
  };
}
