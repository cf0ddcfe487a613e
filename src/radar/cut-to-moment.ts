/**
 * No future knowledge: a ticket as it stood at a moment (comments after it removed, closed only if it was
 * closed by then), and an account's history cut the same way. The radar scores live threads and replays
 * past ones through the same cut.
 */
import type { Change, Ticket } from "../domain/case-bundle.ts";
import type { CrmAccount } from "../ports/crm-source.ts";
import type { AccountSnapshot } from "./radar-types.ts";

const CLOSED = new Set(["closed", "solved", "resolved"]);

/** Whether a ticket (already cut to the moment) is still open. */
export function isOpenTicket(ticket: Ticket): boolean {
  return !CLOSED.has(ticket.status.toLowerCase());
}

/** The ticket as it stood at `at`, or null when it did not exist yet. */
export function cutTicket(ticket: Ticket, at: Date): Ticket | null {
  const t = at.getTime();
  if (Date.parse(ticket.createdAt) > t) return null;
  const closedAt = ticket.closedAt ? Date.parse(ticket.closedAt) : null;
  const closedThen = closedAt !== null && closedAt <= t;
  const comments = (ticket.comments ?? []).filter((c) => Date.parse(c.at) <= t);
  return {
    ...ticket,
    comments,
    status: closedThen ? ticket.status : isOpenTicket(ticket) ? ticket.status : "open",
    closedAt: closedThen ? ticket.closedAt : null,
    resolution: closedThen ? ticket.resolution : null,
  };
}

/** The account's tickets and changes as known at `asOf`. */
export function snapshotAt(
  account: CrmAccount,
  tickets: readonly Ticket[],
  changes: readonly Change[],
  asOf: Date,
): AccountSnapshot {
  return {
    account,
    tickets: tickets.map((t) => cutTicket(t, asOf)).filter((t): t is Ticket => t !== null),
    changes: changes.filter((c) => Date.parse(c.at) <= asOf.getTime()),
    asOf,
  };
}
