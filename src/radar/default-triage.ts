/**
 * The triage the radar uses: the triage module's `triageTicket` (topic, urgency with SLA, tone and its
 * trend, policy risk), given the moment and the product areas known then. A ticket whose topic triage
 * cannot name keeps its first tag as topic, so repeat contact still groups it with its siblings.
 */
import type { Ticket } from "../domain/case-bundle.ts";
import { triageTicket } from "../triage/index.ts";
import type { TopicClassifier } from "../triage/types.ts";
import { withTagTopic } from "./radar-triage.ts";
import type { RadarTriage, RadarTriageContext, TriageFn } from "./radar-types.ts";

/** A triage function and a name for reports. */
export interface NamedTriage {
  label: string;
  triage: TriageFn;
}

/** The radar's triage over `triageTicket`; `topics` is the organisation's learned model when there is one. */
export function defaultTriage(topics?: TopicClassifier): NamedTriage {
  const triage = (ticket: Ticket, context: RadarTriageContext): RadarTriage => {
    const t = triageTicket(ticket, {
      ...(topics ? { topics } : {}),
      knownAreas: context.knownAreas,
      account: context.account,
      now: context.asOf,
    });
    return withTagTopic(ticket, t);
  };
  return {
    label: topics ? "triageTicket with a learned topic model" : "triageTicket (known product areas)",
    triage,
  };
}
