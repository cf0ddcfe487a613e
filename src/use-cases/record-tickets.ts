/**
 * Records tickets from any source (the CRM poll, the local dataset at start, POST /api/tickets) with their
 * triage. A ticket whose content is unchanged since it was last stored is neither re-triaged nor rewritten;
 * a new or changed one is triaged and stored in the same batch statement. A pushed batch is validated whole
 * first, so a bad item stores nothing and the error names the item and field.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Ticket } from "../domain/case-bundle.ts";
import { findJsonValueProblem, formatLongPath } from "../domain/check-json-value.ts";
import { describeProblem, formatPath } from "../domain/describe-issue.ts";
import { InputError } from "../errors.ts";
import type { Sql } from "../storage/database.ts";
import {
  readTicketHashes,
  type StoreTicketsResult,
  storeTickets,
  type TicketRow,
  type TicketSource,
} from "../storage/ticket-store.ts";
import { pushedTicketSchema } from "../triage/ticket-input.ts";
import { triageTicket } from "../triage/triage-ticket.ts";
import type { TriageContext } from "../triage/types.ts";

/** The most tickets one request may carry. */
export const MAX_TICKETS_PER_BATCH = 500;

const EXAMPLE =
  '{"id":"500-123","accountId":"acc-1","subject":"Sync failing","status":"open","createdAt":"2026-11-20T14:00:00Z","comments":[{"at":"2026-11-20T15:00:00Z","author":"customer","body":"Still failing"}]}';

/** A ticket and the account it belongs to. */
export interface AccountTicket {
  readonly ticket: Ticket;
  readonly accountId: string;
}

/** What triage needs for one account's tickets (its routing facts, the organisation's topic model). */
export type TriageContextFor = (accountId: string) => Promise<TriageContext>;

/** Validates a pushed body (one ticket or an array) into tickets with their accounts. */
export function parsePushedTickets(input: unknown): AccountTicket[] {
  const batch = Array.isArray(input) ? input : [input];
  if (batch.length > MAX_TICKETS_PER_BATCH) {
    throw new InputError(`too many tickets: ${batch.length}; send at most ${MAX_TICKETS_PER_BATCH} at once`);
  }
  // Before zod, as for changes: zod recurses, and PostgreSQL refuses NUL and lone surrogates with a 500.
  const bad = findJsonValueProblem(input);
  if (bad) {
    throw new InputError(
      `invalid ticket (${formatLongPath(bad.path)}): ${bad.problem}. A ticket looks like ${EXAMPLE}`,
    );
  }
  const parsed = z.array(pushedTicketSchema).safeParse(batch, { reportInput: true });
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    const issue = first && !Array.isArray(input) ? { ...first, path: first.path.slice(1) } : first;
    const where = issue ? `(${formatPath(issue.path)}): ${describeProblem(issue)}` : "";
    throw new InputError(`invalid ticket ${where}. A ticket looks like ${EXAMPLE}`);
  }
  const seen = new Set<string>();
  return parsed.data.map(({ accountId, ...ticket }, index) => {
    if (seen.has(ticket.id))
      throw new InputError(`ticket [${index}] repeats id ${ticket.id}; send each ticket once`);
    seen.add(ticket.id);
    return { ticket, accountId };
  });
}

/** The hash of a ticket's content: what decides whether it changed. */
export function ticketHash(ticket: Ticket): string {
  return createHash("sha256").update(JSON.stringify(ticket)).digest("hex");
}

/**
 * Triages the new and changed tickets of a batch and stores them; with `retriage`, every ticket of the batch
 * (a new topic model was learned), keeping each stored one's source.
 */
export async function recordTickets(
  sql: Sql,
  tickets: readonly AccountTicket[],
  source: TicketSource,
  contextFor: TriageContextFor,
  options: { retriage?: boolean } = {},
): Promise<StoreTicketsResult> {
  const retriage = options.retriage ?? false;
  const hashes = retriage
    ? new Map<string, string>()
    : await readTicketHashes(
        sql,
        tickets.map((t) => t.ticket.id),
      );
  const contexts = new Map<string, TriageContext>();
  const rows: TicketRow[] = [];
  for (const { ticket, accountId } of tickets) {
    const contentHash = ticketHash(ticket);
    if (hashes.get(ticket.id) === contentHash) continue;
    let context = contexts.get(accountId);
    if (!context) {
      context = await contextFor(accountId);
      contexts.set(accountId, context);
    }
    rows.push({ ticket, accountId, contentHash, triage: triageTicket(ticket, context) });
  }
  const stored = await storeTickets(sql, rows, source, { retriage });
  const triaged = new Set(rows.map((r) => r.ticket.id));
  const skipped = tickets.map((t) => t.ticket.id).filter((id) => !triaged.has(id));
  return { ...stored, unchanged: [...stored.unchanged, ...skipped] };
}

/** Validates and records a pushed body; the whole batch or nothing. */
export async function recordPushedTickets(
  sql: Sql,
  input: unknown,
  contextFor: TriageContextFor,
): Promise<StoreTicketsResult> {
  return recordTickets(sql, parsePushedTickets(input), "api", contextFor);
}
