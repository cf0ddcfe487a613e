/**
 * The radar's triage in a running warroom: the triage service's context for the account (its learned
 * topics, or the known product areas; the routing facts), at the moment scored. The context is kept a
 * minute per account, so one scan asks for it once per account rather than once per ticket.
 */
import type { Ticket } from "../domain/case-bundle.ts";
import { triageTicket } from "../triage/index.ts";
import type { TriageContext } from "../triage/types.ts";
import { triageFromFields } from "./interim-triage.ts";
import type { RadarTriage, RadarTriageContext, TriageFn } from "./radar-types.ts";

const KEEP_MS = 60_000;

/** A ticket's triage, keeping its first tag as topic when triage names none (repeat contact groups by it). */
export function withTagTopic(ticket: Ticket, triage: RadarTriage): RadarTriage {
  return triage.topic.value ? triage : { ...triage, topic: triageFromFields(ticket).topic };
}

/** The radar's TriageFn over `contextFor` (the triage service's context of an account). */
export function radarTriageFrom(contextFor: (accountId: string) => Promise<TriageContext>): TriageFn {
  const cache = new Map<string, { at: number; context: Promise<TriageContext> }>();
  const contextOf = (accountId: string) => {
    const kept = cache.get(accountId);
    if (kept && Date.now() - kept.at < KEEP_MS) return kept.context;
    const context = contextFor(accountId);
    cache.set(accountId, { at: Date.now(), context });
    return context;
  };
  return async (ticket: Ticket, c: RadarTriageContext) => {
    const context = await contextOf(c.account.id);
    const knownAreas = [...new Set([...(context.knownAreas ?? []), ...c.knownAreas])];
    return withTagTopic(ticket, triageTicket(ticket, { ...context, knownAreas, now: c.asOf }));
  };
}
