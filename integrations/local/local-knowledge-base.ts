/**
 * The embedded knowledge base: validated findings from the local dataset. Findings confirmed in war-rooms
 * join it when the resolution flow lands (issue #4); Notion replaces it when configured (issue #5).
 */
import type { KnowledgeItem } from "../../src/domain/case-bundle.ts";
import type { KnowledgeBase } from "../../src/ports/knowledge-base.ts";

/** Configuration of the local knowledge base. */
export interface LocalKnowledgeBaseAdapterConfig {
  findings: KnowledgeItem[];
}

/** A KnowledgeBase over in-memory findings. */
export type LocalKnowledgeBaseAdapter = KnowledgeBase;

/** Creates the local knowledge base. */
export function createLocalKnowledgeBaseAdapter(
  config: LocalKnowledgeBaseAdapterConfig,
): LocalKnowledgeBaseAdapter {
  const newestFirst = [...config.findings].sort((a, b) =>
    (b.validatedAt ?? "").localeCompare(a.validatedAt ?? ""),
  );
  return {
    name: "local knowledge base",
    async listFindings(limit) {
      return newestFirst.slice(0, limit ?? newestFirst.length);
    },
  };
}
