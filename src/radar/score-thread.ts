/**
 * One open thread's escalation risk: each signal's strength times its weight is an independent chance, and
 * the score is 1 - product(1 - chance) (a noisy-OR): 0..1, rising with every signal that agrees, never
 * reaching 1 on one alone.
 */
import type { Ticket } from "../domain/case-bundle.ts";
import type {
  AccountSnapshot,
  RadarTriage,
  RiskAssessment,
  SignalName,
  SignalReading,
} from "./radar-types.ts";
import { levelOf, RADAR_WEIGHTS, type RadarWeights } from "./radar-weights.ts";
import { readAccountValue, readChangeOrIncident } from "./read-context-signals.ts";
import {
  type RawSignal,
  readPolicyRisk,
  readRepeatContact,
  readSentiment,
  readSlaRisk,
} from "./read-thread-signals.ts";

/** A ticket of the snapshot with its triage. */
export interface TriagedTicket {
  ticket: Ticket;
  triage: RadarTriage;
}

/** Combines signal strengths into a score with the weights. */
export function combineSignals(
  raw: Partial<Record<SignalName, RawSignal | null>>,
  weights: RadarWeights = RADAR_WEIGHTS,
): { score: number; signals: SignalReading[] } {
  const signals: SignalReading[] = [];
  for (const [name, reading] of Object.entries(raw) as [SignalName, RawSignal | null][]) {
    if (!reading || reading.strength <= 0) continue;
    const contribution = Math.round(reading.strength * weights.weights[name] * 1000) / 1000;
    signals.push({ signal: name, contribution, ...reading });
  }
  signals.sort((a, b) => b.contribution - a.contribution);
  const score = 1 - signals.reduce((rest, s) => rest * (1 - s.contribution), 1);
  return { score: Math.round(score * 1000) / 1000, signals };
}

/** The risk of `thread` (an open ticket of `snapshot`), knowing the snapshot's other triaged tickets. */
export function scoreThread(
  thread: TriagedTicket,
  snapshot: AccountSnapshot,
  triaged: readonly TriagedTicket[],
  weights: RadarWeights = RADAR_WEIGHTS,
): RiskAssessment {
  const { ticket, triage } = thread;
  const topic = triage.topic.value;
  const siblings = triaged.map((t) => ({ ticket: t.ticket, topic: t.triage.topic.value }));
  const { score, signals } = combineSignals(
    {
      sentiment: readSentiment(ticket, triage),
      repeatContact: readRepeatContact(ticket, topic, siblings, weights),
      accountValue: readAccountValue(snapshot.account, snapshot.asOf, weights),
      changeOrIncident: readChangeOrIncident(ticket, topic, snapshot.changes, snapshot.asOf, weights),
      slaRisk: readSlaRisk(ticket, triage, snapshot.asOf, weights),
      policyRisk: readPolicyRisk(ticket, triage),
    },
    weights,
  );
  return {
    accountId: snapshot.account.id,
    accountName: snapshot.account.name,
    ticketId: ticket.id,
    ...(ticket.number ? { ticketNumber: ticket.number } : {}),
    subject: ticket.subject,
    topic,
    score,
    level: levelOf(score, weights),
    signals,
    asOf: snapshot.asOf.toISOString(),
  };
}
