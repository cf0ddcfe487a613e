/**
 * The triage the radar uses unless one is injected: the ticket's own fields (see interim-triage.ts).
 */
import { triageFromFields } from "./interim-triage.ts";
import type { TriageFn } from "./radar-types.ts";

/** A triage function and a name for reports. */
export interface NamedTriage {
  label: string;
  triage: TriageFn;
}

/** The default triage. */
export function defaultTriage(): NamedTriage {
  return { label: "ticket fields only", triage: (ticket) => triageFromFields(ticket) };
}
