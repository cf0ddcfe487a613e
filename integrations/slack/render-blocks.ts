/**
 * Block Kit for war-room messages, kept inside Slack's limits (section text 3,000, header 150, button
 * text 75, 50 blocks): long text is cut with an ellipsis rather than rejected by Slack. Every value that
 * comes from the CRM, a person or the engine (which quotes tickets) is escaped (`e`) where it enters mrkdwn.
 */

import { formatAmount } from "../../src/domain/money.ts";
import type { HypothesisView, TaskView, WarRoomMessage } from "../../src/ports/chat-platform.ts";
import type { ContextCard } from "../../src/use-cases/build-context-card.ts";
import { STATUS_LABEL } from "../../src/war-room/hypothesis-views.ts";
import { type Block, button, context, cut, header, mrkdwn } from "./block-kit.ts";
import { escapeMrkdwn as e, renderSlackText, slackMention } from "./escape-mrkdwn.ts";
import { ACTIONS } from "./ids.ts";
import { renderDigestBlocks } from "./render-digest-blocks.ts";
import { renderRiskAlert } from "./render-risk-alert.ts";

const money = (n: number | undefined) => (n === undefined ? "n/a" : formatAmount(n));

function contextCardBlocks(m: Extract<WarRoomMessage, { kind: "context" }>): Block[] {
  const c: ContextCard = m.card;
  const a = c.account;
  const renewal = a.renewalDate ? `${a.renewalDate.slice(0, 10)} (*${a.renewalInDays} days*)` : "n/a";
  const tickets = c.tickets.latest
    .map(
      (t) =>
        `• ${t.createdAt.slice(0, 10)} ${e(t.number ?? t.id)} ${e(t.subject)} _(${e(t.status)})_${t.triage ? `\n   _triage: ${e(t.triage)}_` : ""}`,
    )
    .join("\n");
  return [
    header(`🚨 ${a.name} — ${m.severity} escalation`),
    mrkdwn(`*What happened:* ${e(m.summary)}`),
    {
      type: "section",
      fields: [
        `*Segment*\n${e(a.segment ?? "n/a")}`,
        `*ARR*\n${money(a.arr)}`,
        `*Renewal*\n${renewal}`,
        `*Contract month*\n${a.contractMonth ?? "n/a"}`,
        `*Health*\n${a.healthScore ?? "n/a"}`,
        `*NPS*\n${a.nps ?? "n/a"}`,
      ].map((text) => ({ type: "mrkdwn", text })),
    },
    mrkdwn(
      `*Tickets (90 days):* ${c.tickets.openedLast90Days} opened, ${c.tickets.closedLast90Days} closed, ${c.tickets.open} open now${c.tickets.repeatContacts.map((r) => `\n• repeat contact: "${e(r.subject)}" ×${r.count}`).join("")}\n${tickets}`,
    ),
    mrkdwn(
      `*Recent changes*\n${c.recentChanges.map((x) => `• ${x.at.slice(0, 10)} _${x.source}_ ${e(x.title)}`).join("\n") || "none in 30 days"}`,
    ),
    mrkdwn(
      `*Other accounts' escalations (30 days)*\n${c.relatedEscalations.map((r) => `• ${r.openedAt.slice(0, 10)} ${e(r.accountName ?? "")}: ${e(r.summary)}`).join("\n") || "none"}`,
    ),
    context(`${m.escalationId} · react ✅ or ❌ on a hypothesis below, or use its buttons`),
  ];
}

function hypothesisBlocks(view: HypothesisView): Block[] {
  const h = view.hypothesis;
  const cite = (id: string) => `• ${e(view.evidenceNames[id] ?? id)}`;
  const who = [
    view.confirmedBy.length ? `confirmed by ${view.confirmedBy.map(slackMention).join(" ")}` : "",
    view.rejectedBy.length ? `rejected by ${view.rejectedBy.map(slackMention).join(" ")}` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  return [
    mrkdwn(
      `*#${h.rank} ${e(h.title)}*\n${Math.round(h.likelihood * 100)}% · \`${h.category}\` · ${STATUS_LABEL[view.status]}${who ? ` · ${who}` : ""}`,
    ),
    mrkdwn(
      `${e(h.rationale)}\n*Evidence*\n${h.evidence.map(cite).join("\n")}${h.against.length ? `\n*Against*\n${h.against.map(cite).join("\n")}` : ""}`,
    ),
    mrkdwn(`*Checks*\n${h.checks.map((c) => `☐ ${e(c)}`).join("\n")}`),
    {
      type: "actions",
      elements: [
        button("✅ Confirm", ACTIONS.confirm, view.hypothesisId, "primary"),
        button("❌ Reject", ACTIONS.reject, view.hypothesisId, "danger"),
      ],
    },
  ];
}

/** `#2 @owner text (due …)`, struck through when done. */
function taskLine(t: TaskView): string {
  // The text is what a person typed: shown literally, it notifies nobody; the owner is a real mention.
  const line = `#${t.number} ${slackMention(t.owner)} ${e(t.text)}${t.due ? ` (due ${t.due})` : ""}`;
  return t.done ? `~${line}~ ✅` : line;
}

function summaryBlocks(m: Extract<WarRoomMessage, { kind: "summary" }>): Block[] {
  const p = m.analysis.pattern;
  const statuses = m.views.map((v) => `#${v.hypothesis.rank} ${STATUS_LABEL[v.status]}`).join(" · ");
  return [
    header(p.verdict === "pattern" ? "Pattern across accounts" : "Looks isolated"),
    ...(p.sharedAttributes.length ? [mrkdwn(`*Shared:* ${e(p.sharedAttributes.join(", "))}`)] : []),
    mrkdwn(`*Verdicts:* ${statuses}${m.note ? `\n_${e(m.note)}_` : ""}`),
    mrkdwn(
      `*Talking points for the executive call*\n${m.analysis.talkingPoints.map((t) => `• ${e(t)}`).join("\n") || "—"}`,
    ),
    mrkdwn(
      `*Preventive measures*\n${m.analysis.preventiveMeasures.map((t) => `• ${e(t)}`).join("\n") || "—"}`,
    ),
    mrkdwn(`*Follow-ups*\n${(m.tasks ?? []).map(taskLine).join("\n") || "none yet"}`),
    { type: "actions", elements: [button("Add follow-up", ACTIONS.addFollowUp, m.escalationId)] },
    context(`${m.escalationId} · engine: ${m.analysis.engine}`),
  ];
}

/** Blocks and the notification text of a message. */
export function renderMessage(message: WarRoomMessage): { text: string; blocks: Block[] } {
  switch (message.kind) {
    case "context":
      return {
        text: cut(`${e(message.card.account.name)}: ${e(message.summary)}`, 3000),
        blocks: contextCardBlocks(message),
      };
    case "hypothesis":
      return {
        text: cut(`Hypothesis #${message.view.hypothesis.rank}: ${e(message.view.hypothesis.title)}`, 3000),
        blocks: hypothesisBlocks(message.view),
      };
    case "summary":
      return { text: `Summary of ${message.escalationId}`, blocks: summaryBlocks(message) };
    case "resolution-prompt":
      return {
        text: cut(`Confirmed: ${e(message.title)}`, 3000),
        blocks: [
          mrkdwn(
            `✅ *Confirmed:* ${e(message.title)}\nRecord the resolution to write the finding to the knowledge base.`,
          ),
          {
            type: "actions",
            elements: [
              button("Record resolution", ACTIONS.recordResolution, message.hypothesisId, "primary"),
            ],
          },
        ],
      };
    case "digest":
      return renderDigestBlocks(message.digest);
    case "risk-alert":
      return renderRiskAlert(message.alert);
    case "text": {
      const text = renderSlackText(message.text);
      return { text: cut(text, 3000), blocks: [mrkdwn(text)] };
    }
  }
}
