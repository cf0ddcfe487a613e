/**
 * What kind of failure the episode describes, which tells the categories of our own changes apart: a
 * defect makes things go wrong (data dropped, doubled or wrong, crashes), an intended change refuses or
 * behaves differently by rule (no longer accepted, now requires, a limit or policy named in the error),
 * and our infrastructure makes things slow or unavailable (timeouts, 503s, queues).
 */
import type { Category } from "../domain/categories.ts";
import type { AnalysisContext } from "./build-context.ts";
import { splitSentences } from "./tokenize-text.ts";

type Signals = readonly (readonly [RegExp, number])[];

const MALFUNCTION: Signals = [
  [
    /\b(?:dropp(?:ed|ing)|lost|skipped|silently|missing|disappear\w*|never arriv\w*|not (?:updat|sav|stor|sync|appl)\w*)\b/i,
    0.5,
  ],
  [
    /\b(?:duplicat\w*|twice|doubled|double-?counted|repeated(?:ly)? sent|wrong (?:amount|value|total|time|date|number)s?|off by|incorrect(?:ly)?|1\/100|miscalculat\w*|truncat\w*|corrupt\w*|garbled)\b/i,
    0.7,
  ],
  [/\b(?:crash\w*|exception|stack trace|null|nan|500 internal|regression|bug)\b/i, 0.5],
];

const POLICY: Signals = [
  [
    /\b(?:no longer (?:supported|accepted|available|allowed)|not (?:accepted|allowed|permitted)|deprecat\w*|retired|sunset|end of life)\b/i,
    1,
  ],
  [
    /\b(?:now (?:requires?|rejects?|enforces?|limits?)|requires? (?:a|an|the) (?:new|different)|new (?:limit|policy|ceiling|default|requirement|format)|as announced|per the (?:announcement|changelog|notice))\b/i,
    0.8,
  ],
  [
    /\b(?:policy|ceiling|per-(?:key|user|account|org)|scope|default(?:s|ed)?|expected (?:format|value)|unparseable|not (?:recogni[sz]ed|valid) (?:format|value))\b/i,
    0.4,
  ],
];

const UNAVAILABLE: Signals = [
  [
    /\b(?:time[sd]? ?out|timing out|503|502|504|unavailable|down(?:time)?|outage|unreachable|connection (?:refused|reset))\b/i,
    0.7,
  ],
  [/\b(?:slow\w*|latency|lag\w*|queued|waiting|backlog|delay\w*|p9\d|seconds to load|crawl\w*)\b/i, 0.6],
];

function strength(signals: Signals, text: string): number {
  return Math.min(
    1,
    signals.reduce((sum, [re, w]) => sum + (re.test(text) ? w : 0), 0),
  );
}

/** How strongly the episode's symptoms read as each category of our own changes (0..1). */
export function readSymptomNature(ctx: AnalysisContext): Partial<Record<Category, number>> {
  const focus = new Set(ctx.profile.focusIds);
  const texts = [ctx.ws.bundle.escalation.summary];
  for (const t of ctx.ws.tickets) {
    if (!focus.has(t.id)) continue;
    texts.push(t.subject, t.description ?? "", ...(t.comments ?? []).map((c) => c.body));
  }
  const text = texts.flatMap((x) => splitSentences(x)).join(" ");
  return {
    product_defect: strength(MALFUNCTION, text),
    vendor_change: strength(POLICY, text),
    infrastructure: strength(UNAVAILABLE, text),
  };
}
