/**
 * A triage in words: one short line for the context card, and a Markdown table for `warroom triage --format md`.
 */
import type { TicketTriage } from "./types.ts";

const pct = (n: number) => `${Math.round(n * 100)}%`;
const words = (s: string) => s.replaceAll("_", " ");

/** One line: topic, urgency, sentiment and trend, policy risk, what to ask. */
export function summariseTriage(t: TicketTriage): string {
  const parts = [
    t.topic.value ? `topic ${t.topic.value}` : "topic unknown",
    `urgency ${words(t.urgency.value)}`,
    `sentiment ${t.sentiment.value}${t.sentiment.trend === "worsening" || t.sentiment.trend === "improving" ? ` (${t.sentiment.trend})` : ""}`,
  ];
  if (t.policyRisk.value !== "none") parts.push(`policy risk ${words(t.policyRisk.value)}: a person answers`);
  if (t.missingDetails.value.length) parts.push(`ask for ${t.missingDetails.value.map(words).join(", ")}`);
  return parts.join(" · ");
}

/** A Markdown report of every field with its confidence and reason. */
export function renderTriageMarkdown(t: TicketTriage): string {
  const rows: [string, string, number, string][] = [
    ["Topic", t.topic.value ?? "unknown", t.topic.confidence, t.topic.reason],
    ["Urgency", words(t.urgency.value), t.urgency.confidence, t.urgency.reason],
    ["Sentiment", `${t.sentiment.value} (${t.sentiment.trend})`, t.sentiment.confidence, t.sentiment.reason],
    ["Policy risk", words(t.policyRisk.value), t.policyRisk.confidence, t.policyRisk.reason],
    [
      "Missing details",
      t.missingDetails.value.map(words).join(", ") || "none",
      t.missingDetails.confidence,
      t.missingDetails.reason,
    ],
    ["Owner", t.owner.value?.rules.join(", ") || "default queue", t.owner.confidence, t.owner.reason],
  ];
  const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");
  return [
    `# Triage of ticket ${t.ticketId}`,
    "",
    "| Field | Value | Confidence | Reason |",
    "| --- | --- | --- | --- |",
    ...rows.map(([f, v, c, r]) => `| ${f} | ${cell(v)} | ${pct(c)} | ${cell(r)} |`),
    "",
    t.automatedAnswerAllowed
      ? "Automated answer: allowed."
      : "Automated answer: never (policy risk); a person answers this ticket.",
    "",
  ].join("\n");
}
