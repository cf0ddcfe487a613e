/**
 * Verification steps a responder can run for one hypothesis. Every check names what to look for and
 * where: the error strings, codes and paths from the tickets (never a product name), the change and its
 * time, ticket numbers, the account's settings, a knowledge item's fix, and how to rule out the rival.
 */
import type { Change, Ticket } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";
import type { AnalysisContext } from "./build-context.ts";
import type { Identifier } from "./extract-identifiers.ts";
import { toTime } from "./prepare-workset.ts";
import type { ScoredCandidate } from "./types.ts";
import { clip, joinList, utcMinute } from "./write-words.ts";

const MAX_CHECKS = 5;
const ERROR_WORDS =
  /error|exception|fail|denied|invalid|timeout|timed out|refused|not found|expired|unauthori[sz]ed|forbidden|reject|limit|exceeded|exhausted|mismatch|unknown|missing|unavailable/i;

/**
 * True for strings worth searching logs for: a status code, something with digits, underscores, paths
 * or colons, or a quoted message; not a product or company name, which every log line carries.
 */
export function isSearchable(i: Identifier): boolean {
  if (i.kind === "status") return true;
  if (/^[a-z]{2,}-?\d{3,}$/i.test(i.text)) return false;
  if (/[_:/=]|\d/.test(i.text)) return true;
  if (i.kind === "quoted" && (i.text.split(/\s+/).length >= 3 || ERROR_WORDS.test(i.text))) return true;
  return ERROR_WORDS.test(i.text) && i.text.includes(" ");
}

function ticketName(t: Ticket): string {
  return t.number && t.number !== t.id ? `ticket ${t.number} (${t.id})` : `ticket ${t.id}`;
}

function ticketOf(ctx: AnalysisContext, id: string | undefined): Ticket | undefined {
  return id ? ctx.ws.tickets.find((t) => t.id === id) : undefined;
}

/** What to search for: up to two error strings from the episode, or the failing ticket itself. */
function symptom(ctx: AnalysisContext): string {
  const strings = ctx.profile.identifiers.filter(isSearchable).slice(0, 2);
  if (strings.length > 0) return joinList(strings.map((i) => `'${i.text}'`));
  const first = ticketOf(ctx, ctx.profile.focusIds[0]);
  return first
    ? `the failure reported in ${ticketName(first)} ("${clip(first.subject, 80)}")`
    : "the reported failure";
}

/** The account settings a candidate's evidence names ("apiRegion eu-west"), for checks to quote. */
function settings(ctx: AnalysisContext, h: ScoredCandidate): string {
  const named = h.features
    .filter((f) => f.name === "change.setup" || f.name === "change.scope-match")
    .map((f) => f.note.replace(/^it (?:targets|applies to) /, ""));
  if (named.length > 0) return named[0] ?? "";
  const attrs = Object.entries(ctx.ws.bundle.account.attributes ?? {}).slice(0, 2);
  return attrs.map(([k, v]) => `${k} ${String(v)}`).join(", ");
}

const MECHANISM: Readonly<Partial<Record<Category, (c: Change, at: string, setup: string) => string>>> = {
  product_defect: (c, at, setup) =>
    `Reproduce it on a test account set up like this one (${setup}) on the build before and after "${c.title}" (${at}) and compare the results.`,
  vendor_change: (c, at, setup) =>
    `Confirm that "${c.title}" (${at}) applies to this account (${setup}) and whether its announcement reached the customer's technical contacts beforehand.`,
  infrastructure: (c, at, setup) =>
    `Overlay the window of "${c.title}" (from ${at}) on this account's failing requests and confirm the affected hosts or region serve it (${setup}).`,
  third_party: (c, at, setup) =>
    `Check the provider's status or incident record for "${c.title}" (${at}) and confirm this account's traffic goes through it (${setup}).`,
  customer_change: (c, at) =>
    `Ask the customer's admin what exactly "${c.title}" changed on ${at}, and compare their configuration before and after with what the integration needs.`,
  billing: (c, at) =>
    `Compare what "${c.title}" (${at}) booked for this account with the signed order form and contract terms.`,
  process_failure: (c, at) =>
    `Trace this account's requests filed after "${c.title}" (${at}) to the team that owns them, with every status change and assignee.`,
};

function changeChecks(ctx: AnalysisContext, h: ScoredCandidate, c: Change): string[] {
  const at = utcMinute(toTime(c.at));
  const onsetTicket = ticketOf(ctx, ctx.profile.onsetEvidence);
  const onset = `${utcMinute(ctx.profile.onset)}${onsetTicket ? `, per ${ticketName(onsetTicket)}` : ""}`;
  const out = [
    `Find the first occurrence of ${symptom(ctx)} for this account (the tickets put the start at ${onset}) and confirm it comes after "${c.title}" went live at ${at}.`,
  ];
  const mechanism = MECHANISM[h.category];
  if (mechanism) out.push(mechanism(c, at, settings(ctx, h)));
  out.push(...supportChecks(ctx, h));
  const rival = rivalCheck(ctx, h);
  if (rival) out.push(rival);
  return out;
}

/** Checks from the candidate's corroboration: a knowledge item's fix, other accounts to compare. */
function supportChecks(ctx: AnalysisContext, h: ScoredCandidate): string[] {
  const out: string[] = [];
  const kb = ctx.ws.knowledge.find((k) => h.support.includes(k.id) && k.resolution);
  if (kb)
    out.push(
      `Try the fix documented in ${kb.id} ("${clip(kb.title, 90)}"): ${clip(kb.resolution ?? "", 200)}`,
    );
  const related = ctx.ws.related.filter((r) => h.support.includes(r.id)).map((r) => r.id);
  if (related.length > 0)
    out.push(
      `Compare with ${joinList(related.slice(0, 3))}: same error strings, and did they start at the same time?`,
    );
  return out;
}

/** The strongest item that argues against this hypothesis, and how to settle it. */
function rivalCheck(ctx: AnalysisContext, h: ScoredCandidate): string | undefined {
  const rival = ctx.ws.changes.find((c) => c.id !== h.causalId && h.against.includes(c.id));
  if (rival)
    return `Rule out "${rival.title}" (${utcMinute(toTime(rival.at))}) by checking whether the failures began before it.`;
  return undefined;
}

/** The strongest cue sentence of a category in a ticket: what the check should quote. */
function cueSentence(ctx: AnalysisContext, id: string, category: Category): string | undefined {
  const cues = (ctx.cues.get(id) ?? []).filter((m) => m.category === category);
  return [...cues].sort((a, b) => b.weight - a.weight)[0]?.sentence;
}

type JourneyCheck = (lead: string, quote: string, ctx: AnalysisContext) => string[];

const JOURNEY_CHECKS: Readonly<Partial<Record<Category, JourneyCheck>>> = {
  usage_growth: (lead, quote, ctx) => [
    `Pull this account's usage against its plan allowance for the 30 days before ${utcMinute(ctx.profile.onset)} and confirm the refusals or delays match the allowance running out (${lead}: "${quote}").`,
    `List every usage or limit notice sent to the account, who received it and whether anyone followed up (see ${lead}).`,
  ],
  onboarding_gap: (lead, quote) => [
    `Open the implementation record in ${lead} ("${quote}") and list which steps, settings and trainings were never completed.`,
    `Check whether the steps deferred in ${lead} were ever configured on the account, and whether the failing workflow depends on them.`,
  ],
  documentation_gap: (lead, quote) => [
    `Compare the page or example the customer followed (${lead}: "${quote}") line by line with how the product actually behaves today.`,
    `Find other customers who set up from the page behind ${lead} and check them for the same failure; correct the page.`,
  ],
  expectation_mismatch: (lead, quote) => [
    `Pull the proposal, order form or RFP answer behind ${lead} ("${quote}") and compare each promise with what the purchased plan does.`,
    `Ask the account executive on the deal what was demonstrated or promised for the capability disputed in ${lead}, and record the gap in writing.`,
  ],
  process_failure: (lead, quote) => [
    `Reconstruct the handling of ${lead} ("${quote}"): every queue, status change and assignee with timestamps, and where the request stopped.`,
    `Confirm whether the team that can actually resolve ${lead} ever received it, and who owns the account and its escalations today.`,
  ],
  billing: (lead, quote) => [
    `Reconcile the invoices and subscription behind ${lead} ("${quote}") against the signed contract, its price terms and any amendment.`,
    `Check the status of any credit or refund promised in ${lead} and hold collections on the disputed amount while it is open.`,
  ],
  data_quality: (lead, quote) => [
    `Compare a sample of the records loaded through ${lead} ("${quote}") with the source system, field by field.`,
    `Correct a few of the records behind ${lead} from the source data and confirm their symptoms disappear.`,
  ],
  customer_change: (lead, quote, ctx) => [
    `Ask the customer's admin what changed on their side around ${utcMinute(ctx.profile.onset)} (${lead}: "${quote}") and compare that configuration with what our service needs.`,
    `Check our logs for ${symptom(ctx)} and confirm the failing requests carry the customer's new setting rather than anything we changed.`,
  ],
};

function journeyChecks(ctx: AnalysisContext, h: ScoredCandidate): string[] {
  const t = ticketOf(ctx, h.causalId);
  const lead = t ? ticketName(t) : h.causalId;
  const quote = clip(cueSentence(ctx, h.causalId, h.category) ?? t?.subject ?? "", 120);
  const out = [...(JOURNEY_CHECKS[h.category]?.(lead, quote, ctx) ?? [])];
  out.push(...supportChecks(ctx, h));
  const others = [...new Set(h.support)].filter(
    (id) => id !== h.causalId && ctx.ws.tickets.some((x) => x.id === id),
  );
  for (const id of others.slice(0, 2)) {
    const said = cueSentence(ctx, id, h.category);
    const other = ticketOf(ctx, id);
    if (said && other)
      out.push(
        `Re-read ${ticketName(other)} ("${clip(said, 120)}") and confirm it describes the same gap as ${lead}.`,
      );
  }
  if (out.length === 0)
    out.push(`Re-read ${lead} with the customer and confirm what it shows is the cause of ${symptom(ctx)}.`);
  return out;
}

/** 1..5 concrete checks for hypothesis `h`. */
export function writeChecks(ctx: AnalysisContext, h: ScoredCandidate): string[] {
  const change = ctx.ws.changes.find((c) => c.id === h.causalId);
  const out = change ? changeChecks(ctx, h, change) : journeyChecks(ctx, h);
  return [...new Set(out)].slice(0, MAX_CHECKS);
}
