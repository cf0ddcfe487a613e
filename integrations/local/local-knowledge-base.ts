/**
 * The embedded knowledge base: the dataset's validated findings plus every finding confirmed in a
 * war-room (from the database), each also written as a Markdown file under DATA_DIR/knowledge so people
 * can read and share them. `exportMarkdown` writes the whole knowledge base to a folder. Notion replaces it
 * when configured.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { KnowledgeItem } from "../../src/domain/case-bundle.ts";
import type { KnowledgeBase } from "../../src/ports/knowledge-base.ts";
import type { Sql } from "../../src/storage/database.ts";
import { listConfirmedKnowledge } from "../../src/storage/finding-store.ts";
import { buildFindingDocument } from "../../src/war-room/build-finding-document.ts";
import { renderFindingMarkdown, renderKnowledgeItemMarkdown } from "./render-finding-markdown.ts";

/** Configuration of the local knowledge base. */
export interface LocalKnowledgeBaseAdapterConfig {
  /** Findings that came with the dataset. */
  findings: KnowledgeItem[];
  /** Where confirmed findings are stored; without it only the dataset's are listed. */
  db?: Sql;
  /** Folder for the Markdown files; without it nothing is written to disk. */
  dir?: string;
}

/** The local knowledge base, with its Markdown export. */
export interface LocalKnowledgeBaseAdapter extends KnowledgeBase {
  /** Writes every finding as `<id>.md` plus an `index.md` into `dir`; returns how many. */
  exportMarkdown(dir: string): Promise<number>;
}

const fileName = (id: string) => `${id.replace(/[^A-Za-z0-9._-]+/g, "_")}.md`;

/** Creates the local knowledge base. */
export function createLocalKnowledgeBaseAdapter(
  config: LocalKnowledgeBaseAdapterConfig,
): LocalKnowledgeBaseAdapter {
  const dataset = [...config.findings];
  const listFindings = async (limit?: number) => {
    const confirmed = config.db ? await listConfirmedKnowledge(config.db) : [];
    const all = [...confirmed, ...dataset].sort((a, b) =>
      (b.validatedAt ?? "").localeCompare(a.validatedAt ?? ""),
    );
    return all.slice(0, limit ?? all.length);
  };
  // A finding confirmed here exports with its evidence, timeline and rejected hypotheses.
  const render = async (k: KnowledgeItem) => {
    const document =
      config.db && k.id.startsWith("F-") ? await buildFindingDocument(config.db, k.id.slice(2)) : null;
    return document ? renderFindingMarkdown(document) : renderKnowledgeItemMarkdown(k);
  };
  return {
    name: "local knowledge base",
    listFindings,
    async writeFinding(finding) {
      const ref = `local:${finding.escalationId}`;
      if (!config.dir) return { ref, url: ref };
      await mkdir(config.dir, { recursive: true });
      const path = join(config.dir, fileName(finding.escalationId));
      await writeFile(path, renderFindingMarkdown(finding));
      return { ref, url: pathToFileURL(path).toString() };
    },
    async exportMarkdown(dir) {
      const items = await listFindings();
      await mkdir(dir, { recursive: true });
      await Promise.all(items.map(async (k) => writeFile(join(dir, fileName(k.id)), await render(k))));
      const index = items.map(
        (k) => `- [${k.title}](${fileName(k.id)}) · ${k.category} · ${k.validatedAt ?? ""}`,
      );
      await writeFile(
        join(dir, "index.md"),
        `# Knowledge base\n\n${items.length} findings, newest first.\n\n${index.join("\n")}\n`,
      );
      return items.length;
    },
  };
}
