/**
 * An alert in words every platform shows the same way: the headline (account, ticket, score, level) and
 * one line per signal with its evidence, and what was done with it.
 */
import { type MessageText, mention, plainText, withMentions } from "../domain/message-text.ts";
import type { RiskAlertView, RiskAssessment } from "./radar-types.ts";
import { DISMISS_REASONS, type DismissReason, SIGNAL_LABELS } from "./radar-types.ts";

/** "Acme Corp · ticket 00041235 "Sync failing again" · risk 0.82 (high)". */
export function alertHeadline(a: RiskAssessment): string {
  return `${a.accountName} · ticket ${a.ticketNumber ?? a.ticketId} "${a.subject}" · risk ${a.score.toFixed(2)} (${a.level ?? "low"})`;
}

/** One line per signal, strongest first: label, reason, evidence ids. */
export function alertReasons(a: RiskAssessment): string[] {
  return a.signals.map(
    (s) =>
      `${SIGNAL_LABELS[s.signal]} (+${s.contribution.toFixed(2)}): ${s.reason} [${s.evidence.join(", ")}]`,
  );
}

/** A reason code as people read it; free text passes through. */
export function reasonWords(reason: string | null | undefined): string {
  if (!reason) return "no reason given";
  const [code, ...note] = reason.split(": ");
  const label = DISMISS_REASONS[code as DismissReason];
  return label ? [label, ...note].join(": ") : reason;
}

/** What was done, mentioning the person (a Mention, never text), or null while nobody has acted. */
export function outcomeLine(view: RiskAlertView): MessageText | null {
  const o = view.outcome;
  if (!o) return null;
  return o.kind === "acted"
    ? withMentions`${mention(o.by)} opened a war-room${o.escalationId ? ` (${o.escalationId})` : ""}`
    : withMentions`${mention(o.by)} said not now: ${reasonWords(o.reason)}`;
}

/** The whole alert as plain text (the terminal), mentions as @id. */
export function describeAlert(view: RiskAlertView): string {
  const outcome = outcomeLine(view);
  return [
    `⚠️ Escalation risk: ${alertHeadline(view.assessment)}`,
    ...alertReasons(view.assessment).map((r) => `  - ${r}`),
    ...(outcome ? [`  ${plainText(outcome)}`] : []),
  ].join("\n");
}
