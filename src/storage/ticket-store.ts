/**
 * Tickets with their triage (migration 0011). One statement stores a batch: new tickets are inserted,
 * changed ones (another content hash) replaced with their new triage, unchanged ones left alone, so a poll
 * that sees the same case again writes nothing and replicas racing on one ticket end with one row.
 */
import type { Ticket } from "../domain/case-bundle.ts";
import type { TicketTriage } from "../triage/types.ts";
import type { Sql } from "./database.ts";

/** Where a ticket came from. */
export type TicketSource = "salesforce" | "local" | "api";

/** A ticket ready to store: the ticket, its account, its hash and its triage. */
export interface TicketRow {
  readonly ticket: Ticket;
  readonly accountId: string;
  readonly contentHash: string;
  readonly triage: TicketTriage;
}

/** What a store call did, by ticket id. */
export interface StoreTicketsResult {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
}

/** The content hashes already stored for `ids` (to skip re-triaging unchanged tickets). */
export async function readTicketHashes(sql: Sql, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await sql.query<{ id: string; content_hash: string }>(
    "SELECT id, content_hash FROM tickets WHERE id = ANY($1::text[])",
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.content_hash]));
}

/**
 * Inserts new tickets and replaces changed ones, with their triage, in one statement. With `retriage`, stored
 * tickets take the new triage even when unchanged (a new topic model), keeping where they came from.
 */
export async function storeTickets(
  sql: Sql,
  rows: readonly TicketRow[],
  source: TicketSource,
  options: { retriage?: boolean } = {},
): Promise<StoreTicketsResult> {
  if (!rows.length) return { created: [], updated: [], unchanged: [] };
  const payload = rows.map((r) => ({
    id: r.ticket.id,
    accountId: r.accountId,
    hash: r.contentHash,
    item: r.ticket,
    triage: r.triage,
  }));
  const written = await sql.query<{ id: string; created: boolean }>(
    `INSERT INTO tickets (id, account_id, source, item, content_hash, status, created_at, closed_at, triage, topic,
                          urgency, sentiment, sentiment_trend, policy_risk, automated_answer_allowed, triaged_at)
     SELECT r->>'id', r->>'accountId', $2, r->'item', r->>'hash', r->'item'->>'status',
            (r->'item'->>'createdAt')::timestamptz, (r->'item'->>'closedAt')::timestamptz, r->'triage',
            r->'triage'->'topic'->>'value', r->'triage'->'urgency'->>'value', r->'triage'->'sentiment'->>'value',
            r->'triage'->'sentiment'->>'trend', r->'triage'->'policyRisk'->>'value',
            (r->'triage'->>'automatedAnswerAllowed')::boolean, (r->'triage'->>'triagedAt')::timestamptz
     FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id,
       source = CASE WHEN $3::boolean THEN tickets.source ELSE excluded.source END, item = excluded.item,
       content_hash = excluded.content_hash, status = excluded.status, created_at = excluded.created_at,
       closed_at = excluded.closed_at, triage = excluded.triage, topic = excluded.topic, urgency = excluded.urgency,
       sentiment = excluded.sentiment, sentiment_trend = excluded.sentiment_trend, policy_risk = excluded.policy_risk,
       automated_answer_allowed = excluded.automated_answer_allowed, triaged_at = excluded.triaged_at, updated_at = now()
     WHERE tickets.content_hash <> excluded.content_hash OR $3::boolean
     RETURNING id, (xmax = 0) AS created`,
    [JSON.stringify(payload), source, options.retriage ?? false],
  );
  const created = written.filter((w) => w.created).map((w) => w.id);
  const updated = written.filter((w) => !w.created).map((w) => w.id);
  const touched = new Set(written.map((w) => w.id));
  return { created, updated, unchanged: rows.map((r) => r.ticket.id).filter((id) => !touched.has(id)) };
}

/** The stored triage of each of `ids` that has one. */
export async function readTicketTriage(sql: Sql, ids: readonly string[]): Promise<Map<string, TicketTriage>> {
  if (!ids.length) return new Map();
  const rows = await sql.query<{ id: string; triage: TicketTriage }>(
    "SELECT id, triage FROM tickets WHERE id = ANY($1::text[])",
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.triage]));
}

/** A stored ticket with its account and triage. */
export interface StoredTicket {
  readonly ticket: Ticket;
  readonly accountId: string;
  readonly triage: TicketTriage;
}

/** The stored tickets of an account (all accounts when unset), open ones only when asked, newest first. */
export async function listStoredTickets(
  sql: Sql,
  options: { accountId?: string; openOnly?: boolean } = {},
): Promise<StoredTicket[]> {
  const rows = await sql.query<{ item: Ticket; account_id: string; triage: TicketTriage }>(
    `SELECT item, account_id, triage FROM tickets
     WHERE ($1::text IS NULL OR account_id = $1) AND (NOT $2::boolean OR closed_at IS NULL)
     ORDER BY created_at DESC, id`,
    [options.accountId ?? null, options.openOnly ?? false],
  );
  return rows.map((r) => ({ ticket: r.item, accountId: r.account_id, triage: r.triage }));
}

/** Every stored ticket's content (for learning topics from the labelled ones), oldest first. */
export async function listTicketItems(sql: Sql): Promise<Ticket[]> {
  const rows = await sql.query<{ item: Ticket }>("SELECT item FROM tickets ORDER BY created_at, id");
  return rows.map((r) => r.item);
}

/** Product areas named by stored changes: the topic vocabulary when no labelled history exists. */
export async function listChangeProductAreas(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ area: string }>(
    "SELECT DISTINCT item->>'productArea' AS area FROM changes WHERE item->>'productArea' IS NOT NULL ORDER BY 1",
  );
  return rows.map((r) => r.area);
}
