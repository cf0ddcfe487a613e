/**
 * The context card for a terminal.
 */

import { formatAmount } from "../../src/domain/money.ts";
import type { ContextCard } from "../../src/use-cases/build-context-card.ts";

const money = (n: number | undefined) => (n === undefined ? "n/a" : formatAmount(n));
const day = (iso: string) => iso.slice(0, 10);

/** Renders the card as Markdown-ish text. */
export function renderContextCard(card: ContextCard): string {
  const a = card.account;
  const renewal = a.renewalDate ? `${day(a.renewalDate)} (${a.renewalInDays} days)` : "n/a";
  const out = [
    `# ${a.name} (${a.id})`,
    "",
    `Segment ${a.segment ?? "n/a"} · ${a.industry ?? "n/a"} · ARR ${money(a.arr)} · renewal ${renewal} · contract month ${a.contractMonth ?? "n/a"} · health ${a.healthScore ?? "n/a"} · NPS ${a.nps ?? "n/a"}`,
    "",
    `Tickets in the last 90 days: ${card.tickets.openedLast90Days} opened, ${card.tickets.closedLast90Days} closed; ${card.tickets.open} open now`,
    ...card.tickets.repeatContacts.map((r) => `- repeat contact: "${r.subject}" ×${r.count}`),
    "Latest:",
    ...card.tickets.latest.map(
      (t) =>
        `- ${day(t.createdAt)} [${t.number ?? t.id}] ${t.subject} (${t.status})${t.triage ? `\n  triage: ${t.triage}` : ""}`,
    ),
    "",
    "Recent changes:",
    ...(card.recentChanges.length
      ? card.recentChanges.map((c) => `- ${day(c.at)} ${c.source}: ${c.title} [${c.id}]`)
      : ["- none in 30 days"]),
    "",
    "Other accounts' escalations (30 days):",
    ...(card.relatedEscalations.length
      ? card.relatedEscalations.map(
          (r) => `- ${day(r.openedAt)} ${r.accountName ?? ""} (${r.status ?? "?"}): ${r.summary} [${r.id}]`,
        )
      : ["- none"]),
    "",
  ];
  return out.join("\n");
}
