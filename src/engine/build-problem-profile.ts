/**
 * Works out what the escalation is about: which tickets belong to this episode, the vocabulary and exact
 * strings of its symptoms, when it started, and which earlier contacts look like it.
 */
import type { Ticket } from "../domain/case-bundle.ts";
import { isSpeculative, isSpeculativeTicket } from "./classify-sentences.ts";
import { extractIdentifiers, type Identifier } from "./extract-identifiers.ts";
import { chooseOnset, type DatedText, findStartMentions, type StartMention } from "./find-onset.ts";
import { coverage } from "./measure-similarity.ts";
import { toTime, type Workset } from "./prepare-workset.ts";
import { addEpisodeTickets, expandEpisode, isUnfixedSymptom, selectCore } from "./select-episode.ts";
import { countTerms, splitSentences } from "./tokenize-text.ts";

const DAY = 86_400_000;

/** The escalation's problem as the engine understands it. */
export interface ProblemProfile {
  /** Weighted stemmed terms of the summary and the episode's tickets (guesses left out). */
  readonly terms: ReadonlyMap<string, number>;
  /** Exact strings from the symptoms: error messages, codes, field names. */
  readonly identifiers: readonly Identifier[];
  /** Tickets of this episode, most relevant first. */
  readonly focusIds: readonly string[];
  /** When the problem started (epoch ms). */
  readonly onset: number;
  /**
   * How long after `onset` the problem may still have begun (ms): 0 when known to the hour, a day for a
   * day named without a time ("since Jun 9"), a day and a half for a night ("last night").
   */
  readonly onsetSpan: number;
  /** The ticket whose creation or text fixed the onset. */
  readonly onsetEvidence?: string;
  readonly onsetMention?: StartMention;
  /** Earlier, already-closed tickets that look like this problem, most similar first. */
  readonly priorIds: readonly string[];
  /** The earlier contacts that reported the same kind of failure and were never fixed: the symptom predates them. */
  readonly earlySymptomIds: readonly string[];
  /** Tags of the episode's tickets. */
  readonly tags: ReadonlySet<string>;
}

interface WeightedText {
  readonly text: string;
  readonly weight: number;
  /** Whether exact strings are read from it; executive summaries quote people, not error messages. */
  readonly literal: boolean;
}

function ticketTexts(t: Ticket): WeightedText[] {
  const base = isSpeculativeTicket(t.subject, t.description) ? 0.3 : 1;
  const out: WeightedText[] = [
    { text: t.subject, weight: base, literal: true },
    { text: t.description ?? "", weight: base, literal: true },
    { text: t.resolution ?? "", weight: 0.5 * base, literal: true },
  ];
  for (const c of t.comments ?? []) {
    if (c.author === "system") continue;
    out.push({ text: c.body, weight: (c.author === "customer" ? 0.8 : 1) * base, literal: true });
  }
  return out;
}

function accumulate(texts: readonly WeightedText[]): { terms: Map<string, number>; ids: Identifier[] } {
  const terms = new Map<string, number>();
  const ids = new Map<string, Identifier>();
  for (const { text, weight, literal } of texts) {
    const kept = splitSentences(text)
      .filter((s) => !isSpeculative(s))
      .join(" ");
    for (const [term, count] of countTerms(kept)) {
      terms.set(term, (terms.get(term) ?? 0) + weight * Math.min(2, count));
    }
    if (literal && weight >= 0.5)
      for (const i of extractIdentifiers(kept)) if (!ids.has(i.key)) ids.set(i.key, i);
  }
  return { terms, ids: [...ids.values()] };
}

function datedTexts(ws: Workset, focus: readonly Ticket[]): DatedText[] {
  const out: DatedText[] = [{ text: ws.bundle.escalation.summary, at: ws.openedAt }];
  for (const t of focus) {
    const at = toTime(t.createdAt);
    out.push({ text: `${t.subject}. ${t.description ?? ""}`, at, evidenceId: t.id });
    for (const c of t.comments ?? []) out.push({ text: c.body, at: toTime(c.at), evidenceId: t.id });
  }
  return out;
}

function findPrior(
  ws: Workset,
  focusIds: ReadonlySet<string>,
  terms: ReadonlyMap<string, number>,
  onset: number,
  summaryRelevance: ReadonlyMap<string, number>,
): Ticket[] {
  return ws.tickets
    .filter(
      (t) => !focusIds.has(t.id) && toTime(t.createdAt) < onset && toTime(t.createdAt) >= onset - 365 * DAY,
    )
    .map((t) => {
      const sim = coverage(ws, ws.items.get(t.id)?.headTerms ?? new Map(), terms);
      const rel = toTime(t.createdAt) >= onset - 120 * DAY ? (summaryRelevance.get(t.id) ?? 0) : 0;
      return { t, sim: Math.max(sim, rel >= 0.35 ? 0.3 + 0.2 * rel : 0) };
    })
    .filter((x) => x.sim >= 0.3)
    .sort((a, b) => b.sim - a.sim || a.t.id.localeCompare(b.t.id))
    .slice(0, 10)
    .map((x) => x.t);
}

function spanOf(mention: StartMention | undefined): number {
  if (!mention || mention.precise) return 0;
  return /\b(?:night|evening|overnight)\b/i.test(mention.phrase) ? 1.5 * DAY : DAY;
}

/**
 * Builds the problem profile from the escalation summary and `summaryRelevance` (each ticket's BM25
 * relevance to the summary, 0..1).
 */
export function buildProblemProfile(
  ws: Workset,
  summaryRelevance: ReadonlyMap<string, number>,
): ProblemProfile {
  const core = selectCore(ws, summaryRelevance);
  const episode = [...core, ...expandEpisode(ws, core)];
  const focus = episode.length > 0 ? addEpisodeTickets(ws, episode, summaryRelevance) : [];
  focus.sort((a, b) => (summaryRelevance.get(b.id) ?? 0) - (summaryRelevance.get(a.id) ?? 0));
  const texts: WeightedText[] = [
    { text: ws.bundle.escalation.summary, weight: 1.5, literal: false },
    ...focus.flatMap(ticketTexts),
  ];
  const first = accumulate(texts);
  const firstTicket = focus.reduce<Ticket | undefined>(
    (a, t) => (!a || toTime(t.createdAt) < toTime(a.createdAt) ? t : a),
    undefined,
  );
  const firstAt = firstTicket ? toTime(firstTicket.createdAt) : ws.openedAt;
  const onset = chooseOnset(firstAt, findStartMentions(datedTexts(ws, focus)));
  const focusIds = new Set(focus.map((t) => t.id));
  const onsetEvidence = onset.mention?.evidenceId ?? firstTicket?.id;
  const prior = findPrior(ws, focusIds, first.terms, onset.at, summaryRelevance);
  const early = prior.filter(isUnfixedSymptom);
  // Unfixed look-alike reports often describe the symptom better than the executive summary does.
  const feedback = early.flatMap(ticketTexts).map((w) => ({ ...w, weight: w.weight * 0.5, literal: false }));
  const { terms } = accumulate([...texts, ...feedback]);
  return {
    terms,
    identifiers: first.ids,
    focusIds: focus.map((t) => t.id),
    onset: onset.at,
    onsetSpan: spanOf(onset.mention),
    ...(onsetEvidence ? { onsetEvidence } : {}),
    ...(onset.mention ? { onsetMention: onset.mention } : {}),
    priorIds: prior.map((t) => t.id),
    earlySymptomIds: early.map((t) => t.id),
    tags: new Set(focus.flatMap((t) => t.tags ?? []).filter((tag) => tag !== "escalation")),
  };
}
