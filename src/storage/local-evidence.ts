/**
 * What warroom itself knows besides the CRM: changes reported to it and the escalations it ran (with the
 * category of their validated finding). Every case bundle merges these with the CRM's evidence.
 */
import type { Change } from "../domain/case-bundle.ts";
import type { ChangeAudience } from "../domain/change-report.ts";
import type { CrmEscalation, TimeWindow } from "../ports/crm-source.ts";
import { listChangesReaching } from "./change-store.ts";
import type { Sql } from "./database.ts";

/** Evidence recorded in warroom's own database. */
export interface LocalEvidence {
  /** Reported changes that reach the account inside the window. */
  listChanges(account: ChangeAudience, window: TimeWindow): Promise<Change[]>;
  /**
   * Escalations warroom opened inside the window, newest first; `originRef` names the CRM record one came
   * from (a Salesforce case), so the CRM's copy of it can be dropped.
   */
  listEscalations(window: TimeWindow): Promise<(CrmEscalation & { originRef: string | null })[]>;
}

interface EscalationRow {
  [column: string]: unknown;
  id: string;
  account_id: string;
  account_name: string;
  opened_at: Date;
  resolved_at: Date | null;
  summary: string;
  status: string;
  severity: string;
  origin_ref: string | null;
  attributes: Record<string, string | number | boolean> | null;
  category: CrmEscalation["rootCauseCategory"];
}

/** LocalEvidence over the database. */
export function createLocalEvidence(sql: Sql): LocalEvidence {
  return {
    listChanges: (account, window) => listChangesReaching(sql, account, window),
    async listEscalations(window) {
      const rows = await sql.query<EscalationRow>(
        `SELECT e.id, e.account_id, e.account_name, e.opened_at, e.resolved_at, e.summary, e.status, e.severity,
                e.origin_ref, e.metadata->'attributes' AS attributes, f.category
         FROM escalations e LEFT JOIN findings f ON f.escalation_id = e.id
         WHERE ($1::timestamptz IS NULL OR e.opened_at >= $1) AND ($2::timestamptz IS NULL OR e.opened_at <= $2)
         ORDER BY e.opened_at DESC, e.id`,
        [window.since ?? null, window.until ?? null],
      );
      return rows.map((r) => ({
        id: r.id,
        accountId: r.account_id,
        accountName: r.account_name,
        openedAt: new Date(r.opened_at).toISOString(),
        resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
        summary: r.summary,
        status: r.status,
        severity: r.severity,
        rootCauseCategory: r.category ?? null,
        originRef: r.origin_ref,
        ...(r.attributes ? { attributes: r.attributes } : {}),
      }));
    },
  };
}
