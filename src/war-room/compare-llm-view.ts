/**
 * The LLM's view beside the evidence engine's hypotheses already in the room: whether its top cause is the
 * room's #1, and which of its hypotheses are new. Pure: the job that asks the LLM stores what this returns.
 */
import type { Hypothesis } from "../domain/analysis.ts";

/** What the LLM adds to a round. */
export interface LlmView {
  /** Whether the LLM's top cause is the room's #1. */
  agrees: boolean;
  /** One or two sentences for the summary. */
  note: string;
  /** Its hypotheses that nothing in the room covers yet, in its order. */
  added: Omit<Hypothesis, "rank">[];
}

const causalItem = (h: Hypothesis) => h.evidence[0];

/**
 * The room's hypothesis that stands for `h`: the same causal item and category, else the same category,
 * else the same causal item. Either alone counts, so the LLM never adds a near-twin of a card people read.
 */
function matchOf(h: Hypothesis, shown: Hypothesis[]): Hypothesis | undefined {
  return (
    shown.find((s) => causalItem(s) === causalItem(h) && s.category === h.category) ??
    shown.find((s) => s.category === h.category) ??
    shown.find((s) => causalItem(s) === causalItem(h))
  );
}

/**
 * Compares the LLM's ranked hypotheses with the round's (`round`, ranked; `earlier` are other rounds', so
 * a rejected cause is not proposed again).
 */
export function compareLlmView(llm: Hypothesis[], round: Hypothesis[], earlier: Hypothesis[] = []): LlmView {
  const [top] = llm;
  const first = round.find((h) => h.rank === Math.min(...round.map((r) => r.rank)));
  const added = llm
    .filter((h) => !matchOf(h, [...round, ...earlier]))
    .map(({ rank: _rank, ...rest }) => rest);
  if (!top || !first) return { agrees: false, note: "The LLM proposed nothing usable.", added: [] };
  const match = matchOf(top, round);
  const agrees = match === first;
  const named = `"${top.title}" (${top.category}, citing ${causalItem(top)})`;
  const where = match
    ? `#${match.rank} here (${match.title})`
    : `${named}${added.some((h) => h.title === top.title) ? ", posted below" : ", an earlier round's"}`;
  const head = agrees
    ? `LLM view: agrees — its top cause is also #${first.rank} (${first.title}).`
    : `LLM view: differs — its top cause is ${where}, not #${first.rank}.`;
  const more =
    added.length === 0
      ? " It adds no other hypothesis."
      : ` It adds ${added.length} hypothesis${added.length === 1 ? "" : "es"}, posted below.`;
  return { agrees, note: `${head}${more}`, added };
}
