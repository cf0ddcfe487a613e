/**
 * Changes reported to warroom (deploys, config changes, customer changes), stored so that every replica
 * and every later war-room sees them. A second report with the same id replaces the first.
 */
import type { Change } from "../domain/case-bundle.ts";
import type { ChangeAudience } from "../domain/change-report.ts";
import type { TimeWindow } from "../ports/crm-source.ts";
import type { Sql } from "./database.ts";

/** A change ready to store: an id is always present. */
export type StoredChange = Change & { accountId?: string; segment?: string; region?: string };

/** How the change reached warroom. */
export type ChangeReporter = "api" | "import";

/** Inserts or replaces changes in one statement; returns how many were new and how many replaced. */
export async function upsertChanges(
  sql: Sql,
  changes: StoredChange[],
  reportedBy: ChangeReporter,
): Promise<{ created: number; updated: number }> {
  if (changes.length === 0) return { created: 0, updated: 0 };
  const rows = await sql.query<{ created: boolean }>(
    `INSERT INTO changes (id, at, source, scope, account_id, segment, region, item, reported_by)
     SELECT c->>'id', (c->>'at')::timestamptz, c->>'source', c->>'scope', c->>'accountId', c->>'segment', c->>'region', c, $2
     FROM jsonb_array_elements($1::jsonb) AS c
     ON CONFLICT (id) DO UPDATE SET at = excluded.at, source = excluded.source, scope = excluded.scope,
       account_id = excluded.account_id, segment = excluded.segment, region = excluded.region,
       item = excluded.item, reported_by = excluded.reported_by, received_at = now()
     RETURNING (xmax = 0) AS created`,
    [JSON.stringify(changes), reportedBy],
  );
  const created = rows.filter((r) => r.created).length;
  return { created, updated: rows.length - created };
}

/**
 * Stored changes that reach `account` inside the window: its own, its segment's or region's, and global
 * ones; in the case bundle's shape, oldest first.
 */
export async function listChangesReaching(
  sql: Sql,
  account: ChangeAudience,
  window: TimeWindow = {},
): Promise<Change[]> {
  const region = account.attributes?.region;
  const rows = await sql.query<{ item: StoredChange }>(
    `SELECT item FROM changes
     WHERE ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at <= $3)
       AND (scope = 'global'
            OR (scope = 'account' AND account_id = $1)
            OR (scope = 'segment' AND (segment IS NULL OR $4::text IS NULL OR segment = $4)
                                  AND (region IS NULL OR $5::text IS NULL OR region = $5)))
     ORDER BY at, id`,
    [account.id, window.since ?? null, window.until ?? null, account.segment ?? null, region ?? null],
  );
  return rows.map(({ item: { accountId: _a, segment: _s, region: _r, ...change } }) => change);
}
