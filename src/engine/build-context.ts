/**
 * Everything the candidate scorers share, computed once per analysis: which texts each ticket holds and
 * who wrote them, the journey cues in them, and how closely each item matches the problem.
 */
import type { Ticket } from "../domain/case-bundle.ts";
import type { EvidenceIndex } from "./build-evidence-index.ts";
import type { ProblemProfile } from "./build-problem-profile.ts";
import {
  type AuthoredText,
  type CueMatch,
  findCues,
  findDefectStatements,
  findExonerations,
} from "./detect-cues.ts";
import { identifierWords } from "./extract-identifiers.ts";
import { type ChangeMention, findChangeMentions } from "./find-change-mentions.ts";
import { accountScope } from "./find-scope-mismatch.ts";
import { coverage } from "./measure-similarity.ts";
import { toTime, type Workset } from "./prepare-workset.ts";
import { countTerms, stemWord } from "./tokenize-text.ts";
import type { ExcludedHypothesis } from "./types.ts";

const DAY = 86_400_000;
/** Tickets scanned for journey cues beyond the episode and its look-alikes. */
const CUE_SCAN_LIMIT = 200;

/** Shared, precomputed facts for scoring candidates. */
export interface AnalysisContext {
  readonly ws: Workset;
  readonly profile: ProblemProfile;
  /** BM25 relevance to the problem, 0..1 within each kind. */
  readonly relevance: ReadonlyMap<string, number>;
  readonly focus: ReadonlySet<string>;
  readonly prior: ReadonlySet<string>;
  /** Journey cues per ticket id. */
  readonly cues: ReadonlyMap<string, readonly CueMatch[]>;
  /** Cues in the escalation summary. */
  readonly summaryCues: readonly CueMatch[];
  /** Sentences from the episode saying our side works as designed. */
  readonly exonerations: readonly { id: string; sentence: string }[];
  /** Agent sentences from the episode saying our side is broken. */
  readonly defects: readonly { id: string; sentence: string }[];
  /** How much of each ticket, related escalation or knowledge item is about the problem (0..1). */
  readonly topical: ReadonlyMap<string, number>;
  /**
   * How close each ticket's whole text (comments included) is to the problem, 0..1; a ticket naming a
   * field the problem is about (start_date for "start date") counts as close.
   */
  readonly ticketCloseness: ReadonlyMap<string, number>;
  readonly exclude: readonly ExcludedHypothesis[];
  /** Ids cited by rejected hypotheses: weaker evidence on a re-run. */
  readonly rejectedIds: ReadonlySet<string>;
  /** Per-analysis memo for lookups repeated across candidates (keyed by purpose). */
  readonly memo: Map<string, readonly { id: string; match: number }[]>;
  /** What each knowledge item is about (title, root cause, tags), as stemmed terms. */
  readonly knowledgeAbout: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Sentences of the summary and the episode's tickets that refer to a change, with their stance. */
  readonly mentions: readonly ChangeMention[];
  /** The regions, platforms and deployments the account runs, by family. */
  readonly scope: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The texts of a ticket with their authors. */
export function authoredTexts(t: Ticket): AuthoredText[] {
  const out: AuthoredText[] = [
    { text: t.subject, author: "text" },
    { text: t.description ?? "", author: "text" },
    { text: t.resolution ?? "", author: "agent" },
  ];
  for (const c of t.comments ?? []) {
    const author = c.author === "customer" || c.author === "system" ? c.author : "agent";
    out.push({ text: c.body, author });
  }
  return out;
}

function computeTopical(ws: Workset, profile: ProblemProfile): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of ws.items.values()) {
    if (item.kind !== "change") out.set(item.id, coverage(ws, item.headTerms, profile.terms));
  }
  return out;
}

function namesProblemField(ws: Workset, profile: ProblemProfile, id: string): boolean {
  return (ws.items.get(id)?.identifiers ?? []).some((i) => {
    if (i.kind !== "code" || !/[_a-z][A-Z]|_/.test(i.text)) return false;
    const words = identifierWords(i).map(stemWord);
    return words.length >= 2 && words.every((w) => (profile.terms.get(w) ?? 0) >= 1);
  });
}

function computeCloseness(
  ws: Workset,
  profile: ProblemProfile,
  topical: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of ws.tickets) {
    const item = ws.items.get(t.id);
    const full = item ? coverage(ws, item.terms, profile.terms) : 0;
    const field = namesProblemField(ws, profile, t.id) ? 0.4 : 0;
    out.set(t.id, Math.max(topical.get(t.id) ?? 0, full, field));
  }
  return out;
}

function ticketsToScan(ws: Workset, index: EvidenceIndex, topical: ReadonlyMap<string, number>): Ticket[] {
  const keep = new Set([...index.profile.focusIds, ...index.profile.priorIds]);
  const start = toTime(ws.bundle.account.contractStart);
  const ranked = ws.tickets
    .filter((t) => !keep.has(t.id) && toTime(t.createdAt) >= ws.openedAt - 365 * DAY)
    .map((t) => {
      const early = Number.isFinite(start) && toTime(t.createdAt) <= start + 120 * DAY ? 0.3 : 0;
      return { t, s: (topical.get(t.id) ?? 0) + (index.relevance.get(t.id) ?? 0) + early };
    })
    .sort((a, b) => b.s - a.s || a.t.id.localeCompare(b.t.id))
    .slice(0, CUE_SCAN_LIMIT);
  for (const { t } of ranked) keep.add(t.id);
  return ws.tickets.filter((t) => keep.has(t.id));
}

/** Builds the shared context for one analysis. */
export function buildContext(index: EvidenceIndex, exclude: readonly ExcludedHypothesis[]): AnalysisContext {
  const { workset: ws, profile } = index;
  const topical = computeTopical(ws, profile);
  const focus = new Set(profile.focusIds);
  const cues = new Map<string, readonly CueMatch[]>();
  const exonerations: { id: string; sentence: string }[] = [];
  const defects: { id: string; sentence: string }[] = [];
  for (const t of ticketsToScan(ws, index, topical)) {
    const texts = authoredTexts(t);
    cues.set(t.id, findCues(texts));
    if (!focus.has(t.id)) continue;
    for (const sentence of findExonerations(texts)) exonerations.push({ id: t.id, sentence });
    for (const sentence of findDefectStatements(texts)) defects.push({ id: t.id, sentence });
  }
  const episode = ws.tickets.filter((t) => focus.has(t.id));
  return {
    ws,
    profile,
    mentions: findChangeMentions(ws, new Set([...profile.focusIds, ...profile.priorIds])),
    scope: accountScope(ws.bundle.account.attributes ?? {}, [
      ws.bundle.escalation.summary,
      ...episode.flatMap((t) => authoredTexts(t).map((a) => a.text)),
    ]),
    relevance: index.relevance,
    focus,
    prior: new Set(profile.priorIds),
    cues,
    summaryCues: findCues([{ text: ws.bundle.escalation.summary, author: "text" }]),
    exonerations,
    defects,
    topical,
    ticketCloseness: computeCloseness(ws, profile, topical),
    exclude,
    rejectedIds: new Set(exclude.flatMap((h) => h.evidence)),
    memo: new Map(),
    knowledgeAbout: new Map(
      ws.knowledge.map((k) => [
        k.id,
        countTerms(`${k.title} ${k.rootCause ?? ""} ${(k.tags ?? []).join(" ")}`),
      ]),
    ),
  };
}
