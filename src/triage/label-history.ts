/**
 * Labelled history for the topic learner: each ticket's label is its product area (Salesforce: the case
 * field named in SALESFORCE_FIELD_MAP.case.productArea), else its first tag that names a known product area,
 * else its first tag. A topic needs a few examples to be learned; rarer labels are left out.
 */
import type { LabelledText } from "./train-topic-model.ts";
import type { TriageTicket } from "./types.ts";

/** Fewest examples a topic needs to be learned. */
export const MIN_EXAMPLES_PER_TOPIC = 3;

/** The ticket's topic label, if it has one. */
export function labelOf(ticket: TriageTicket, knownAreas: ReadonlySet<string>): string | undefined {
  if (typeof ticket.productArea === "string" && ticket.productArea.trim()) return ticket.productArea.trim();
  const tags = ticket.tags ?? [];
  return tags.find((t) => knownAreas.has(t)) ?? tags[0];
}

/** Labelled texts (subject and description) from tickets, keeping topics with enough examples. */
export function labelledHistory(
  tickets: readonly TriageTicket[],
  knownAreas: readonly string[] = [],
): LabelledText[] {
  const known = new Set(knownAreas);
  const examples = tickets.flatMap((t) => {
    const label = labelOf(t, known);
    const text = [t.subject, t.description].filter(Boolean).join(". ");
    return label && text.trim() ? [{ text, label }] : [];
  });
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  return examples.filter((e) => (counts.get(e.label) ?? 0) >= MIN_EXAMPLES_PER_TOPIC);
}
