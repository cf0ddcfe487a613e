/**
 * The radar's vocabulary: what it needs from triage (a small subset of the triage module's TicketTriage, so
 * the radar runs on whatever triage is wired), the signals it reads, and the assessment of one open thread.
 */
import type { Change, Ticket } from "../domain/case-bundle.ts";
import type { CrmAccount } from "../ports/crm-source.ts";

/** What the radar reads from a ticket's triage (the shape of src/triage's TicketTriage, narrowed). */
export interface RadarTriage {
  readonly topic: { readonly value: string | null };
  readonly urgency: { readonly value: string };
  /** The latest tone, its trend, and the tone of each customer message in order (description first). */
  readonly sentiment: { readonly value: string; readonly trend: string; readonly history: readonly string[] };
  readonly policyRisk: { readonly value: string };
}

/** What a triage knows besides the ticket: the account, the moment, the product areas known then. */
export interface RadarTriageContext {
  readonly account: CrmAccount;
  /** The moment the ticket was cut to (SLA checks read it). */
  readonly asOf: Date;
  /** Product areas named by the changes known then: the fallback topic vocabulary. */
  readonly knownAreas: readonly string[];
}

/** Triages one ticket (as it stood at a moment: the radar passes tickets cut to that moment). */
export type TriageFn = (ticket: Ticket, context: RadarTriageContext) => Promise<RadarTriage> | RadarTriage;

export const SIGNALS = [
  "sentiment",
  "repeatContact",
  "accountValue",
  "changeOrIncident",
  "slaRisk",
  "policyRisk",
] as const;
/** A named signal of escalation risk. */
export type SignalName = (typeof SIGNALS)[number];

export const RISK_LEVELS = ["watch", "high", "critical"] as const;
/** How bad the risk is; one alert per thread per level. */
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** One signal that fired: how strongly (0..1), why in one sentence, and the ids behind it. */
export interface SignalReading {
  readonly signal: SignalName;
  readonly strength: number;
  /** strength times the signal's weight: its share of the score. */
  readonly contribution: number;
  readonly reason: string;
  /** Ticket, change or escalation ids the reason cites. */
  readonly evidence: readonly string[];
}

/** The escalation risk of one open ticket thread at one moment. */
export interface RiskAssessment {
  readonly accountId: string;
  readonly accountName: string;
  readonly ticketId: string;
  readonly ticketNumber?: string;
  readonly subject: string;
  readonly topic: string | null;
  /** 0..1. */
  readonly score: number;
  /** null below the lowest level. */
  readonly level: RiskLevel | null;
  /** Strongest first. */
  readonly signals: readonly SignalReading[];
  /** The moment it was computed for (ISO-8601). */
  readonly asOf: string;
}

/** Everything known about the account at the moment of scoring; nothing after `asOf`. */
export interface AccountSnapshot {
  readonly account: CrmAccount;
  /** The account's tickets as they stood at `asOf` (later comments cut, later tickets absent). */
  readonly tickets: readonly Ticket[];
  /** Changes that reach the account, at or before `asOf`. */
  readonly changes: readonly Change[];
  readonly asOf: Date;
}

/** What was done with an alert: a war-room opened from it, or "not now" with the reason. */
export interface AlertOutcomeView {
  readonly kind: "acted" | "dismissed";
  /** The user id of who did it. */
  readonly by: string;
  readonly reason?: string | null;
  readonly escalationId?: string | null;
}

/** An alert as posted to the triage channel: the assessment, the alert's id (its buttons carry it). */
export interface RiskAlertView {
  readonly alertId: string;
  readonly assessment: RiskAssessment;
  readonly outcome?: AlertOutcomeView | null;
}

export const DISMISS_REASONS = {
  handled: "Already being handled",
  not_risky: "Not a real risk",
  customer_ok: "Customer is fine now",
  other: "Other",
} as const;
/** Why someone said "not now" (a short choice; Slack's form adds a free note). */
export type DismissReason = keyof typeof DISMISS_REASONS;

export const SIGNAL_LABELS: Record<SignalName, string> = {
  sentiment: "Tone getting worse",
  repeatContact: "Repeat contact",
  accountValue: "Account value",
  changeOrIncident: "Incident or change of ours",
  slaRisk: "SLA at risk",
  policyRisk: "Policy risk",
};
