/**
 * Records changes reported by a deploy pipeline (POST /api/changes) or a file (`warroom changes import`):
 * validates every item first, so a bad batch stores nothing and the error says which item and field is
 * wrong; then stores them all in one statement. Reporting the same change twice keeps one: an item without
 * an id gets one derived from its content, so a retried request cannot duplicate it.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { type ReportedChange, reportedChangeSchema } from "../domain/change-report.ts";
import { findJsonValueProblem, formatLongPath } from "../domain/check-json-value.ts";
import { describeProblem, formatPath } from "../domain/describe-issue.ts";
import { InputError } from "../errors.ts";
import { type ChangeReporter, type StoredChange, upsertChanges } from "../storage/change-store.ts";
import type { Sql } from "../storage/database.ts";

/** The most changes one request or file may carry. */
export const MAX_CHANGES_PER_BATCH = 1000;

const batchSchema = z.array(reportedChangeSchema);

const EXAMPLE =
  '{"id":"deploy-2026-11-20-api","at":"2026-11-20T14:00:00Z","source":"vendor_deploy","scope":"global","title":"API v2.4","productArea":"salesforce-sync"}';

/** What recording did. */
export interface RecordChangesResult {
  created: number;
  updated: number;
  ids: string[];
}

/** An id that depends only on what the change says. */
function derivedId(change: ReportedChange): string {
  const key = [change.source, change.scope, change.accountId ?? "", Date.parse(change.at), change.title];
  return `CHG-${createHash("sha256").update(JSON.stringify(key)).digest("hex").slice(0, 16)}`;
}

/** Validates a JSON value (one change or an array of them) into changes ready to store. */
export function parseChanges(input: unknown): StoredChange[] {
  const batch = Array.isArray(input) ? input : [input];
  if (batch.length > MAX_CHANGES_PER_BATCH)
    throw new InputError(`too many changes: ${batch.length}; send at most ${MAX_CHANGES_PER_BATCH} at once`);
  // Before zod: it recurses, and PostgreSQL refuses NUL and lone surrogates with a 500.
  const bad = findJsonValueProblem(input);
  if (bad)
    throw new InputError(
      `invalid change (${formatLongPath(bad.path)}): ${bad.problem}. A change looks like ${EXAMPLE}`,
    );
  const parsed = batchSchema.safeParse(batch, { reportInput: true });
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    // A single object was wrapped in an array: its paths should not start with [0].
    const issue = first && !Array.isArray(input) ? { ...first, path: first.path.slice(1) } : first;
    const where = issue ? `(${formatPath(issue.path)}): ${describeProblem(issue)}` : "";
    throw new InputError(`invalid change ${where}. A change looks like ${EXAMPLE}`);
  }
  const changes = parsed.data.map((item) => ({ ...item, id: item.id ?? derivedId(item) }));
  const first = new Map<string, number>();
  changes.forEach((c, index) => {
    const earlier = first.get(c.id);
    if (earlier !== undefined)
      throw new InputError(
        `changes [${earlier}] and [${index}] are the same change (id ${c.id}); send each change once, or give them different ids`,
      );
    first.set(c.id, index);
  });
  return changes;
}

/** Validates and stores changes; the whole batch or nothing. */
export async function recordChanges(
  sql: Sql,
  input: unknown,
  reportedBy: ChangeReporter,
): Promise<RecordChangesResult> {
  const changes = parseChanges(input);
  const counts = await upsertChanges(sql, changes, reportedBy);
  return { ...counts, ids: changes.map((c) => c.id) };
}
