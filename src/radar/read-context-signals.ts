/**
 * Signals read from around the thread: what the account is worth to us right now, and a known incident or
 * a recent change of ours touching the thread's topic.
 */
import type { Change, Ticket } from "../domain/case-bundle.ts";
import { formatMoney } from "../domain/money.ts";
import type { CrmAccount } from "../ports/crm-source.ts";
import { day, daysBetween, type RadarWeights } from "./radar-weights.ts";
import type { RawSignal } from "./read-thread-signals.ts";

/** ARR, segment, renewal close, contract new, health low: each adds its part, capped at 1. */
export function readAccountValue(account: CrmAccount, asOf: Date, weights: RadarWeights): RawSignal | null {
  const w = weights.account;
  const parts: { share: number; words: string }[] = [];
  if (account.arr !== undefined && account.arr >= w.highArr)
    parts.push({ share: w.parts.highArr, words: `ARR ${formatMoney(account.arr)}` });
  if (account.segment === "enterprise") parts.push({ share: w.parts.enterprise, words: "enterprise" });
  if (account.renewalDate) {
    const until = daysBetween(asOf, account.renewalDate);
    if (until >= 0 && until <= w.renewalWithinDays)
      parts.push({
        share: w.parts.renewal,
        words: `renews ${day(account.renewalDate)} (in ${Math.round(until)} days)`,
      });
  }
  if (account.contractStart) {
    const since = daysBetween(account.contractStart, asOf);
    if (since >= 0 && since <= w.newContractDays)
      parts.push({
        share: w.parts.newContract,
        words: `contract started ${day(account.contractStart)} (${Math.round(since)} days ago)`,
      });
  }
  if (account.healthScore !== undefined && account.healthScore < w.lowHealthBelow)
    parts.push({ share: w.parts.lowHealth, words: `health ${account.healthScore}/100` });
  if (parts.length === 0) return null;
  return {
    strength: Math.min(
      1,
      parts.reduce((sum, p) => sum + p.share, 0),
    ),
    reason: `Account value: ${parts.map((p) => p.words).join(", ")}`,
    evidence: [account.id],
  };
}

const OURS = new Set(["vendor_deploy", "vendor_config"]);

/** The product areas a thread is about: its topic and its tags. */
function areasOf(ticket: Ticket, topic: string | null): Set<string> {
  return new Set([...(topic ? [topic] : []), ...(ticket.tags ?? [])].map((a) => a.toLowerCase()));
}

/** An incident or a change of ours in the thread's area, in the days before its latest activity. */
export function readChangeOrIncident(
  ticket: Ticket,
  topic: string | null,
  changes: readonly Change[],
  asOf: Date,
  weights: RadarWeights,
): RawSignal | null {
  const areas = areasOf(ticket, topic);
  const touching = changes.filter(
    (c) =>
      (c.source === "incident" || OURS.has(c.source)) &&
      c.productArea !== undefined &&
      areas.has(c.productArea.toLowerCase()) &&
      daysBetween(c.at, asOf) >= 0 &&
      daysBetween(c.at, ticket.createdAt) <= weights.changeWindowDays,
  );
  if (touching.length === 0) return null;
  const incident = touching.some((c) => c.source === "incident");
  const listed = touching
    .slice(-3)
    .map((c) => `${c.id} "${c.title}" (${day(c.at)})`)
    .join(", ");
  return {
    strength: incident ? 1 : 0.7,
    reason: `${incident ? "A known incident" : "A recent change of ours"} in ${touching[0]?.productArea}: ${listed}`,
    evidence: touching.slice(-3).map((c) => c.id),
  };
}
