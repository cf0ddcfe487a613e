/**
 * Measures every change around the account as a possible cause, the way an analyst would: did it land
 * just before the symptoms began or after they had started, does it touch what is failing (shared words,
 * exact error strings, the account's own setup), can it reach this account at all (its region, platform,
 * plan), what do people in the tickets say about it, and do knowledge and other accounts back it. A change
 * of ours yields one candidate per category it could be; what it is decides which of them leads.
 */
import type { Change } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";
import type { AnalysisContext } from "./build-context.ts";
import { findDisclaimers } from "./classify-change.ts";
import { changeScope, compareScope } from "./find-scope-mismatch.ts";
import { knowledgeAboutChange, relatedAfterChange, relatedDescribingChange } from "./link-support.ts";
import { attributesNamedIn } from "./match-attributes.ts";
import { identifierFeature } from "./match-identifiers.ts";
import { coverage } from "./measure-similarity.ts";
import { toTime } from "./prepare-workset.ts";
import { possibleCategories, readChangeNature } from "./read-change-nature.ts";
import { readSymptomNature } from "./read-symptom-nature.ts";
import { categoryFeatures, priorFeature } from "./score-category-features.ts";
import { stemWord } from "./tokenize-text.ts";
import type { Candidate, EvidenceItem, FeatureValue } from "./types.ts";
import { joinList, listWithVerb } from "./write-words.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function timing(ctx: AnalysisContext, change: Change): FeatureValue[] {
  const at = toTime(change.at);
  const lead = ctx.profile.onset - at;
  const onsetDay = new Date(ctx.profile.onset).toISOString().slice(0, 10);
  if (at > ctx.ws.openedAt)
    return [
      {
        name: "change.after-escalation",
        value: 1,
        note: `${change.id} landed after the escalation was opened`,
      },
    ];
  // A day named without a time ("since Jun 9", "last night") covers that day and the night after it.
  if (lead < -HOUR - ctx.profile.onsetSpan) {
    const against = ctx.profile.onsetEvidence ? [ctx.profile.onsetEvidence] : [];
    const days = Math.round(-lead / DAY);
    return [
      {
        name: "change.after-onset",
        value: 1,
        note: `${change.id} landed ${days >= 1 ? `${days} day${days === 1 ? "" : "s"}` : "hours"} after the problem began (${onsetDay})`,
        against,
      },
    ];
  }
  const hours = Math.max(0, Math.round(lead / HOUR));
  const when = lead <= 2 * DAY ? `${hours}h` : `${Math.round(lead / DAY)} days`;
  const note = `${change.id} landed ${when} before the first symptom (${onsetDay})`;
  const out: FeatureValue[] = [
    { name: "change.lead-time", value: 0.5 ** (Math.max(0, lead) / (2 * DAY)), note },
  ];
  if (lead <= 7 * DAY) out.push({ name: "change.within-week", value: 1, note });
  return out;
}

function topic(ctx: AnalysisContext, item: EvidenceItem): FeatureValue {
  const c = coverage(ctx.ws, item.terms, ctx.profile.terms);
  return {
    name: "change.topic",
    value: c,
    note: `${Math.round(c * 100)}% of its wording matches the symptoms`,
  };
}

/** Unfixed reports of the same failure from before the change mean the change cannot have started it. */
function predates(ctx: AnalysisContext, change: Change): FeatureValue | undefined {
  const at = toTime(change.at);
  const earlier = ctx.profile.earlySymptomIds.filter((id) => (ctx.ws.items.get(id)?.at ?? at) < at);
  if (earlier.length === 0) return undefined;
  return {
    name: "change.earlier-symptoms",
    value: 1,
    note: `${joinList(earlier.slice(0, 2))} reported the same kind of failure before ${change.id} landed`,
    against: earlier.slice(0, 2),
  };
}

function setup(ctx: AnalysisContext, item: EvidenceItem): FeatureValue | undefined {
  const named = attributesNamedIn(ctx.ws.bundle.account.attributes, item.lower, item.terms);
  if (named.length === 0) return undefined;
  return {
    name: "change.setup",
    value: Math.min(2, named.length),
    note: `it targets this account's setup (${named.join(", ")})`,
  };
}

function area(ctx: AnalysisContext, change: Change): FeatureValue | undefined {
  const areaTerms = (change.productArea ?? "")
    .split(/[^a-z0-9]+/i)
    .filter(Boolean)
    .map(stemWord);
  const tags = [...ctx.profile.tags].flatMap((t) => t.split(/[^a-z0-9]+/i)).map(stemWord);
  if (!areaTerms.some((t) => tags.includes(t))) return undefined;
  return {
    name: "change.area",
    value: 1,
    note: `its product area (${change.productArea}) is where the tickets are filed`,
  };
}

function scope(ctx: AnalysisContext, change: Change): FeatureValue | undefined {
  const verdict = compareScope(changeScope(change), ctx.scope);
  if (verdict.mismatch) return { name: "change.scope-mismatch", value: 1, note: verdict.mismatch };
  if (verdict.match) return { name: "change.scope-match", value: 1, note: verdict.match };
  return undefined;
}

function disclaimers(ctx: AnalysisContext, change: Change): FeatureValue | undefined {
  const found = findDisclaimers(change);
  if (found.length === 0) return undefined;
  const relevant = found.some((d) => d.terms.some((t) => (ctx.profile.terms.get(t) ?? 0) >= 0.8));
  const phrase = found.map((d) => `"${d.phrase}"`).join(", ");
  return relevant
    ? {
        name: "change.disclaims-symptom",
        value: 1,
        note: `its record says ${phrase}, which is the area that is failing`,
      }
    : { name: "change.disclaims-other", value: 1, note: `its record says ${phrase}` };
}

/** What the tickets say about the change: ruled out, tied to the symptom, or only blamed. */
function mentions(ctx: AnalysisContext, change: Change): FeatureValue[] {
  const mine = ctx.mentions.filter((m) => m.changeId === change.id);
  const out: FeatureValue[] = [];
  const ruling = mine.filter((m) => m.stance === "rules-out");
  if (ruling.length > 0) {
    const value = Math.min(
      2,
      ruling.reduce((s, m) => s + (m.voice === "staff" ? 1 : 0.5), 0),
    );
    out.push({
      name: "change.ruled-out",
      value,
      note: `${ruling[0]?.evidenceId ?? "the summary"} says "${ruling[0]?.sentence}"`,
      against: [...new Set(ruling.flatMap((m) => (m.evidenceId ? [m.evidenceId] : [])))],
    });
  }
  const tying = mine.filter((m) => m.stance === "implicates");
  if (tying.length > 0)
    out.push({
      name: "change.implicated",
      value: Math.min(2, tying.length),
      note: `${tying[0]?.evidenceId} says "${tying[0]?.sentence}"`,
      evidence: [...new Set(tying.flatMap((m) => (m.evidenceId ? [m.evidenceId] : [])))],
    });
  const blame = mine.find((m) => m.stance === "blames");
  if (blame)
    out.push({
      name: "change.blamed",
      value: 1,
      note: `it is the change the customer blames ("${blame.sentence}"), a suspicion rather than evidence`,
    });
  return out;
}

type KnowledgeLinks = ReturnType<typeof knowledgeAboutChange>;

function knowledge(ctx: AnalysisContext, links: KnowledgeLinks, category: Category): FeatureValue[] {
  const { matching, differing } = links;
  const categoryOf = (id: string) => ctx.ws.knowledge.find((k) => k.id === id)?.category;
  const same = matching.find((l) => categoryOf(l.id) === category);
  const other = matching.find((l) => categoryOf(l.id) !== category);
  const out: FeatureValue[] = [];
  if (same)
    out.push({
      name: "change.knowledge-same",
      value: same.match,
      note: `${same.id} describes the same symptoms for this kind of change`,
      evidence: [same.id],
    });
  if (other)
    out.push({
      name: "change.knowledge-other",
      value: other.match,
      note: `${other.id} describes these symptoms for it as ${categoryOf(other.id)}`,
      evidence: [other.id],
    });
  if (!same && !other && differing.length > 0) {
    const ids = differing.slice(0, 2).map((l) => l.id);
    out.push({
      name: "change.knowledge-differs",
      value: 1,
      note: `${listWithVerb(ids, "describes", "describe")} a different failure for it`,
      against: ids,
    });
  }
  return out;
}

/** Other accounts that reported our symptoms before a global or segment change landed were not hit by it. */
function othersBefore(ctx: AnalysisContext, change: Change): FeatureValue | undefined {
  if (change.scope === "account") return undefined;
  const at = toTime(change.at);
  const ids = ctx.ws.related
    .filter((r) => toTime(r.openedAt) < at - HOUR && toTime(r.openedAt) >= at - 30 * DAY)
    .filter((r) => (ctx.topical.get(r.id) ?? 0) >= 0.3 && !/^(resolved|closed)$/i.test(r.status ?? ""))
    .map((r) => r.id);
  if (ids.length === 0) return undefined;
  return {
    name: "change.others-before",
    value: 1,
    note: `${joinList(ids.slice(0, 2))} reported the same symptoms before ${change.id} landed`,
    against: ids.slice(0, 2),
  };
}

function relatedAfter(ctx: AnalysisContext, change: Change, item: EvidenceItem, category: Category) {
  const links =
    change.scope === "account"
      ? relatedDescribingChange(ctx, item.terms, category)
      : relatedAfterChange(ctx, toTime(change.at), item.terms, category);
  if (links.length === 0) return undefined;
  const ids = links.slice(0, 3).map((l) => l.id);
  const why =
    change.scope === "account"
      ? "the same symptoms after a similar change"
      : "the same symptoms since it landed";
  return {
    name: "change.related-after",
    value: Math.min(2, links.length),
    note: `${listWithVerb(ids, "reports", "report")} ${why}`,
    evidence: ids,
  } satisfies FeatureValue;
}

const DENIAL =
  /\b(?:we|i) (?:did not|didn't|have not|haven't|never) (?:change|touch|modify)\w*|\b(?:we )?changed nothing\b|\bnothing changed on our side\b/i;

function statements(ctx: AnalysisContext, change: Change, topical: boolean): FeatureValue | undefined {
  const ours = change.source === "vendor_deploy" || change.source === "vendor_config";
  if (ours && topical && ctx.exonerations.length > 0)
    return {
      name: "change.works-as-designed",
      value: 1,
      note: `the agent found our side working as designed ("${ctx.exonerations[0]?.sentence}")`,
      against: [...new Set(ctx.exonerations.map((e) => e.id))],
    };
  // A fault reproduced on our side counts for our deploys in that area, unless staff ruled this one out.
  const ruledOut = ctx.mentions.some(
    (m) => m.changeId === change.id && m.voice === "staff" && m.stance === "rules-out",
  );
  if (change.source === "vendor_deploy" && topical && ctx.defects.length > 0 && !ruledOut)
    return {
      name: "change.defect-found",
      value: 1,
      note: `the agent reproduced a fault on our side ("${ctx.defects[0]?.sentence}")`,
      evidence: [...new Set(ctx.defects.map((e) => e.id))],
    };
  if (change.source.startsWith("customer") && ctx.profile.focusIds.some((id) => denies(ctx, id)))
    return { name: "change.denied", value: 1, note: "the customer says nothing changed on their side" };
  return undefined;
}

function denies(ctx: AnalysisContext, ticketId: string): boolean {
  const t = ctx.ws.tickets.find((x) => x.id === ticketId);
  if (!t) return false;
  const texts = [
    t.description ?? "",
    ...(t.comments ?? []).filter((c) => c.author === "customer").map((c) => c.body),
  ];
  return texts.some((text) => DENIAL.test(text));
}

function rejection(ctx: AnalysisContext, change: Change): FeatureValue | undefined {
  if (!ctx.rejectedIds.has(change.id)) return undefined;
  return {
    name: "change.rejected",
    value: 1,
    note: `${change.id} was cited by a hypothesis the war-room already rejected`,
  };
}

/** Features that do not depend on the category the change would have. */
function changeFeatures(ctx: AnalysisContext, change: Change, item: EvidenceItem): FeatureValue[] {
  const base = [
    { name: "prior.change", value: 1, note: "a change landed around the account" } satisfies FeatureValue,
    ...timing(ctx, change),
    predates(ctx, change),
    topic(ctx, item),
    identifierFeature(ctx, item),
    setup(ctx, item),
    area(ctx, change),
    scope(ctx, change),
    disclaimers(ctx, change),
    othersBefore(ctx, change),
    ...mentions(ctx, change),
    rejection(ctx, change),
  ].filter((f): f is FeatureValue => f !== undefined);
  const topical = base.some((f) => (f.name === "change.topic" && f.value >= 0.2) || f.name === "change.area");
  const said = statements(ctx, change, topical);
  return said ? [...base, said] : base;
}

const SYMPTOM_WORDS: Partial<Record<Category, string>> = {
  product_defect: "something going wrong (a defect)",
  vendor_change: "a refusal by rule (an intended change)",
  infrastructure: "slowness or unavailability (our infrastructure)",
};

function ours(change: Change): boolean {
  return change.source === "vendor_deploy" || change.source === "vendor_config";
}

/** Candidates built from the bundle's changes: one per change and category it could be. */
export function scoreChangeCandidates(ctx: AnalysisContext): Candidate[] {
  const out: Candidate[] = [];
  const symptom = readSymptomNature(ctx);
  for (const change of ctx.ws.changes) {
    const item = ctx.ws.items.get(change.id);
    if (!item) continue;
    const shared = changeFeatures(ctx, change, item);
    const nature = readChangeNature(change, ctx.mentions);
    const links = knowledgeAboutChange(ctx, item.terms);
    // Our change is a defect or an intended change; it is capacity, billing or process only if it reads so.
    const categories = possibleCategories(change).filter(
      (c) => c === "product_defect" || c === "vendor_change" || (nature[c] ?? 0) > 0,
    );
    for (const category of categories) {
      const features = [
        ...shared,
        priorFeature(category),
        {
          name: "nature.fit",
          value: nature[category] ?? 0,
          note: `its record reads as ${category.replace("_", " ")}`,
        },
        ...(ours(change) && (symptom[category] ?? 0) > 0
          ? [
              {
                name: "nature.symptom",
                value: symptom[category] ?? 0,
                note: `the symptoms read as ${SYMPTOM_WORDS[category] ?? category}`,
              } satisfies FeatureValue,
            ]
          : []),
        ...knowledge(ctx, links, category),
        relatedAfter(ctx, change, item, category),
        ...categoryFeatures(ctx, category),
      ].filter((f): f is FeatureValue => f !== undefined && (f.value !== 0 || f.name === "nature.fit"));
      out.push({
        causalId: change.id,
        category,
        origin: "change",
        features,
        support: [...ctx.profile.focusIds.slice(0, 2), ...features.flatMap((f) => f.evidence ?? [])],
        against: features.flatMap((f) => f.against ?? []),
      });
    }
  }
  return out;
}
