/**
 * A local dataset's past escalations, copied into warroom's store as history (origin `dataset`) with the
 * findings of those whose root cause was recorded, so the weekly digest counts them. The dataset stays the
 * source of truth: importing again updates what changed, drops what it no longer holds, and adds nothing
 * twice. These rows are not
 * war-rooms: an imported open escalation does not stop /escalate, and their findings are not written to a
 * knowledge base. Each records the articles that matched it among those validated before it opened, and its
 * finding whether one named its cause (match-knowledge.ts), so the digest's knowledge gaps reach back.
 */

import type { KnowledgeItem } from "../domain/case-bundle.ts";
import { CATEGORY_INFO } from "../domain/categories.ts";
import { lifecycleMonth } from "../domain/lifecycle.ts";
import type { CrmAccount, CrmEscalation, CrmSource } from "../ports/crm-source.ts";
import type { Sql } from "../storage/database.ts";
import { type KnowledgeMatch, matchKnowledge, needsArticle } from "./match-knowledge.ts";

interface HistoryRow {
  id: string;
  account_id: string;
  account_name: string;
  summary: string;
  severity: string;
  status: "open" | "resolved" | "closed";
  opened_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  arr: number | null;
  segment: string | null;
  metadata: Record<string, unknown>;
  knowledge_matches: KnowledgeMatch[];
  finding: Record<string, unknown> | null;
}

const OPEN_STATUSES = /^(open|new|working|escalated|in[ _-]?progress|pending|on[ _-]?hold|investigating)$/;

/** Resolved when it says so (or has a resolution time); open only when it says so; anything else closed. */
function statusOf(e: CrmEscalation): HistoryRow["status"] {
  const s = (e.status ?? "").trim().toLowerCase();
  if (s === "resolved" || (e.resolvedAt && !OPEN_STATUSES.test(s))) return "resolved";
  return OPEN_STATUSES.test(s) ? "open" : "closed";
}

function findingOf(
  e: CrmEscalation,
  a: CrmAccount | undefined,
  matches: KnowledgeMatch[],
): HistoryRow["finding"] {
  const category = e.rootCauseCategory;
  if (!category) return null;
  const resolution = typeof e.resolution === "string" ? e.resolution : "";
  return {
    title: (resolution.split(/(?<=[.;])\s/)[0] ?? e.summary).slice(0, 200) || e.summary.slice(0, 200),
    category,
    root_cause: resolution || e.summary,
    resolution,
    created_at: e.resolvedAt ?? e.openedAt,
    needs_article: needsArticle(matches, category),
    metadata: {
      imported: true,
      accountId: e.accountId,
      accountName: a?.name ?? e.accountName ?? e.accountId,
      segment: a?.segment ?? null,
      industry: a?.industry ?? null,
      arr: a?.arr ?? null,
      lifecycleMonth: lifecycleMonth(a?.contractStart, new Date(e.openedAt)),
      productAreas: e.productArea ? [e.productArea] : [],
      dimension: CATEGORY_INFO[category].dimension,
      preventableBy: CATEGORY_INFO[category].preventableBy,
      openedAt: e.openedAt,
      resolvedAt: e.resolvedAt ?? null,
    },
  };
}

function rowOf(e: CrmEscalation, a: CrmAccount | undefined, knowledge: KnowledgeItem[]): HistoryRow {
  const status = statusOf(e);
  const matches = matchKnowledge(knowledge, { summary: e.summary }, new Date(e.openedAt));
  return {
    id: e.id,
    account_id: e.accountId,
    account_name: a?.name ?? e.accountName ?? e.accountId,
    summary: e.summary,
    severity: e.severity ?? "normal",
    status,
    opened_at: e.openedAt,
    resolved_at: e.resolvedAt ?? null,
    // Closed without a resolution time (cancelled, a duplicate): closed when it was opened, as far as we know.
    closed_at:
      status === "closed"
        ? typeof e.closedAt === "string"
          ? e.closedAt
          : (e.resolvedAt ?? e.openedAt)
        : null,
    arr: a?.arr ?? null,
    segment: a?.segment ?? null,
    metadata: {
      imported: true,
      productArea: e.productArea ?? null,
      ...(a?.attributes ? { attributes: a.attributes } : {}),
    },
    knowledge_matches: matches,
    finding: findingOf(e, a, matches),
  };
}

/** Copies the CRM's escalations into the store as history; returns how many rows were written. */
export async function importEscalationHistory(
  sql: Sql,
  crm: CrmSource,
  knowledge: KnowledgeItem[] = [],
): Promise<number> {
  const [escalations, accounts] = await Promise.all([crm.listEscalations(), crm.listAccounts()]);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const rows = escalations.map((e) => rowOf(e, byId.get(e.accountId), knowledge));
  // What the dataset no longer holds is no longer history (its finding goes with it).
  await sql.query("DELETE FROM escalations WHERE origin = 'dataset' AND NOT (id = ANY($1::text[]))", [
    rows.map((r) => r.id),
  ]);
  if (rows.length === 0) return 0;
  const json = JSON.stringify(rows);
  const written = await sql.query(
    `INSERT INTO escalations (id, account_id, account_name, summary, severity, status, origin, origin_ref, opened_at,
                              resolved_at, closed_at, arr, segment, metadata, knowledge_matches)
     SELECT r.id, r.account_id, r.account_name, r.summary, r.severity, r.status, 'dataset', r.id, r.opened_at,
            r.resolved_at, r.closed_at, r.arr, r.segment, r.metadata, r.knowledge_matches
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, account_id text, account_name text, summary text, severity text,
          status text, opened_at timestamptz, resolved_at timestamptz, closed_at timestamptz, arr numeric, segment text,
          metadata jsonb, knowledge_matches jsonb)
     ON CONFLICT (id) DO UPDATE SET account_name = excluded.account_name, summary = excluded.summary,
       severity = excluded.severity, status = excluded.status, opened_at = excluded.opened_at,
       resolved_at = excluded.resolved_at, closed_at = excluded.closed_at, arr = excluded.arr, segment = excluded.segment,
       metadata = excluded.metadata, knowledge_matches = excluded.knowledge_matches, updated_at = now()
     WHERE escalations.origin = 'dataset'
     RETURNING 1`,
    [json],
  );
  await sql.query(
    `INSERT INTO findings (escalation_id, title, category, root_cause, resolution, metadata, created_at, kb_sync_state,
                           needs_article)
     SELECT r.id, f.title, f.category, f.root_cause, f.resolution, f.metadata, f.created_at, 'imported', f.needs_article
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, finding jsonb)
     CROSS JOIN LATERAL jsonb_to_record(r.finding) AS f(title text, category text, root_cause text, resolution text,
          metadata jsonb, created_at timestamptz, needs_article boolean)
     WHERE r.finding IS NOT NULL
       AND EXISTS (SELECT 1 FROM escalations e WHERE e.id = r.id AND e.origin = 'dataset')
     ON CONFLICT (escalation_id) DO UPDATE SET title = excluded.title, category = excluded.category,
       root_cause = excluded.root_cause, resolution = excluded.resolution, metadata = excluded.metadata,
       created_at = excluded.created_at, needs_article = excluded.needs_article
     WHERE findings.kb_sync_state = 'imported'`,
    [json],
  );
  return written.length;
}

/** Drops imported history: the CRM is no longer a local dataset, so its history no longer applies. */
export async function clearEscalationHistory(sql: Sql): Promise<number> {
  return (await sql.query("DELETE FROM escalations WHERE origin = 'dataset' RETURNING 1")).length;
}
