/**
 * Scores every open thread of one account snapshot: triages its tickets (as they stood then) and reads
 * the signals of each open one. Pure apart from the triage function; the bench replays history through it.
 */
import { isOpenTicket } from "./cut-to-moment.ts";
import type { AccountSnapshot, RiskAssessment, TriageFn } from "./radar-types.ts";
import { RADAR_WEIGHTS, type RadarWeights } from "./radar-weights.ts";
import { scoreThread, type TriagedTicket } from "./score-thread.ts";

/** Open threads of the snapshot by risk, highest first. `only` limits scoring to those ticket ids. */
export async function assessSnapshot(
  snapshot: AccountSnapshot,
  triage: TriageFn,
  options: { only?: ReadonlySet<string>; weights?: RadarWeights } = {},
): Promise<RiskAssessment[]> {
  const weights = options.weights ?? RADAR_WEIGHTS;
  const recent = snapshot.tickets.filter(
    (t) =>
      isOpenTicket(t) ||
      snapshot.asOf.getTime() - Date.parse(t.createdAt) <= 2 * weights.repeatWindowDays * 86_400_000,
  );
  const knownAreas = [...new Set(snapshot.changes.map((c) => c.productArea).filter((a): a is string => !!a))];
  const context = { account: snapshot.account, asOf: snapshot.asOf, knownAreas };
  const triaged: TriagedTicket[] = [];
  for (const ticket of recent) triaged.push({ ticket, triage: await triage(ticket, context) });
  return triaged
    .filter((t) => isOpenTicket(t.ticket) && (!options.only || options.only.has(t.ticket.id)))
    .map((t) => scoreThread(t, snapshot, triaged, weights))
    .sort((a, b) => b.score - a.score);
}
