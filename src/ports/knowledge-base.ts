/**
 * KnowledgeBase: validated findings from past escalations, which feed the next analysis. Implemented by
 * integrations/local (the embedded default) and, later, integrations/notion.
 */
import type { KnowledgeItem } from "../domain/case-bundle.ts";
import type { FindingRecord } from "../storage/finding-store.ts";

/** Where validated findings live. */
export interface KnowledgeBase {
  /** Short name for logs and health output. */
  readonly name: string;
  /** Validated findings, newest first; at most `limit` (default all). */
  listFindings(limit?: number): Promise<KnowledgeItem[]>;
  /**
   * Writes a finding; idempotent by escalation id (a second write updates the same entry). Returns where
   * it lives. Throws an IntegrationError when the knowledge base is unavailable (the job retries).
   */
  writeFinding(finding: FindingRecord): Promise<{ ref: string; url: string }>;
}
