/**
 * The ticket's topic: from the organisation's learned model when there is one, otherwise the known product
 * area the ticket names (its product-area field or a tag) or whose words it uses most.
 */
import { stemWord } from "../engine/tokenize-text.ts";
import { round } from "./detect-policy-risk.ts";
import type { TopicClassifier, TopicTriage, TriageTicket } from "./types.ts";

// Stemmed, so "invoice" in a ticket finds the area "invoicing".
// Stemmed, so "invoice" in a ticket finds the area "invoicing".
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2)
    .map(stemWord);

function fromKnownAreas(
  ticket: TriageTicket,
  text: string,
  areas: readonly string[],
): TopicTriage | undefined {
  const labelled = [
    typeof ticket.productArea === "string" ? ticket.productArea : undefined,
    ...(ticket.tags ?? []),
  ];
  const named = labelled.find((l) => l && areas.includes(l));
  if (named) {
    return {
      value: named,
      confidence: 0.9,
      source: "known_areas",
      reason: `The ticket is labelled ${named}, a known product area.`,
    };
  }
  const have = new Set(words(text));
  let best: { area: string; share: number } | undefined;
  for (const area of areas) {
    const parts = words(area);
    if (!parts.length) continue;
    const share = parts.filter((w) => have.has(w)).length / parts.length;
    if (share > 0 && (!best || share > best.share)) best = { area, share };
  }
  if (!best) return undefined;
  return {
    value: best.area,
    confidence: round(0.35 + 0.3 * best.share),
    source: "known_areas",
    reason: `The ticket mentions the known product area ${best.area}.`,
  };
}

/** The topic of `ticket` (whose customer-facing text is `text`). */
export function pickTopic(
  ticket: TriageTicket,
  text: string,
  model: TopicClassifier | undefined,
  areas: readonly string[] = [],
): TopicTriage {
  if (model?.labels.length) {
    const { label, confidence, runnerUp } = model.classify(text);
    const close = runnerUp && runnerUp.confidence > confidence / 2 ? `, ahead of ${runnerUp.label}` : "";
    return {
      value: label,
      confidence: round(confidence),
      source: "learned",
      reason: `Learned from the organisation's labelled tickets: it reads most like ${label}${close}.`,
    };
  }
  return (
    fromKnownAreas(ticket, text, areas) ?? {
      value: null,
      confidence: 0,
      source: "none",
      reason: "No labelled history and no known product area matches, so no topic yet.",
    }
  );
}
