/**
 * The words around the ranking: each hypothesis's title and rationale, talking points for the executive
 * call, and preventive measures. Built from the features that scored the candidates, so every sentence
 * points at the evidence that produced it.
 */
import type { PatternVerdict } from "../domain/analysis.ts";
import type { Category } from "../domain/categories.ts";
import type { AnalysisContext } from "./build-context.ts";
import type { ScoredCandidate } from "./types.ts";

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

/** Short title naming the causal item. */
export function writeTitle(ctx: AnalysisContext, h: ScoredCandidate): string {
  const change = ctx.ws.changes.find((c) => c.id === h.causalId);
  if (change) return `${CHANGE_TITLES[h.category] ?? "Change:"} ${change.title} (${change.id})`;
  const ticket = ctx.ws.tickets.find((t) => t.id === h.causalId);
  return `${JOURNEY_TITLES[h.category] ?? h.category}: ${ticket ? `"${ticket.subject}" (${ticket.id})` : h.causalId}`;
}

/** Shortens quoted evidence so a rationale stays one or two readable sentences. */
export function clip(text: string, max = 140): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).replace(/[\s,;:]+$/, "")}…`;
}

/** One or two sentences: the strongest reasons for, then the strongest reason against if any. */
export function writeRationale(h: ScoredCandidate): string {
  const pros = h.features.filter((f) => f.points > 0).sort((a, b) => b.points - a.points);
  const cons = h.features.filter((f) => f.points < 0).sort((a, b) => a.points - b.points);
  const first = pros.slice(0, 3).map((f) => clip(f.note));
  const lead =
    first.length > 0
      ? `${capitalise(first.join("; "))}.`
      : `${h.causalId} is the closest match in the bundle.`;
  const against = cons[0] ? ` Against it: ${clip(cons[0].note)}.` : "";
  return `${lead}${against}`.replace(/([.!?…"])\./g, "$1");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Talking points for the executive call, most important first. */
export function writeTalkingPoints(
  ctx: AnalysisContext,
  hypotheses: readonly { title: string; likelihood: number; evidence: readonly string[] }[],
  pattern: PatternVerdict,
): string[] {
  const account = ctx.ws.bundle.account.name;
  const onset = new Date(ctx.profile.onset).toISOString().slice(0, 16).replace("T", " ");
  const [top, second] = hypotheses;
  const out = [
    `What ${account} is experiencing started around ${onset} UTC (first evidence ${ctx.profile.onsetEvidence ?? "in the escalation"}); we have traced it through ${ctx.profile.focusIds.length} open ticket(s).`,
  ];
  if (top)
    out.push(
      `Most likely cause (${percent(top.likelihood)}): ${top.title}, based on ${top.evidence.slice(0, 3).join(", ")}.`,
    );
  if (second) out.push(`Still being ruled out (${percent(second.likelihood)}): ${second.title}.`);
  out.push(
    pattern.verdict === "pattern"
      ? `This is not only ${account}: ${pattern.relatedEscalations.join(", ")} show the same symptoms (${pattern.sharedAttributes.join(", ") || "same timing"}); we are handling it as one incident.`
      : `We see no other account with the same symptoms; this is specific to ${account}'s situation.`,
  );
  out.push(
    "We will confirm the cause with the checks listed per hypothesis and send a written update with the remediation plan and owner.",
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
