/**
 * Markdown for people: the analysis as a war-room would read it, evidence cited by name, not just id.
 */
import type { CaseBundle } from "../../src/domain/case-bundle.ts";
import type { AnalysisResult } from "../../src/use-cases/analyze-case.ts";
import { evidenceNames } from "../../src/war-room/hypothesis-views.ts";

/** Renders an analysis as Markdown. */
export function renderAnalysisMarkdown(analysis: AnalysisResult, bundle: CaseBundle): string {
  const names = evidenceNames(bundle);
  const cite = (id: string) => `${names[id] ?? id} [${id}]`;
  const out: string[] = [`# Root-cause analysis: ${bundle.account.name} (${analysis.escalationId})`, ""];
  out.push(`_${bundle.escalation.summary}_`, "", `Engine: ${analysis.engine}`, "");
  for (const note of analysis.notes ?? []) out.push(`> ${note}`, "");
  for (const h of analysis.hypotheses) {
    out.push(
      `## ${h.rank}. ${h.title} — ${Math.round(h.likelihood * 100)}% · ${h.category}`,
      "",
      h.rationale,
      "",
    );
    out.push("Evidence:", ...h.evidence.map((id) => `- ${cite(id)}`));
    if (h.against.length > 0) out.push("", "Against:", ...h.against.map((id) => `- ${cite(id)}`));
    out.push("", "Checks:", ...h.checks.map((c) => `- [ ] ${c}`), "");
  }
  const p = analysis.pattern;
  out.push(`## ${p.verdict === "pattern" ? "Pattern" : "Isolated"}`, "");
  if (p.sharedAttributes.length > 0) out.push(`Shared: ${p.sharedAttributes.join(", ")}`);
  if (p.relatedEscalations.length > 0) out.push(`Related: ${p.relatedEscalations.map(cite).join("; ")}`);
  out.push(
    "",
    "## Timeline",
    "",
    ...analysis.timeline.map(
      (t) => `- ${t.at.slice(0, 16).replace("T", " ")} ${t.note}${t.evidence ? ` [${t.evidence}]` : ""}`,
    ),
  );
  out.push("", "## Talking points", "", ...analysis.talkingPoints.map((t) => `- ${t}`));
  out.push("", "## Preventive measures", "", ...analysis.preventiveMeasures.map((t) => `- ${t}`), "");
  return out.join("\n");
}
