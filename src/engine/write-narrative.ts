/**
 * The words around the ranking: each hypothesis's title and rationale, talking points for the executive
 * call, and preventive measures. Built from the features that scored the candidates, so every sentence
 * points at the evidence that produced it.
 */
import type { PatternVerdict } from "../domain/analysis.ts";
import type { Category } from "../domain/categories.ts";
import type { AnalysisContext } from "./build-context.ts";
import type { Feature, ScoredCandidate } from "./types.ts";
import { capitalise, clip, plainTitle, plural, spokenTime } from "./write-words.ts";

const CHANGE_TITLES: Readonly<Record<string, string>> = {
  product_defect: "Regression introduced by",
  vendor_change: "Intended change on our side broke the customer's workflow:",
  infrastructure: "Our infrastructure degraded:",
  third_party: "Upstream provider failure:",
  customer_change: "Change in the customer's environment:",
};

const JOURNEY_TITLES: Readonly<Record<string, string>> = {
  usage_growth: "Usage outgrew the plan limit",
  onboarding_gap: "Implementation or training left incomplete",
  documentation_gap: "Our documentation led to a faulty setup",
  expectation_mismatch: "What was sold differs from what the product does",
  process_failure: "Request lost between our teams",
  billing: "Billing error",
  data_quality: "Bad data loaded without a triggering change",
};

/** Likelihood under which a hypothesis is shown as a long shot rather than as a contender. */
export const LONG_SHOT = 0.05;

/** Short title naming the causal item; a long shot says so. */
export function writeTitle(ctx: AnalysisContext, h: ScoredCandidate, likelihood: number): string {
  const change = ctx.ws.changes.find((c) => c.id === h.causalId);
  const ticket = ctx.ws.tickets.find((t) => t.id === h.causalId);
  const title = change
    ? `${CHANGE_TITLES[h.category] ?? "Change:"} ${change.title} (${change.id})`
    : `${JOURNEY_TITLES[h.category] ?? h.category}: ${ticket ? `"${ticket.subject}" (${ticket.id})` : h.causalId}`;
  return likelihood < LONG_SHOT ? `Long shot: ${title}` : title;
}

/** Features that describe the candidate, not base rates, are what a rationale quotes. */
function telling(f: Feature): boolean {
  return !f.name.startsWith("prior.") && !(f.name === "nature.fit" && f.value >= 1);
}

/** One or two sentences: the strongest reasons for, then the strongest reason against if any. */
export function writeRationale(h: ScoredCandidate): string {
  const pros = h.features.filter((f) => f.points > 0 && telling(f)).sort((a, b) => b.points - a.points);
  const cons = h.features.filter((f) => f.points < 0 && telling(f)).sort((a, b) => a.points - b.points);
  const first = pros.slice(0, 3).map((f) => clip(f.note));
  const lead =
    first.length > 0
      ? `${capitalise(first.join("; "))}.`
      : `${h.causalId} is the closest match in the bundle, with little else for it.`;
  const against = cons[0] ? ` Against it: ${clip(cons[0].note)}.` : "";
  return `${lead}${against}`.replace(/([.!?…"])\./g, "$1");
}

/** What a cause is, in words for the customer's executives: no ids, codes or internal names. */
function spokenCause(ctx: AnalysisContext, h: ScoredCandidate): string {
  const change = ctx.ws.changes.find((c) => c.id === h.causalId);
  const what = change ? `"${withoutCodes(plainTitle(change.title))}"` : "";
  switch (h.category) {
    case "product_defect":
      return change ? `a defect introduced by our release ${what}` : "a defect in our product";
    case "vendor_change":
      return change
        ? `a planned change on our side, ${what}, which changed behaviour your setup depended on`
        : "a planned change on our side";
    case "infrastructure":
      return change ? `a problem in our own infrastructure (${what})` : "a problem in our own infrastructure";
    case "third_party":
      return change ? `a problem at an upstream provider (${what})` : "a problem at an upstream provider";
    case "customer_change":
      return change ? `a change in your own environment (${what})` : "a change in your own environment";
    default:
      return SPOKEN_JOURNEY[h.category] ?? "a cause we are still confirming";
  }
}

const SPOKEN_JOURNEY: Readonly<Partial<Record<Category, string>>> = {
  usage_growth: "your usage reaching the limit included in your plan",
  onboarding_gap: "part of your implementation that was never completed",
  documentation_gap: "our documentation, which led to a setup that cannot work as intended",
  expectation_mismatch: "a gap between what was agreed in the sale and what the product does",
  process_failure: "your request getting lost between our teams",
  billing: "a billing error on our side",
  data_quality: "incorrect data loaded into the system",
};

/** Internal reference codes (ENG-4471, INC-2256) mean nothing on an executive call. */
function withoutCodes(text: string): string {
  return text
    .replace(/\s*\((?:[A-Z]{2,}-\d+[,\s]*)+\)/g, "")
    .replace(/\b[A-Z]{2,}-\d{2,}\b:?\s*/g, "")
    .trim();
}

const RULED_OUT: readonly [string, string][] = [
  ["change.after-onset", "the problem began before it went live"],
  ["change.scope-mismatch", "it does not apply to your setup"],
  ["change.earlier-symptoms", "the same failures were reported before it"],
  ["change.ruled-out", "our engineers found it does not touch what is failing"],
  ["change.disclaims-symptom", "it did not change the part that is failing"],
];

/** The change the customer blames, when the evidence rules it out: a talking point of its own. */
function ruledOutBlame(
  ctx: AnalysisContext,
  ranked: readonly ScoredCandidate[],
  top: ScoredCandidate | undefined,
) {
  for (const c of ranked) {
    if (c.causalId === top?.causalId || !c.features.some((f) => f.name === "change.blamed")) continue;
    const reason = RULED_OUT.find(([name]) => c.features.some((f) => f.name === name));
    const change = ctx.ws.changes.find((x) => x.id === c.causalId);
    if (reason && change)
      return `We checked "${withoutCodes(plainTitle(change.title))}" closely: it is not the cause, because ${reason[1]}.`;
  }
  return undefined;
}

function confidence(likelihood: number): string {
  if (likelihood >= 0.6) return "The most likely cause";
  if (likelihood >= 0.3) return "The likely cause";
  return "One possible cause, still being confirmed,";
}

/** Talking points for the customer's executive call: plain words, no internal ids, no other customer. */
export function writeTalkingPoints(
  ctx: AnalysisContext,
  ranked: readonly ScoredCandidate[],
  hypotheses: readonly { likelihood: number; checks: readonly string[] }[],
  pattern: PatternVerdict,
): string[] {
  const first = ctx.ws.tickets.find((t) => t.id === ctx.profile.focusIds[0]);
  const what = first
    ? ` (${withoutCodes(clip(first.subject.replace(/^(?:urgent|critical|re|fwd)\s*[:!-]\s*/i, ""), 90))})`
    : "";
  const out = [`What your team is seeing${what} started around ${spokenTime(ctx.profile.onset)}.`];
  const top = ranked[0];
  const lead = hypotheses[0];
  if (top && lead) out.push(`${confidence(lead.likelihood)} is ${spokenCause(ctx, top)}.`);
  const blame = ruledOutBlame(ctx, ranked, top);
  if (blame) out.push(blame);
  out.push(
    pattern.verdict === "pattern"
      ? "Other customers with a similar setup are affected too; we are treating it as one incident and fixing it for all of them."
      : "So far this is specific to your account: we see no other customer with the same problem.",
  );
  const checks = lead?.checks.length ?? 0;
  out.push(
    `We are confirming it with ${plural(checks, "check")} now and will send you a written update with the fix, who owns it and when.`,
  );
  return out;
}

const PREVENTION: Readonly<Record<Category, readonly string[]>> = {
  product_defect: [
    "Add a regression test that reproduces this failure and run it before every release of the affected area.",
    "Roll out releases of this area gradually, watching error rates of accounts configured like this one.",
  ],
  vendor_change: [
    "Send breaking-change and retirement notices to technical contacts and admins, not only the billing owner, with a reminder shortly before the date.",
    "Check usage of the retired or changed behaviour per account before the date and contact every account still relying on it.",
  ],
  infrastructure: [
    "Alert on regional saturation before customers see it and keep failover capacity for the affected region.",
    "Post status-page updates to affected accounts' war-room channels automatically during incidents.",
  ],
  third_party: [
    "Monitor the provider's failure rate per route and fail over or alert automatically when it degrades.",
    "Record provider notices as changes so war-rooms see them next to our own releases.",
  ],
  customer_change: [
    "Alert the customer's admin within an hour when the integration starts failing after a change on their side.",
    "Document which customer-side changes break the integration and link it from the admin settings.",
  ],
  data_quality: [
    "Validate imported data against the source system's units and formats before go-live and flag outliers.",
    "Re-check records loaded through early imports when a release starts using them in new calculations.",
  ],
  usage_growth: [
    "Turn repeated usage notices into a CSM task with a deadline, not only an email to admins.",
    "Offer a grace buffer or soft limit above the plan allowance and alert before data or requests are dropped.",
  ],
  onboarding_gap: [
    "Do not close an implementation while checklist items or trainings are open; hand them to the CSM with dates.",
    "Review repeated how-to tickets in the first months as a signal of an incomplete rollout.",
  ],
  expectation_mismatch: [
    "Review proposals against the plan's documented capabilities before signature.",
    "Escalate a customer's 'this is not what we bought' at kickoff to the account team with a written resolution.",
  ],
  documentation_gap: [
    "Fix the documentation and test every code sample on it against the real service.",
    "Tell customers who built from the faulty page what to change.",
  ],
  process_failure: [
    "Route requests by owning team from the first touch and forbid auto-closing tickets that wait on an internal team.",
    "Make sure every account has a named owner and escalation contact; alert when one is missing.",
  ],
  billing: [
    "Book amendments as co-terminous changes to the existing subscription and check for duplicate charges before invoicing.",
    "Pause collections automatically while a credit request on the same invoice is open.",
  ],
};

/** Preventive measures for the leading cause, naming its evidence. */
export function writePreventiveMeasures(top: ScoredCandidate | undefined): string[] {
  if (!top) return [];
  return PREVENTION[top.category].map((m, i) => (i === 0 ? `${m} (see ${top.causalId})` : m));
}
