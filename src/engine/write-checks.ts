/**
 * Verification steps for one hypothesis. Every check names something concrete from the bundle: an error
 * string, a change id and its time, a ticket number, a setting or attribute, a knowledge item's fix.
 */
import type { Change, Ticket } from "../domain/case-bundle.ts";
import type { AnalysisContext } from "./build-context.ts";
import { findDisclaimers } from "./classify-change.ts";
import { toTime } from "./prepare-workset.ts";
import type { ScoredCandidate } from "./types.ts";
import { clip } from "./write-narrative.ts";

const MAX_CHECKS = 5;

function day(at: number): string {
  return new Date(at).toISOString().replace(":00.000Z", "Z").replace("T", " ");
}

function ticketName(t: Ticket): string {
  return `ticket ${t.number ?? t.id} (${t.id})`;
}

/** The symptom string to grep for: the first error string or code from the episode, else its subject. */
function symptom(ctx: AnalysisContext): string {
  const id = ctx.profile.identifiers.find((i) => i.kind !== "code" || !/^[a-z]{2,}-?\d{3,}$/i.test(i.text));
  if (id) return `'${id.text}'`;
  const first = ctx.ws.tickets.find((t) => t.id === ctx.profile.focusIds[0]);
  return first ? `the failures in ${ticketName(first)} ("${first.subject}")` : "the reported failures";
}

function changeScopeCheck(ctx: AnalysisContext, c: Change): string {
  const attrs = Object.entries(ctx.ws.bundle.account.attributes ?? {})
    .slice(0, 2)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  const area = c.productArea ?? "the affected area";
  switch (c.source) {
    case "vendor_deploy":
      return `Reproduce on a test account configured like this one (${attrs}) with and without ${c.id} "${c.title}" and diff what it changed in ${area}.`;
    case "vendor_config":
      return `Confirm that the ${c.id} setting "${c.title}" applies to this account (${attrs}) and who on the customer's side was told before ${day(toTime(c.at))}.`;
    case "third_party":
      return `Check the provider's incident record for "${c.title}" (${day(toTime(c.at))}) and confirm this account's traffic in ${area} goes through it (${attrs}).`;
    case "incident":
      return `Overlay the incident window of ${c.id} "${c.title}" (from ${day(toTime(c.at))}) on this account's failing requests in ${area}.`;
    default:
      return `Ask the customer's admin exactly what "${c.title}" changed on ${day(toTime(c.at))} and compare it with ${symptom(ctx)} in the failing requests.`;
  }
}

function changeChecks(ctx: AnalysisContext, h: ScoredCandidate, c: Change): string[] {
  const onset = day(ctx.profile.onset);
  const out = [
    `Find the first occurrence of ${symptom(ctx)} (the engine dates it ${onset}) and confirm it follows ${c.id} "${c.title}" at ${day(toTime(c.at))}.`,
    changeScopeCheck(ctx, c),
  ];
  const kb = ctx.ws.knowledge.find((k) => h.support.includes(k.id) && k.resolution);
  if (kb)
    out.push(
      `Apply the fix from ${kb.id} ("${kb.title}"): ${kb.resolution} Check whether ${symptom(ctx)} stops.`,
    );
  const rel = ctx.ws.related.filter((r) => h.support.includes(r.id)).map((r) => r.id);
  if (rel.length > 0)
    out.push(`Confirm ${rel.join(" and ")} show ${symptom(ctx)} only after ${day(toTime(c.at))}.`);
  for (const id of h.against.filter((x) => ctx.ws.changes.some((ch) => ch.id === x)).slice(0, 1)) {
    const other = ctx.ws.changes.find((ch) => ch.id === id);
    if (other)
      out.push(
        `Rule out ${other.id} "${other.title}" (${day(toTime(other.at))}) by checking it against the onset ${onset}.`,
      );
  }
  for (const d of findDisclaimers(c).slice(0, 1)) {
    out.push(`Verify the release record's claim "${d.phrase}" for ${c.id} against the code or config diff.`);
  }
  return out;
}

/** The strongest cue sentence of a category in a ticket: what the check should quote. */
function cueSentence(ctx: AnalysisContext, id: string, category: string): string | undefined {
  const cues = (ctx.cues.get(id) ?? []).filter((m) => m.category === category);
  return [...cues].sort((a, b) => b.weight - a.weight)[0]?.sentence;
}

const JOURNEY_CHECKS: Readonly<
  Record<string, (lead: string, quote: string, ctx: AnalysisContext) => string[]>
> = {
  usage_growth: (lead, quote, ctx) => [
    `Pull the account's usage against its plan limit for the 30 days before ${day(ctx.profile.onset)} and confirm the cut-off in ${lead} ("${quote}") is the limit being reached.`,
    `List every usage or limit notice sent to the account before ${day(ctx.profile.onset)}, who received it and what was agreed (see ${lead}).`,
  ],
  onboarding_gap: (lead, quote) => [
    `Walk the implementation record in ${lead} ("${quote}") and list which rollout items, settings and trainings were never completed.`,
    `Check whether the items deferred in ${lead} were ever configured on the account, and whether the failing workflow depends on them.`,
  ],
  documentation_gap: (lead, quote) => [
    `Compare the documentation the customer followed (${lead}: "${quote}") line by line with what our reference implementation does.`,
    `Find other integrations built from the page named in ${lead} and check them for the same failure.`,
  ],
  expectation_mismatch: (lead, quote) => [
    `Pull the signed proposal or order form referenced in ${lead} ("${quote}") and compare each promise with what the purchased plan does.`,
    `Ask the account executive on the deal what was demonstrated and quoted for the capability disputed in ${lead}, and record the gap in writing.`,
  ],
  process_failure: (lead, quote) => [
    `Reconstruct the queue history of ${lead} ("${quote}"): every reassignment, status change and owner with timestamps, and where the request stopped.`,
    `Confirm whether the team that can actually resolve ${lead} ever received a task for it, and check the account's owner and escalation contacts.`,
  ],
  billing: (lead, quote) => [
    `Reconcile the invoices and subscriptions named in ${lead} ("${quote}") against the signed contract and amendment terms.`,
    `Check the status of any credit or cancellation promised in ${lead} and stop collections on the disputed amount while it is open.`,
  ],
  data_quality: (lead, quote) => [
    `Compare a sample of records loaded through ${lead} ("${quote}") with the source system, field by field.`,
    `Recompute a few affected values from corrected source data for the records in ${lead} and confirm the symptoms disappear.`,
  ],
};

function journeyChecks(ctx: AnalysisContext, h: ScoredCandidate): string[] {
  const t = ctx.ws.tickets.find((x) => x.id === h.causalId);
  const lead = t ? ticketName(t) : h.causalId;
  const quote = clip(cueSentence(ctx, h.causalId, h.category) ?? t?.subject ?? "", 120);
  const out = (JOURNEY_CHECKS[h.category]?.(lead, quote, ctx) ?? []).slice();
  const kb = ctx.ws.knowledge.find((k) => h.support.includes(k.id) && k.resolution);
  if (kb) out.push(`Apply the fix from ${kb.id} ("${kb.title}"): ${kb.resolution}`);
  const others = [...new Set(h.support)].filter(
    (id) => id !== h.causalId && ctx.ws.tickets.some((x) => x.id === id),
  );
  for (const id of others.slice(0, 2)) {
    const said = cueSentence(ctx, id, h.category);
    if (said)
      out.push(`Re-read ${id} ("${clip(said, 120)}") and confirm it describes the same gap as ${lead}.`);
  }
  return out;
}

/** 1..5 concrete checks for hypothesis `h`. */
export function writeChecks(ctx: AnalysisContext, h: ScoredCandidate): string[] {
  const change = ctx.ws.changes.find((c) => c.id === h.causalId);
  const out = change ? changeChecks(ctx, h, change) : journeyChecks(ctx, h);
  return [...new Set(out)].slice(0, MAX_CHECKS);
}
