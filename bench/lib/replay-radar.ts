/**
 * Replays a dataset through a risk rule with no future knowledge: at each moment a ticket of an account
 * was opened or commented on, the account's history is cut to that moment and scored. Used by
 * bench/radar-sample.ts for the radar and its peers.
 */
import type { Change, Ticket } from "../../src/domain/case-bundle.ts";
import type { CrmAccount } from "../../src/ports/crm-source.ts";
import { snapshotAt } from "../../src/radar/cut-to-moment.ts";
import type { AccountSnapshot } from "../../src/radar/radar-types.ts";

/** A thread that a rule would alert on at a moment, and at which level. */
export interface Flag {
  ticketId: string;
  level: string;
  at: Date;
}

/** A rule: the alerts it raises on one snapshot (one per open thread at most). */
export type RiskRule = (snapshot: AccountSnapshot) => Promise<{ ticketId: string; level: string }[]>;

/** The moments an account's tickets changed inside [from, to). */
export function momentsOf(tickets: readonly Ticket[], from: Date, to: Date): Date[] {
  const times = new Set<number>();
  for (const t of tickets) {
    for (const at of [t.createdAt, ...(t.comments ?? []).map((c) => c.at)]) {
      const ms = Date.parse(at);
      if (ms >= from.getTime() && ms < to.getTime()) times.add(ms);
    }
  }
  return [...times].sort((a, b) => a - b).map((ms) => new Date(ms));
}

const RANK: Record<string, number> = { watch: 1, high: 2, critical: 3 };

/**
 * Alerts a rule raises over the moments, deduplicated as the radar does: one per thread per level, and none
 * at a level below one the thread already had.
 */
export async function replay(
  account: CrmAccount,
  tickets: readonly Ticket[],
  changes: readonly Change[],
  moments: readonly Date[],
  rule: RiskRule,
): Promise<Flag[]> {
  const highest = new Map<string, number>();
  const flags: Flag[] = [];
  for (const at of moments) {
    for (const hit of await rule(snapshotAt(account, tickets, changes, at))) {
      const rank = RANK[hit.level] ?? 1;
      if (rank <= (highest.get(hit.ticketId) ?? 0)) continue;
      highest.set(hit.ticketId, rank);
      flags.push({ ...hit, at });
    }
  }
  return flags;
}
