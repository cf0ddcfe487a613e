/**
 * Findings as Markdown: one file per finding in the local knowledge base, and `warroom knowledge export`.
 * Same sections as a Notion page, so a team can move between the two without losing anything.
 */
import type { KnowledgeItem } from "../../src/domain/case-bundle.ts";
import type { FindingDocument } from "../../src/ports/knowledge-base.ts";
import { type FindingSection, findingFacts, findingSections } from "../../src/war-room/finding-sections.ts";

const list = (items: string[]) => (items.length ? items.map((i) => `- ${i}`).join("\n") : "- none recorded");

function section(s: FindingSection): string[] {
  const prose = s.prose === undefined ? [] : [s.prose.trim() || "None recorded.", ""];
  const items = s.items === undefined ? [] : [...(s.listLabel ? [s.listLabel] : []), list(s.items), ""];
  return [`## ${s.title}`, ...prose, ...items];
}

/** A confirmed finding with its evidence, timeline and ruled-out hypotheses. */
export function renderFindingMarkdown(f: FindingDocument): string {
  return [`# ${f.title}`, "", findingFacts(f).join(" · "), "", ...findingSections(f).flatMap(section)].join(
    "\n",
  );
}

/** A knowledge item that came with a dataset or from another knowledge base. */
export function renderKnowledgeItemMarkdown(k: KnowledgeItem): string {
  return [
    `# ${k.title}`,
    "",
    [
      `${k.id}`,
      `category ${k.category}`,
      k.validatedAt && `validated ${k.validatedAt.slice(0, 10)}`,
      k.tags?.length && `tags ${k.tags.join(", ")}`,
    ]
      .filter(Boolean)
      .join(" · "),
    "",
    "## Symptoms",
    k.symptoms ?? "- not recorded",
    "",
    "## Root cause",
    k.rootCause ?? "- not recorded",
    "",
    "## Resolution",
    k.resolution ?? "- not recorded",
    "",
  ].join("\n");
}
