/**
 * KnowledgeBase: validated findings from past escalations, which feed the next analysis. Implemented by
 * integrations/local (the embedded default) and, later, integrations/notion.
 */
import type { KnowledgeItem } from "../domain/case-bundle.ts";

/** Where validated findings live. */
export interface KnowledgeBase {
  /** Short name for logs and health output. */
  readonly name: string;
  /** Validated findings, newest first; at most `limit` (default all). */
  listFindings(limit?: number): Promise<KnowledgeItem[]>;
}
