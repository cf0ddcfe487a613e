/**
 * The embedded knowledge base: the dataset's validated findings plus every finding confirmed in a
 * war-room (from the database), each also written as a Markdown file under DATA_DIR/knowledge so people
 * can read and share them. Notion replaces it when configured (issue #5).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { KnowledgeItem } from "../../src/domain/case-bundle.ts";
import type { KnowledgeBase } from "../../src/ports/knowledge-base.ts";
import type { Sql } from "../../src/storage/database.ts";
import type { FindingRecord } from "../../src/storage/finding-store.ts";

/** Configuration of the local knowledge base. */
export interface LocalKnowledgeBaseAdapterConfig {
  /** Findings that came with the dataset. */
  findings: KnowledgeItem[];
  /** Where confirmed findings are stored; without it only the dataset's are listed. */
  db?: Sql;
  /** Folder for the Markdown files; without it nothing is written to disk. */
  dir?: string;
}

/** A KnowledgeBase over the dataset and the database. */
export type LocalKnowledgeBaseAdapter = KnowledgeBase;

function toMarkdown(f: FindingRecord): string {
  const list = (items: string[]) =>
    items.length ? items.map((i) => `- ${i}`).join("\n") : "- none recorded";
  return [
    `# ${f.title}`,
    "",
    `Escalation ${f.escalationId} · category ${f.category} · confirmed by ${f.confirmedBy.join(", ")} · ${f.createdAt.toISOString().slice(0, 10)}`,
    "",
    "## Root cause",
    f.rootCause,
    "",
    "## Contributing factors",
    list(f.contributingFactors),
    "",
    "## Resolution",
    f.resolution || "- none recorded",
    "",
    "## Prevention",
    list(f.prevention),
    "",
    "## Metadata",
    "```json",
    JSON.stringify(f.metadata, null, 2),
    "```",
    "",
  ].join("\n");
}

/** Creates the local knowledge base. */
export function createLocalKnowledgeBaseAdapter(
  config: LocalKnowledgeBaseAdapterConfig,
): LocalKnowledgeBaseAdapter {
  const dataset = [...config.findings];
  return {
    name: "local knowledge base",
    async listFindings(limit) {
      const confirmed = config.db
        ? await config.db.query<{
            id: string;
            title: string;
            category: KnowledgeItem["category"];
            root_cause: string;
            resolution: string;
            validated: string;
            areas: string[] | null;
          }>(
            `SELECT 'F-' || escalation_id AS id, title, category, root_cause, resolution, to_char(created_at, 'YYYY-MM-DD') AS validated,
                    ARRAY(SELECT jsonb_array_elements_text(coalesce(metadata->'productAreas', '[]'))) AS areas
             FROM findings ORDER BY created_at DESC`,
          )
        : [];
      const fromDb: KnowledgeItem[] = confirmed.map((r) => ({
        id: r.id,
        title: r.title,
        category: r.category,
        symptoms: r.root_cause,
        rootCause: r.root_cause,
        resolution: r.resolution,
        tags: r.areas ?? [],
        validatedAt: r.validated,
      }));
      const all = [...fromDb, ...dataset].sort((a, b) =>
        (b.validatedAt ?? "").localeCompare(a.validatedAt ?? ""),
      );
      return all.slice(0, limit ?? all.length);
    },
    async writeFinding(finding) {
      const ref = `local:${finding.escalationId}`;
      if (!config.dir) return { ref, url: ref };
      await mkdir(config.dir, { recursive: true });
      const path = join(config.dir, `${finding.escalationId}.md`);
      await writeFile(path, toMarkdown(finding));
      return { ref, url: pathToFileURL(path).toString() };
    },
  };
}
