/**
 * What a finding's page says, in reading order, for every renderer (the local knowledge base's Markdown,
 * a Notion page): a line of facts, then sections of prose and lists.
 */
import { formatAmount } from "../domain/money.ts";
import type { FindingDocument } from "../ports/knowledge-base.ts";

/** One section: prose, then (after an optional label) a list; what is empty says so. */
export interface FindingSection {
  title: string;
  prose?: string;
  /** Introduces the list ("Evidence:"), when the section has prose too. */
  listLabel?: string;
  items?: string[];
}

const stamp = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** The facts people filter and scan by, for the line under the title. */
export function findingFacts(f: FindingDocument): string[] {
  const a = f.account;
  return [
    `escalation ${f.escalationId}`,
    `account ${a.name}`,
    `category ${f.category} (${f.dimension}, preventable by ${f.preventableBy})`,
    a.segment ? `segment ${a.segment}` : null,
    a.arr !== null ? `ARR ${formatAmount(a.arr)}` : null,
    a.lifecycleMonth !== null ? `lifecycle month ${a.lifecycleMonth}` : null,
    f.productAreas.length > 0 ? `product areas ${f.productAreas.join(", ")}` : null,
    `opened ${f.openedAt.slice(0, 10)}`,
    `resolved ${f.resolvedAt ? f.resolvedAt.slice(0, 10) : "open"}`,
    f.confirmedBy.length > 0 ? `confirmed by ${f.confirmedBy.join(", ")}` : null,
    f.warRoomUrl ? `war-room ${f.warRoomUrl}` : null,
    // The knowledge team's to-do: no article matching the escalation named this cause when it opened.
    f.needsArticle === true ? "needs an article" : null,
  ].filter((fact): fact is string => fact !== null);
}

/** The sections of a finding's page. */
export function findingSections(f: FindingDocument): FindingSection[] {
  return [
    { title: "Summary", prose: f.summary },
    { title: "Timeline", items: f.timeline.map((t) => `${stamp(t.at)} — ${t.note}`) },
    {
      title: "Root cause",
      prose: f.rootCause,
      listLabel: "Evidence:",
      items: f.evidence.map((e) => `${e.name} [${e.id}]`),
    },
    { title: "Contributing factors", items: f.contributingFactors },
    { title: "Resolution", prose: f.resolution },
    { title: "Preventive actions", items: f.prevention },
    {
      title: "Follow-ups",
      items: (f.followUps ?? []).map(
        (t) =>
          `#${t.number} ${t.text} — owner ${t.owner}${t.due ? `, due ${t.due}` : ""}, ${t.done ? "done" : "open"}`,
      ),
    },
    {
      title: "Rejected hypotheses",
      items: f.rejected.map(
        (r) =>
          `${r.title} (${r.category})${r.rejectedBy.length ? ` — rejected by ${r.rejectedBy.join(", ")}` : ""}${r.why ? `: ${r.why}` : ""}`,
      ),
    },
  ];
}
