/**
 * The triage of one ticket: what it is about, how urgent and how upset the customer is, whether it touches a
 * policy that forbids an automated answer, what the agent still needs to ask, and who owns it. Every field
 * carries a confidence (0..1) and a one-sentence reason an agent can read.
 */
import type { Ticket } from "../domain/case-bundle.ts";
import type { RoutingRules } from "../war-room/routing-rules.ts";

export const URGENCIES = ["low", "normal", "high", "urgent", "sla_risk"] as const;
/** How soon the ticket needs a person; `sla_risk` means its response or resolution target is at risk. */
export type Urgency = (typeof URGENCIES)[number];

export const SENTIMENTS = ["positive", "neutral", "confused", "frustrated", "angry"] as const;
/** The customer's tone in their latest words. */
export type Sentiment = (typeof SENTIMENTS)[number];

export const SENTIMENT_TRENDS = ["improving", "steady", "worsening", "unknown"] as const;
/** How the customer's tone moved across their messages in the thread (`unknown` with fewer than two). */
export type SentimentTrend = (typeof SENTIMENT_TRENDS)[number];

export const POLICY_RISKS = [
  "none",
  "refund",
  "billing_dispute",
  "legal",
  "privacy",
  "security",
  "safety",
  "medical",
  "financial",
] as const;
/** A policy the ticket touches; anything but `none` means a person must answer (never automated). */
export type PolicyRisk = (typeof POLICY_RISKS)[number];

export const MISSING_DETAILS = ["environment", "ids", "time_window", "error_text"] as const;
/** A detail the agent should ask for once: where it happens, which records, since when, the exact error. */
export type MissingDetail = (typeof MISSING_DETAILS)[number];

/** One triage judgement: the value, how sure (0..1), and why in one sentence. */
export interface TriageField<T> {
  readonly value: T;
  readonly confidence: number;
  readonly reason: string;
}

/** The topic and where it came from: a model learned from labelled history, the known product areas, or none. */
export interface TopicTriage extends TriageField<string | null> {
  readonly source: "learned" | "known_areas" | "none";
}

/** The sentiment of the customer's latest words, its trend, and the tone of each customer message in order. */
export interface SentimentTriage extends TriageField<Sentiment> {
  readonly trend: SentimentTrend;
  readonly history: readonly Sentiment[];
}

/** Who owns the ticket: the names of the routing rules that matched and the people they invite. */
export interface TicketOwner {
  readonly rules: readonly string[];
  readonly users: readonly string[];
  readonly emails: readonly string[];
  readonly groups: readonly string[];
}

/** The full triage of one ticket, as stored with it and shown on the context card. */
export interface TicketTriage {
  readonly ticketId: string;
  readonly topic: TopicTriage;
  readonly urgency: TriageField<Urgency>;
  readonly sentiment: SentimentTriage;
  readonly policyRisk: TriageField<PolicyRisk>;
  readonly missingDetails: TriageField<readonly MissingDetail[]>;
  /** `null` value when no routing rule matched (the default queue keeps it). */
  readonly owner: TriageField<TicketOwner | null>;
  /** False whenever a policy risk is present: such a ticket is never a candidate for an automated answer. */
  readonly automatedAnswerAllowed: boolean;
  /** When the triage was computed (ISO-8601). */
  readonly triagedAt: string;
}

/** A learned topic classifier (see `train-topic-model.ts`). */
export interface TopicClassifier {
  /** The labels it knows, in a stable order. */
  readonly labels: readonly string[];
  /** The most likely label with its probability, and the runner-up (to explain a close call). */
  classify(text: string): {
    label: string;
    confidence: number;
    runnerUp?: { label: string; confidence: number };
  };
}

/** What triage needs besides the ticket. Everything is optional; absent parts lower the confidence. */
export interface TriageContext {
  /** The organisation's learned topic model; without one the known product areas are matched instead. */
  readonly topics?: TopicClassifier;
  /** Product areas the engine already knows (changes, knowledge tags): the fallback topic vocabulary. */
  readonly knownAreas?: readonly string[];
  /** Routing rules deciding the owner (ROUTING_RULES_FILE). */
  readonly routing?: RoutingRules;
  /** The account, for segment and ARR conditions of the routing rules. */
  readonly account?: { readonly segment?: string; readonly arr?: number };
  /** Now, for SLA checks and `triagedAt`; defaults to the current time. */
  readonly now?: Date;
}

/** The ticket as triage reads it: the case bundle's ticket, plus an optional SLA due time and product area. */
export type TriageTicket = Ticket & { slaDueAt?: unknown; productArea?: unknown };
