/**
 * Benchmark: the escalation-risk radar replayed on the bundled sample dataset, with no future knowledge.
 * For each past escalation, the account's tickets of the 30 days before it are scored at every moment one
 * was opened or commented on: was a thread flagged before the escalation, and how many days before? On the
 * quiet accounts (never escalated), every alert the radar would have raised counts as a false alarm, per
 * week of history. The radar is printed beside two simple peers measured in the same run: an ARR-only rule
 * and a sentiment-only rule, each tuned to alert about as rarely as a simple rule can.
 *
 *   node bench/radar-sample.ts [--threshold 0.7]
 */
import { parseArgs } from "node:util";
import { createLocalCrmAdapter, loadDataset, SAMPLE_DATASET_DIR } from "../integrations/local/index.ts";
import type { Ticket } from "../src/domain/case-bundle.ts";
import { assessSnapshot } from "../src/radar/assess-snapshot.ts";
import { defaultTriage } from "../src/radar/default-triage.ts";
import { RADAR_WEIGHTS } from "../src/radar/radar-weights.ts";
import { type Flag, momentsOf, type RiskRule, replay } from "./lib/replay-radar.ts";

const { values } = parseArgs({ options: { threshold: { type: "string", default: "0.7" } } });
const threshold = Number(values.threshold);
const DAY = 86_400_000;
const LEAD_WINDOW_DAYS = RADAR_WEIGHTS.repeatWindowDays;

const dataset = await loadDataset(SAMPLE_DATASET_DIR);
const crm = createLocalCrmAdapter({ dataset, label: "sample" });
const { triage, label: triageLabel } = defaultTriage();

const radar: RiskRule = async (snapshot) =>
  (await assessSnapshot(snapshot, triage))
    .filter((a) => a.score >= threshold)
    .map((a) => ({ ticketId: a.ticketId, level: a.level ?? "watch" }));
const arrs = dataset.accounts.map((a) => a.arr ?? 0).sort((a, b) => a - b);
const topQuartileArr = arrs[Math.floor(arrs.length * 0.75)] ?? 0;
/** Peer: every open thread of an account in the top quartile of ARR. */
const arrOnly: RiskRule = async (snapshot) =>
  (snapshot.account.arr ?? 0) >= topQuartileArr ? openThreads(snapshot.tickets) : [];
/** Peer: every open thread whose customer is angry, or frustrated and getting worse. */
const sentimentOnly: RiskRule = async (snapshot) => {
  const hits: { ticketId: string; level: string }[] = [];
  for (const ticket of snapshot.tickets.filter(isOpen)) {
    const { value, trend } = (await triage(ticket, snapshot.account)).sentiment;
    if (value === "angry" || (value === "frustrated" && trend === "worsening"))
      hits.push({ ticketId: ticket.id, level: "high" });
  }
  return hits;
};
const isOpen = (t: Ticket) => !["closed", "solved", "resolved"].includes(t.status.toLowerCase());
const openThreads = (tickets: readonly Ticket[]) =>
  tickets.filter(isOpen).map((t) => ({ ticketId: t.id, level: "high" }));

const ticketsOf = (accountId: string) => dataset.tickets.filter((t) => t.accountId === accountId);
const escalated = new Set(dataset.escalations.map((e) => e.accountId));
const quiet = dataset.accounts.filter((a) => !escalated.has(a.id));
const span = momentsOf(dataset.tickets, new Date(0), new Date(8.64e15));
const weeks = (span.at(-1)!.getTime() - span[0]!.getTime()) / (7 * DAY);

async function measure(name: string, rule: RiskRule) {
  const leads: number[] = [];
  for (const escalation of dataset.escalations) {
    const account = dataset.accounts.find((a) => a.id === escalation.accountId)!;
    const openedAt = new Date(escalation.openedAt);
    const from = new Date(openedAt.getTime() - LEAD_WINDOW_DAYS * DAY);
    const tickets = ticketsOf(account.id);
    const changes = await crm.listChanges(account.id);
    const flags: Flag[] = await replay(account, tickets, changes, momentsOf(tickets, from, openedAt), rule);
    if (flags.length > 0) leads.push((openedAt.getTime() - flags[0]!.at.getTime()) / DAY);
  }
  let falseAlarms = 0;
  for (const account of quiet) {
    const tickets = ticketsOf(account.id);
    const moments = momentsOf(tickets, span[0]!, new Date(span.at(-1)!.getTime() + 1));
    falseAlarms += (await replay(account, tickets, await crm.listChanges(account.id), moments, rule)).length;
  }
  leads.sort((a, b) => a - b);
  const median = leads.length > 0 ? leads[Math.floor(leads.length / 2)]! : Number.NaN;
  console.log(
    `  ${name.padEnd(16)} flagged ${String(leads.length).padStart(2)}/${dataset.escalations.length} escalations` +
      `  median ${median.toFixed(1)} days before (≥1 day: ${leads.filter((d) => d >= 1).length})` +
      `  false alarms ${(falseAlarms / weeks).toFixed(2)}/week on ${quiet.length} quiet accounts (${falseAlarms} in ${weeks.toFixed(0)} weeks)`,
  );
}

console.log(
  `radar on the bundled sample: ${dataset.escalations.length} escalations, tickets of the ${LEAD_WINDOW_DAYS} days before each replayed; threshold ${threshold}; triage: ${triageLabel}`,
);
const started = performance.now();
await measure("radar", radar);
const radarMs = performance.now() - started;
await measure(`ARR-only (≥${topQuartileArr})`, arrOnly);
await measure("sentiment-only", sentimentOnly);
console.log(`  radar replay took ${(radarMs / 1000).toFixed(1)} s`);
