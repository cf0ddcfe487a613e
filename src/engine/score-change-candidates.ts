/**
 * Scores every change around the account as a possible cause, the way an analyst would: did it land just
 * before the symptoms began, does it touch what is failing (shared words, exact error strings, the
 * account's own setup), does it say it left that area alone, and do knowledge and other accounts back it.
 */
import type { Change } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";
import type { AnalysisContext } from "./build-context.ts";
import { categoryOfChange, findDisclaimers } from "./classify-change.ts";
import { knowledgeAboutChange, relatedAfterChange, relatedDescribingChange } from "./link-support.ts";
import { attributesNamedIn } from "./match-attributes.ts";
import { identifierFeature } from "./match-identifiers.ts";
import { coverage } from "./measure-similarity.ts";
import { toTime } from "./prepare-workset.ts";
import { stemWord } from "./tokenize-text.ts";
import type { Candidate, EvidenceItem, Feature } from "./types.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function timing(ctx: AnalysisContext, change: Change): Feature {
  const at = toTime(change.at);
  const lead = ctx.profile.onset - at;
  const onsetDay = new Date(ctx.profile.onset).toISOString().slice(0, 10);
  const hours = Math.round(lead / HOUR);
  if (at > ctx.ws.openedAt)
    return { name: "timing", points: -5, note: `${change.id} landed after the escalation was opened` };
  if (lead < -HOUR) {
    const against = ctx.profile.onsetEvidence ? [ctx.profile.onsetEvidence] : [];
    return {
      name: "timing",
      points: -3.5,
      note: `${change.id} landed after the problem began (${onsetDay})`,
      against,
    };
  }
  const when = lead <= 2 * DAY ? `${Math.max(0, hours)}h` : `${Math.round(lead / DAY)} days`;
  const points =
    lead <= DAY ? 3 : lead <= 3 * DAY ? 2.2 : lead <= 7 * DAY ? 1.4 : lead <= 30 * DAY ? 0.4 : -0.6;
  return {
    name: "timing",
    points,
    note: `${change.id} landed ${when} before the first symptom (${onsetDay})`,
  };
}

function topic(ctx: AnalysisContext, item: EvidenceItem): Feature {
  const c = coverage(ctx.ws, item.terms, ctx.profile.terms);
  return {
    name: "topic",
    points: 5 * c,
    note: `${Math.round(c * 100)}% of its wording matches the symptoms`,
  };
}

/** Unfixed reports of the same failure from before the change mean the change cannot have started it. */
function predates(ctx: AnalysisContext, change: Change): Feature | undefined {
  const at = toTime(change.at);
  const earlier = ctx.profile.earlySymptomIds.filter((id) => (ctx.ws.items.get(id)?.at ?? at) < at);
  if (earlier.length === 0) return undefined;
  return {
    name: "predates",
    points: -1.5,
    note: `${earlier.slice(0, 2).join(", ")} reported the same kind of failure before ${change.id} landed`,
    against: earlier.slice(0, 2),
  };
}

function attributes(ctx: AnalysisContext, change: Change, item: EvidenceItem): Feature | undefined {
  const named = attributesNamedIn(ctx.ws.bundle.account.attributes, item.lower, item.terms);
  if (named.length === 0) return undefined;
  const points = Math.min(1.5, named.length) + (change.scope === "segment" ? 0.5 : 0);
  return { name: "attributes", points, note: `targets this account's setup (${named.join(", ")})` };
}

function area(ctx: AnalysisContext, change: Change): Feature | undefined {
  const areaTerms = (change.productArea ?? "")
    .split(/[^a-z0-9]+/i)
    .filter(Boolean)
    .map(stemWord);
  const tags = [...ctx.profile.tags].flatMap((t) => t.split(/[^a-z0-9]+/i)).map(stemWord);
  if (!areaTerms.some((t) => tags.includes(t))) return undefined;
  return {
    name: "area",
    points: 0.75,
    note: `its product area (${change.productArea}) is where the tickets are filed`,
  };
}

function disclaimers(ctx: AnalysisContext, change: Change): Feature | undefined {
  const found = findDisclaimers(change);
  if (found.length === 0) return undefined;
  const relevant = found.some((d) => d.terms.some((t) => (ctx.profile.terms.get(t) ?? 0) >= 0.8));
  const phrase = found.map((d) => `"${d.phrase}"`).join(", ");
  return {
    name: "disclaimer",
    points: relevant ? -2.5 : -1,
    note: `its description says ${phrase}${relevant ? ", which is the area that is failing" : ""}`,
  };
}

function knowledge(ctx: AnalysisContext, item: EvidenceItem, category: Category): Feature[] {
  const { matching, differing } = knowledgeAboutChange(ctx, item.terms);
  const out: Feature[] = [];
  const best = matching[0];
  if (best) {
    const same = ctx.ws.knowledge.find((k) => k.id === best.id)?.category === category;
    out.push({
      name: "knowledge",
      points: 1.5 * best.match * (same ? 1 : 0.6),
      note: `${best.id} describes the same symptoms for this kind of change`,
      evidence: matching.slice(0, 2).map((l) => l.id),
    });
  } else if (differing.length > 0) {
    const ids = differing.slice(0, 2).map((l) => l.id);
    out.push({
      name: "knowledge",
      points: -0.75,
      note: `${ids.join(", ")} describe a different failure for it`,
      against: ids,
    });
  }
  return out;
}

/** Other accounts that reported our symptoms before a global or segment change landed were not hit by it. */
function relatedBefore(ctx: AnalysisContext, change: Change): Feature | undefined {
  if (change.scope === "account") return undefined;
  const at = toTime(change.at);
  const ids = ctx.ws.related
    .filter((r) => toTime(r.openedAt) < at - HOUR && toTime(r.openedAt) >= at - 30 * DAY)
    .filter((r) => (ctx.topical.get(r.id) ?? 0) >= 0.3 && !/^(resolved|closed)$/i.test(r.status ?? ""))
    .map((r) => r.id);
  if (ids.length === 0) return undefined;
  return {
    name: "others before",
    points: -1,
    note: `${ids.slice(0, 2).join(", ")} reported the same symptoms before ${change.id} landed`,
    against: ids.slice(0, 2),
  };
}

function related(
  ctx: AnalysisContext,
  change: Change,
  item: EvidenceItem,
  category: Category,
): Feature | undefined {
  const links =
    change.scope === "account"
      ? relatedDescribingChange(ctx, item.terms, category)
      : relatedAfterChange(ctx, toTime(change.at), item.terms, category);
  if (links.length === 0) return undefined;
  const ids = links.slice(0, 3).map((l) => l.id);
  const why =
    change.scope === "account"
      ? "report the same symptoms after a similar change"
      : "report the same symptoms since it landed";
  return {
    name: "related",
    points: Math.min(2.4, 1.2 * links.length),
    note: `${ids.join(", ")} ${why}`,
    evidence: ids,
  };
}

const DENIAL =
  /\b(?:we|i) (?:did not|didn't|have not|haven't|never) (?:change|touch|modify)\w*|\bnothing changed on our side\b/i;

function statements(ctx: AnalysisContext, change: Change, topical: boolean): Feature | undefined {
  const ours = change.source === "vendor_deploy" || change.source === "vendor_config";
  if (ours && topical && ctx.exonerations.length > 0) {
    const ids = [...new Set(ctx.exonerations.map((e) => e.id))];
    return {
      name: "statements",
      points: -1.5,
      note: `the agent found our side working as designed ("${ctx.exonerations[0]?.sentence}")`,
      against: ids,
    };
  }
  if (change.source === "vendor_deploy" && topical && ctx.defects.length > 0) {
    const ids = [...new Set(ctx.defects.map((e) => e.id))];
    return {
      name: "statements",
      points: 1,
      note: `the agent reproduced a fault on our side ("${ctx.defects[0]?.sentence}")`,
      evidence: ids,
    };
  }
  if (change.source.startsWith("customer") && ctx.profile.focusIds.some((id) => denies(ctx, id))) {
    return { name: "statements", points: -0.5, note: "the customer says nothing changed on their side" };
  }
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

function rejection(ctx: AnalysisContext, change: Change): Feature | undefined {
  if (!ctx.rejectedIds.has(change.id)) return undefined;
  return {
    name: "rejected",
    points: -2,
    note: `${change.id} was cited by a hypothesis the war-room already rejected`,
  };
}

function leaning(ctx: AnalysisContext, item: EvidenceItem): Category | undefined {
  const fromKnowledge = knowledgeAboutChange(ctx, item.terms).categories.find(
    (c) => c === "product_defect" || c === "vendor_change",
  );
  if (fromKnowledge) return fromKnowledge;
  if (ctx.defects.length > 0) return "product_defect";
  return ctx.exonerations.length > 0 ? "vendor_change" : undefined;
}

/** Changes whose cheap features put them in contention get the costlier knowledge and cross-account checks. */
const DETAILED_LIMIT = 40;

function firstPass(ctx: AnalysisContext, change: Change, item: EvidenceItem): Feature[] {
  return [
    timing(ctx, change),
    predates(ctx, change),
    topic(ctx, item),
    identifierFeature(ctx, item),
    attributes(ctx, change, item),
    area(ctx, change),
    disclaimers(ctx, change),
    rejection(ctx, change),
  ].filter((f): f is Feature => f !== undefined);
}

function secondPass(ctx: AnalysisContext, change: Change, item: EvidenceItem, first: readonly Feature[]) {
  const category = categoryOfChange(change, leaning(ctx, item));
  const topical = first.some((f) => (f.name === "topic" && f.points >= 1) || f.name === "area");
  const more = [
    ...knowledge(ctx, item, category),
    related(ctx, change, item, category),
    relatedBefore(ctx, change),
    statements(ctx, change, topical),
  ].filter((f): f is Feature => f !== undefined);
  return { category, features: [...first, ...more] };
}

/** Candidates built from the bundle's changes, one per change, with their scoring features. */
export function scoreChangeCandidates(ctx: AnalysisContext): Candidate[] {
  const firsts = ctx.ws.changes
    .map((change) => ({ change, item: ctx.ws.items.get(change.id) }))
    .filter((x): x is { change: Change; item: EvidenceItem } => x.item !== undefined)
    .map((x) => ({ ...x, first: firstPass(ctx, x.change, x.item) }))
    .map((x) => ({ ...x, cheap: x.first.reduce((sum, f) => sum + f.points, 0) }))
    .sort((a, b) => b.cheap - a.cheap || a.change.id.localeCompare(b.change.id));
  return firsts.map(({ change, item, first }, i) => {
    const { category, features } =
      i < DETAILED_LIMIT
        ? secondPass(ctx, change, item, first)
        : { category: categoryOfChange(change, undefined), features: first };
    return {
      causalId: change.id,
      category,
      origin: "change" as const,
      features,
      support: [...ctx.profile.focusIds.slice(0, 2), ...features.flatMap((f) => f.evidence ?? [])],
      against: features.flatMap((f) => f.against ?? []),
    };
  });
}
