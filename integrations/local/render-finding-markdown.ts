/**
 * Findings as Markdown: one file per finding in the local knowledge base, and `warroom knowledge export`.
 * Same sections as a Notion page, so a team can move between the two without losing anything.
 */
import type { KnowledgeItem } from "../../src/domain/case-bundle.ts";
import type { FindingDocument } from "../../src/ports/knowledge-base.ts";

const list = (items: string[]) => (items.length ? items.map((i) => `- ${i}`).join("\n") : "- none recorded");
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "open");

/** A confirmed finding with its evidence, timeline and ruled-out hypotheses. */
export function renderFindingMarkdown(f: FindingDocument): string {
  const a = f.account;
  const facts = [
    `escalation ${f.escalationId}`,
    `account ${a.name}`,
    `category ${f.category} (${f.dimension}, preventable by ${f.preventableBy})`,
    a.segment && `segment ${a.segment}`,
    a.arr !== null && `ARR ${a.arr}`,
    a.lifecycleMonth !== null && `lifecycle month ${a.lifecycleMonth}`,
    f.productAreas.length > 0 && `product areas ${f.productAreas.join(", ")}`,
    `opened ${day(f.openedAt)}`,
    `resolved ${day(f.resolvedAt)}`,
    f.confirmedBy.length > 0 && `confirmed by ${f.confirmedBy.join(", ")}`,
    f.warRoomUrl && `war-room ${f.warRoomUrl}`,
  ].filter(Boolean);
  return [
    `# ${f.title}`,
    "",
    facts.join(" · "),
    "",
    "## Summary",
    f.summary,
    "",
    "## Timeline",
    list(f.timeline.map((t) => `${t.at.slice(0, 16).replace("T", " ")} ${t.note}`)),
    "",
    "## Root cause",
    f.rootCause,
    "",
    "Evidence:",
    list(f.evidence.map((e) => `${e.name} [${e.id}]`)),
    "",
    "## Contributing factors",
    list(f.contributingFactors),
    "",
    "## Resolution",
    f.resolution || "- none recorded",
    "",
    "## Preventive actions",
    list(f.prevention),
    "",
    "## Rejected hypotheses",
    list(
      f.rejected.map(
        (r) =>
          `${r.title} (${r.category})${r.rejectedBy.length ? `, rejected by ${r.rejectedBy.join(", ")}` : ""}${r.why ? `: ${r.why}` : ""}`,
      ),
    ),
    "",
  ].join("\n");
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
