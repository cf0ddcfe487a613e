/**
 * Scores customer-journey and process causes from the ticket trail: one candidate per category, led by
 * the ticket with the strongest cues (a usage notice, an unfinished rollout, a promise in the proposal,
 * a ticket bounced between queues), weighted by how close each ticket is to the escalation's problem.
 */
import type { AnalysisContext } from "./build-context.ts";
import { type CueMatch, JOURNEY_CATEGORIES, type JourneyCategory } from "./detect-cues.ts";
import { knowledgeOfCategory } from "./link-support.ts";
import { attributeKeysNamedIn } from "./match-attributes.ts";
import { coverage } from "./measure-similarity.ts";
import { toTime } from "./prepare-workset.ts";
import { priorFeature } from "./score-category-features.ts";
import { countTerms } from "./tokenize-text.ts";
import type { Candidate, FeatureValue } from "./types.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface CueRow {
  readonly id: string;
  /** Cue strength weighted by how close the ticket is to the problem. */
  readonly value: number;
  /** Cue strength alone, for choosing which ticket leads. */
  readonly strength: number;
  readonly labels: readonly string[];
}

/**
 * How much a cue ticket bears on this problem: episode tickets fully, look-alikes nearly so, others by
 * how close their text, or the cue sentences themselves ("replenishment marked post go-live"), are.
 */
function placement(ctx: AnalysisContext, id: string, cues: readonly CueMatch[]): number {
  if (ctx.focus.has(id)) return 1;
  if (ctx.prior.has(id)) return 0.9;
  const said = coverage(ctx.ws, countTerms(cues.map((m) => m.sentence).join(" ")), ctx.profile.terms);
  return Math.max(0.25, Math.min(1, 2.5 * Math.max(ctx.ticketCloseness.get(id) ?? 0, said)));
}

function cueRows(ctx: AnalysisContext, category: JourneyCategory): CueRow[] {
  const rows: CueRow[] = [];
  for (const [id, matches] of ctx.cues) {
    const mine = matches.filter((m) => m.category === category);
    if (mine.length === 0) continue;
    const strength = Math.min(
      3,
      mine.reduce((s, m) => s + m.weight, 0),
    );
    rows.push({ id, value: strength * placement(ctx, id, mine), strength, labels: mine.map((m) => m.label) });
  }
  return rows.sort((a, b) => b.value - a.value || a.id.localeCompare(b.id));
}

/** The ticket that best shows the cause: strong cues first, closeness to the problem second. */
function leadRow(rows: readonly CueRow[]): CueRow | undefined {
  const key = (r: CueRow) => r.strength * 0.5 + r.value * 0.5;
  return [...rows].sort((a, b) => key(b) - key(a) || a.id.localeCompare(b.id))[0];
}

function trailFeatures(rows: readonly CueRow[], summary: readonly CueMatch[]): FeatureValue[] {
  const [a, b, c] = rows;
  const value = (a?.value ?? 0) + 0.6 * (b?.value ?? 0) + 0.4 * (c?.value ?? 0);
  const shown = rows.slice(0, 3).map((r) => `${r.id} (${r.labels.slice(0, 2).join(", ")})`);
  const out: FeatureValue[] = [
    {
      name: "trail.cues",
      value,
      note: `ticket trail: ${shown.join("; ")}`,
      evidence: rows.slice(0, 3).map((r) => r.id),
    },
  ];
  // The summary is the executive's own framing of the problem.
  const fromSummary = Math.min(
    2,
    summary.reduce((s, m) => s + m.weight, 0),
  );
  if (fromSummary > 0)
    out.push({
      name: "trail.summary",
      value: fromSummary,
      note: `the summary says so ("${summary[0]?.sentence}")`,
    });
  return out;
}

/** A staff or system note in the episode itself that states this kind of cause: the strongest trail evidence. */
function diagnosis(ctx: AnalysisContext, category: JourneyCategory): FeatureValue | undefined {
  let best: { id: string; m: CueMatch } | undefined;
  for (const id of ctx.profile.focusIds) {
    for (const m of ctx.cues.get(id) ?? []) {
      if (m.category !== category || (m.author !== "agent" && m.author !== "system")) continue;
      if (!best || m.weight > best.m.weight) best = { id, m };
    }
  }
  if (!best) return undefined;
  return {
    name: "trail.diagnosis",
    value: Math.min(1.5, best.m.weight),
    note: `${best.id} records it: "${best.m.sentence}"`,
    evidence: [best.id],
  };
}

function monthsSinceStart(ctx: AnalysisContext): number | undefined {
  const attrs = ctx.ws.bundle.account.attributes ?? {};
  const goLive = Object.entries(attrs).find(([k, v]) => /go.?live|launch/i.test(k) && typeof v === "string");
  const start = toTime(goLive ? String(goLive[1]) : ctx.ws.bundle.account.contractStart);
  return Number.isFinite(start) ? (ctx.ws.openedAt - start) / (30 * DAY) : undefined;
}

function adoptionGap(ctx: AnalysisContext): string | undefined {
  const attrs = ctx.ws.bundle.account.attributes ?? {};
  const num = (re: RegExp) => Object.entries(attrs).find(([k, v]) => re.test(k) && typeof v === "number");
  const used = num(/enrol|active|used|deployed|installed/i);
  const bought = num(/licen[cs]ed|contracted|purchased|seats/i);
  if (!used || !bought || Number(bought[1]) <= 0) return undefined;
  return Number(used[1]) / Number(bought[1]) < 0.6
    ? `${used[0]}=${used[1]} of ${bought[0]}=${bought[1]}`
    : undefined;
}

function howToTrail(ctx: AnalysisContext): string[] {
  return ctx.ws.tickets
    .filter((t) => (t.tags ?? []).includes("how-to") || /^(?:how|where|what|can we|do we)\b/i.test(t.subject))
    .filter((t) => (ctx.topical.get(t.id) ?? 0) >= 0.1 && toTime(t.createdAt) <= ctx.profile.onset)
    .map((t) => t.id);
}

function onboardingExtras(ctx: AnalysisContext): FeatureValue[] {
  const out: FeatureValue[] = [];
  const months = monthsSinceStart(ctx);
  if (months !== undefined && months <= 8) {
    out.push({
      name: "onboarding.lifecycle",
      value: months <= 4 ? 1 : 0.5,
      note: `${Math.max(0, Math.round(months))} months since go-live or contract start`,
    });
  }
  const trail = howToTrail(ctx);
  if (trail.length > 0) {
    out.push({
      name: "onboarding.how-to",
      value: Math.min(3, trail.length),
      note: `how-to questions on the same topic (${trail.join(", ")})`,
      evidence: trail.slice(0, 3),
    });
  }
  const gap = adoptionGap(ctx);
  if (gap)
    out.push({
      name: "onboarding.adoption",
      value: 1,
      note: `only part of what was bought is in use (${gap})`,
    });
  return out;
}

function extras(ctx: AnalysisContext, category: JourneyCategory, rows: readonly CueRow[]): FeatureValue[] {
  const count = (label: string) => rows.filter((r) => r.labels.includes(label)).length;
  switch (category) {
    case "onboarding_gap":
      return onboardingExtras(ctx);
    case "usage_growth": {
      const out: FeatureValue[] = [];
      if (count("usage notice") + count("limit reached") >= 2)
        out.push({ name: "usage.notices", value: 1, note: "repeated usage notices before the failure" });
      const keys = attributeKeysNamedIn(ctx.ws.bundle.account.attributes, ctx.profile.terms);
      if (keys.some((k) => /limit|allowance|quota|max|cap/i.test(k)))
        out.push({
          name: "usage.plan-attribute",
          value: 1,
          note: `the account's ${keys.join(", ")} is what the tickets talk about`,
        });
      return out;
    }
    case "expectation_mismatch":
      return rows.length >= 2
        ? [{ name: "mismatch.repeated", value: 1, note: "the customer raised the gap more than once" }]
        : [];
    case "process_failure": {
      const labels = new Set(rows.filter((r) => ctx.focus.has(r.id)).flatMap((r) => r.labels));
      return labels.size >= 3
        ? [
            {
              name: "process.handoffs",
              value: 1,
              note: `${labels.size} kinds of handling failure in the episode`,
            },
          ]
        : [];
    }
    case "data_quality":
      return ctx.exonerations.length > 0
        ? [
            {
              name: "data.computation-right",
              value: 1,
              note: `our calculation is right for the stored data ("${ctx.exonerations[0]?.sentence}")`,
              evidence: [ctx.exonerations[0]?.id ?? ""],
            },
          ]
        : [];
    default:
      return [];
  }
}

function knowledgeFeature(ctx: AnalysisContext, category: JourneyCategory): FeatureValue | undefined {
  const links = knowledgeOfCategory(ctx, category);
  const best = links[0];
  if (!best) return undefined;
  return {
    name: "trail.knowledge",
    value: best.match,
    note: `${best.id} describes the same symptoms`,
    evidence: links.slice(0, 2).map((l) => l.id),
  };
}

function candidateFor(ctx: AnalysisContext, category: JourneyCategory): Candidate | undefined {
  const rows = cueRows(ctx, category);
  const lead = leadRow(rows);
  if (!lead) return undefined;
  const summaryCues = ctx.summaryCues.filter((m) => m.category === category);
  const features: FeatureValue[] = [
    priorFeature(category),
    ...trailFeatures(rows, summaryCues),
    ...extras(ctx, category, rows),
  ];
  for (const f of [diagnosis(ctx, category), knowledgeFeature(ctx, category), noChangeFits(ctx)])
    if (f) features.push(f);
  if (ctx.rejectedIds.has(lead.id))
    features.push({
      name: "trail.rejected",
      value: 1,
      note: `${lead.id} was cited by a rejected hypothesis`,
    });
  const byValue = rows.filter((r) => r.id !== lead.id).map((r) => r.id);
  // The episode's own ticket follows the lead: it is where the symptom and often the diagnosis are.
  const episode = ctx.profile.focusIds.find((id) => id !== lead.id);
  const support = [
    ...(episode ? [episode] : []),
    ...byValue.slice(0, 2),
    ...features.flatMap((f) => f.evidence ?? []),
  ].filter((id) => id && id !== lead.id);
  return {
    causalId: lead.id,
    category,
    origin: "journey",
    features,
    support: [...support, ...ctx.profile.focusIds],
    against: [],
  };
}

/** True when no change landed in the week before the onset on the problem's topic. */
function noChangeFits(ctx: AnalysisContext): FeatureValue | undefined {
  const fits = ctx.ws.changes.some((c) => {
    const lead = ctx.profile.onset - toTime(c.at);
    const item = ctx.ws.items.get(c.id);
    return (
      lead >= -HOUR &&
      lead <= 7 * DAY &&
      item !== undefined &&
      coverage(ctx.ws, item.terms, ctx.profile.terms) >= 0.25
    );
  });
  return fits
    ? undefined
    : {
        name: "trail.no-change-fits",
        value: 1,
        note: "no change landed shortly before the onset on this topic",
      };
}

/** Candidates for the journey and process categories, at most one per category. */
export function scoreJourneyCandidates(ctx: AnalysisContext): Candidate[] {
  return JOURNEY_CATEGORIES.map((c) => candidateFor(ctx, c)).filter((c): c is Candidate => c !== undefined);
}
