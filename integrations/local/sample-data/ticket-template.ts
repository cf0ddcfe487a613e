/**
 * Background ticket templates: everyday tickets per product area with {placeholders} the generator fills
 * ({n}, {m}, {big}, {pct}, {secs}, {person}, {field}, {ref}, {inv}, {day}, {time}, {fr}, {eng}).
 */
import type { CommentDraft, TicketDraft } from "./types.ts";

/** What kind of ticket a template is; calm kinds may appear anywhere, even inside a live pattern. */
export type TicketKind = "how-to" | "question" | "feature" | "bug" | "performance" | "error";

/** Kinds that never look like an incident. */
export const CALM_KINDS: readonly TicketKind[] = ["how-to", "question", "feature"];

/** One everyday ticket shape. */
export interface TicketTemplate {
  area: string;
  kind: TicketKind;
  priorities: TicketDraft["priority"][];
  tags: string[];
  subject: string;
  description: string;
  resolution: string;
  /** The conversation in order; the generator keeps a prefix of it. */
  comments: { author: CommentDraft["author"]; body: string }[];
}

const AUTHORS = { a: "agent", c: "customer", e: "engineering" } as const;
const PRIORITIES: readonly string[] = ["low", "normal", "high", "urgent"];

function isPriority(p: string): p is TicketDraft["priority"] {
  return PRIORITIES.includes(p);
}

/**
 * Builds a template. `priorities` and `tags` are space-separated; each comment starts with its author:
 * "a:" agent, "c:" customer, "e:" engineering.
 */
export function t(
  area: string,
  kind: TicketKind,
  priorities: string,
  tags: string,
  subject: string,
  description: string,
  resolution: string,
  ...comments: string[]
): TicketTemplate {
  return {
    area,
    kind,
    priorities: priorities.split(" ").map((p) => {
      if (!isPriority(p)) throw new Error(`unknown priority "${p}" in template "${subject}"`);
      return p;
    }),
    tags: [area, ...tags.split(" ").filter(Boolean)],
    subject,
    description,
    resolution,
    comments: comments.map((c) => {
      const author = AUTHORS[c.slice(0, 1) as keyof typeof AUTHORS];
      if (!author || c[1] !== ":") throw new Error(`comment must start with a:, c: or e: - "${c}"`);
      return { author, body: c.slice(2) };
    }),
  };
}
