/**
 * Benchmark: the escalation-risk radar replayed on the bundled sample dataset, with no future knowledge.
 * For each past escalation, the account's tickets of the 30 days before it are scored at every moment one
 * was opened or commented on: was a thread flagged before the escalation, and how many days before? On the
 * quiet accounts (never escalated), every alert the radar would have raised counts as a false alarm, per
 * week of history; over all accounts, the alert load per week and the share of alerts that an escalation of
 * the account followed within 30 days (a rule that alerts on every big account is cheap on quiet small ones). The radar is printed beside two simple peers measured in the same run: an ARR-only rule
 * and a sentiment-only rule, each tuned to alert about as rarely as a simple rule can.
 *
 * The radar is measured at the default threshold and at the levels below it (the weights are not refitted:
 * the sweep shows the trade-off an admin makes with RISK_ALERT_THRESHOLD).
 *
 *   node bench/radar-sample.ts [--thresholds 0.5,0.6,0.7]
 */
import { parseArgs } from "node:util";
import { createLocalCrmAdapter, loadDataset, SAMPLE_DATASET_DIR } from "../integrations/local/index.ts";
import type { Ticket } from "../src/domain/case-bundle.ts";
import { assessSnapshot } from "../src/radar/assess-snapshot.ts";
import { defaultTriage } from "../src/radar/default-triage.ts";
import { RADAR_WEIGHTS } from "../src/radar/radar-weights.ts";
import { type Flag, momentsOf, type RiskRule, replay } from "./lib/replay-radar.ts";

const { values } = parseArgs({ options: { thresholds: { type: "string", default: "0.5,0.6,0.7" } } });
const thresholds = values.thresholds.split(",").map(Number);
const DAY = 86_400_000;
const LEAD_WINDOW_DAYS = RADAR_WEIGHTS.repeatWindowDays;

const dataset = await loadDataset(SAMPLE_DATASET_DIR);
const crm = createLocalCrmAdapter({ dataset, label: "sample" });
const { triage, label: triageLabel } = defaultTriage();

const radarAt =
  (threshold: number): RiskRule =>
  async (snapshot) =>
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
    const { value, trend } = (
      await triage(ticket, { account: snapshot.account, asOf: snapshot.asOf, knownAreas: [] })
    ).sentiment;
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

/** Every alert a rule raises over the whole history of every account, replayed moment by moment. */
async function alertsOf(rule: RiskRule): Promise<Map<string, Flag[]>> {
  const byAccount = new Map<string, Flag[]>();
  for (const account of dataset.accounts) {
    const tickets = ticketsOf(account.id);
    const moments = momentsOf(tickets, span[0]!, new Date(span.at(-1)!.getTime() + 1));
    byAccount.set(
      account.id,
      await replay(account, tickets, await crm.listChanges(account.id), moments, rule),
    );
  }
  return byAccount;
}

const escalationsOf = (accountId: string) =>
  dataset.escalations.filter((e) => e.accountId === accountId).map((e) => Date.parse(e.openedAt));

async function measure(name: string, rule: RiskRule) {
  const flags = await alertsOf(rule);
  const leads: number[] = [];
  for (const escalation of dataset.escalations) {
    const openedAt = Date.parse(escalation.openedAt);
    const before = (flags.get(escalation.accountId) ?? []).filter(
      (f) => f.at.getTime() < openedAt && openedAt - f.at.getTime() <= LEAD_WINDOW_DAYS * DAY,
    );
    if (before.length > 0) leads.push((openedAt - before[0]!.at.getTime()) / DAY);
  }
  const all = [...flags.entries()].flatMap(([accountId, list]) => list.map((f) => ({ accountId, ...f })));
  const followed = all.filter((f) =>
    escalationsOf(f.accountId).some(
      (at) => at > f.at.getTime() && at - f.at.getTime() <= LEAD_WINDOW_DAYS * DAY,
    ),
  ).length;
  const quietAlarms = quiet.reduce((n, a) => n + (flags.get(a.id)?.length ?? 0), 0);
  leads.sort((a, b) => a - b);
  const median = leads.length > 0 ? leads[Math.floor(leads.length / 2)]! : Number.NaN;
  console.log(
    `  ${name.padEnd(20)} flagged ${String(leads.length).padStart(2)}/${dataset.escalations.length}` +
      `  median ${median.toFixed(1).padStart(4)} d before (≥1 d: ${String(leads.filter((d) => d >= 1).length).padStart(2)})` +
      `  quiet-account false alarms ${(quietAlarms / weeks).toFixed(2)}/wk (${quietAlarms})` +
      `  all alerts ${(all.length / weeks).toFixed(1)}/wk, ${all.length ? Math.round((100 * followed) / all.length) : 0}% followed by an escalation within ${LEAD_WINDOW_DAYS} d`,
  );
}

console.log(
  `radar on the bundled sample: ${dataset.escalations.length} escalations, tickets of the ${LEAD_WINDOW_DAYS} days before each replayed; triage: ${triageLabel}`,
);
const started = performance.now();
console.log(
  `  ${weeks.toFixed(0)} weeks of history; ${quiet.length} quiet accounts of ${dataset.accounts.length}`,
);
for (const threshold of thresholds) await measure(`radar ≥ ${threshold}`, radarAt(threshold));
const radarMs = (performance.now() - started) / thresholds.length;
await measure(`ARR-only (≥${topQuartileArr})`, arrOnly);
await measure("sentiment-only", sentimentOnly);
console.log(`  one radar replay took ${(radarMs / 1000).toFixed(1)} s`);
