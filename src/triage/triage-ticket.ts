/**
 * Triage of one ticket: topic, urgency, sentiment and its trend, policy risk, missing details and owner, each
 * with a confidence and a reason. Pure and synchronous (a learned topic model is trained elsewhere, off the
 * request path, and passed in), so it runs wherever a ticket arrives: the CRM poll, the push API, the CLI.
 */
import { route } from "../war-room/routing-rules.ts";
import { detectPolicyRisk } from "./detect-policy-risk.ts";
import { listMissingDetails } from "./list-missing-details.ts";
import { pickTopic } from "./pick-topic.ts";
import { rateUrgency } from "./rate-urgency.ts";
import { readSentiment } from "./read-sentiment.ts";
import type {
  TicketOwner,
  TicketTriage,
  TriageContext,
  TriageField,
  TriageTicket,
  Urgency,
} from "./types.ts";

/** Comment authors whose words are the customer's (portal and community users map to "customer"). */
const CUSTOMER_AUTHORS = new Set(["customer", "portal", "contact", "requester", "end_user", "end-user"]);

/** True when a comment's author is the customer (Salesforce portal users arrive as "customer"). */
export function isCustomerAuthor(author: string): boolean {
  return CUSTOMER_AUTHORS.has(author.toLowerCase());
}

/** The customer's messages, oldest first: the subject and description, then their comments. */
export function customerMessages(ticket: TriageTicket): string[] {
  const opening = [ticket.subject, ticket.description].filter(Boolean).join(". ");
  const comments = [...(ticket.comments ?? [])]
    .filter((c) => isCustomerAuthor(c.author))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((c) => c.body);
  return [opening, ...comments].filter((m) => m.trim());
}

const SEVERITY_OF: Record<Urgency, string> = {
  low: "low",
  normal: "normal",
  high: "high",
  urgent: "critical",
  sla_risk: "high",
};

function ownerOf(
  triage: Pick<TicketTriage, "topic" | "urgency" | "sentiment" | "policyRisk">,
  context: TriageContext,
): TriageField<TicketOwner | null> {
  if (!context.routing?.rules.length) {
    return {
      value: null,
      confidence: 0.5,
      reason: "No routing rules are configured, so the default queue keeps it.",
    };
  }
  const targets = route(context.routing, {
    segment: context.account?.segment,
    arr: context.account?.arr,
    severity: SEVERITY_OF[triage.urgency.value],
    productAreas: triage.topic.value ? [triage.topic.value] : [],
    topic: triage.topic.value ?? undefined,
    sentiment: triage.sentiment.value,
    policyRisk: triage.policyRisk.value,
  });
  if (!targets.rules.length) {
    return {
      value: null,
      confidence: 0.6,
      reason: "No routing rule matches, so the default queue keeps it.",
    };
  }
  return {
    value: targets,
    confidence: Math.min(triage.topic.confidence || 0.5, 0.9),
    reason: `Routing rule ${targets.rules.map((r) => `"${r}"`).join(", ")} matches.`,
  };
}

/** Triages one ticket. */
export function triageTicket(ticket: TriageTicket, context: TriageContext = {}): TicketTriage {
  const now = context.now ?? new Date();
  const messages = customerMessages(ticket);
  const customerText = messages.join("\n");
  const allText = [customerText, ...(ticket.comments ?? []).map((c) => c.body)].join("\n");
  const topic = pickTopic(ticket, messages[0] ?? ticket.subject, context.topics, context.knownAreas);
  const urgency = rateUrgency(ticket, customerText, now);
  const sentiment = readSentiment(messages);
  const policyRisk = detectPolicyRisk(customerText);
  const missingDetails = listMissingDetails(topic.value, allText);
  const owner = ownerOf({ topic, urgency, sentiment, policyRisk }, context);
  return {
    ticketId: ticket.id,
    topic,
    urgency,
    sentiment,
    policyRisk,
    missingDetails,
    owner,
    automatedAnswerAllowed: policyRisk.value === "none",
    triagedAt: now.toISOString(),
  };
}
