/**
 * Resolved escalations with findings, written straight to the database: what the outbox finds after a
 * team confirmed a root cause and recorded the resolution.
 */
import type { Category } from "../../src/domain/categories.ts";
import type { Database } from "../../src/storage/database.ts";
import { openEscalation, setEscalationStatus } from "../../src/storage/escalation-store.ts";
import { saveFinding } from "../../src/storage/finding-store.ts";

/** Opens, resolves and records the finding of an escalation; returns its id. */
export async function seedResolvedEscalation(
  db: Database,
  input: { accountId: string; accountName: string; title: string; category?: Category; rootCause?: string },
): Promise<string> {
  const opened = await openEscalation(db, {
    accountId: input.accountId,
    accountName: input.accountName,
    summary: `${input.accountName}: ${input.title}`,
    severity: "high",
    origin: "terminal",
    openedAt: new Date("2026-11-19T16:05:00Z"),
    arr: 120000,
    segment: "enterprise",
  });
  const id = opened.escalation.id;
  await saveFinding(db, {
    escalationId: id,
    title: input.title,
    category: input.category ?? "customer_change",
    rootCause: input.rootCause ?? `${input.title}, confirmed by the sync log.`,
    contributingFactors: ["No alert on mapping errors"],
    resolution: "- Remapped the fields\n- Re-ran the sync",
    prevention: ["Warn on unknown fields"],
    metadata: { segment: "enterprise", arr: 120000, lifecycleMonth: 9, productAreas: ["salesforce-sync"] },
    confirmedBy: ["U01ALICE0"],
  });
  await setEscalationStatus(db, id, "resolved", new Date("2026-11-20T10:00:00Z"));
  return id;
}
