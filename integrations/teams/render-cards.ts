/**
 * War-room messages as Teams activities: Adaptive Cards 1.5 for the context card, each hypothesis (with
 * `Action.Execute` Confirm / Reject), the summary, the resolution prompt and the digest; text messages as
 * text. The core's `Mention`s become Teams mentions; everything else is shown literally.
 */

import { ActionSet, ExecuteAction, SubmitAction } from "@microsoft/teams.cards";
import { digestSections } from "../../src/digest/render-digest-markdown.ts";
import type { MessageText } from "../../src/domain/message-text.ts";
import { formatAmount } from "../../src/domain/money.ts";
import type { HypothesisView, TaskView, WarRoomMessage } from "../../src/ports/chat-platform.ts";
import { alertHeadline } from "../../src/radar/describe-alert.ts";
import { STATUS_LABEL } from "../../src/war-room/hypothesis-views.ts";
import { DIALOGS, VERBS } from "./ids.ts";
import {
  type AdaptiveCardJson,
  card,
  cutWords,
  facts,
  fitCard,
  heading,
  literal,
  para,
} from "./render-parts.ts";
import { riskAlertCard } from "./render-risk-alert-card.ts";

/** What posting a message sends: a notification text, and a card when there is one. */
export interface TeamsMessageContent {
  /** Shown literally (composeActivity escapes it); only `Mention`s mention anyone. */
  text: MessageText;
  card?: AdaptiveCardJson;
}

const money = (n: number | undefined) => (n === undefined ? "n/a" : formatAmount(n));

/** How much detail a card keeps: lists are cut to `items` entries when the full card is too large. */
const DETAIL = [{ items: 50 }, { items: 10 }, { items: 3 }];

function contextCard(m: Extract<WarRoomMessage, { kind: "context" }>): AdaptiveCardJson {
  const c = m.card;
  const a = c.account;
  const renewal = a.renewalDate ? `${a.renewalDate.slice(0, 10)} (${a.renewalInDays} days)` : "n/a";
  return fitCard(DETAIL, ({ items }) =>
    card([
      heading(`🚨 ${a.name} — ${m.severity} escalation`),
      literal(`What happened: ${m.summary}`),
      facts([
        ["Segment", a.segment ?? "n/a"],
        ["ARR", money(a.arr)],
        ["Renewal", renewal],
        ["Contract month", String(a.contractMonth ?? "n/a")],
        ["Health", String(a.healthScore ?? "n/a")],
        ["NPS", String(a.nps ?? "n/a")],
      ]),
      para(
        `**Tickets (90 days):** ${c.tickets.openedLast90Days} opened, ${c.tickets.closedLast90Days} closed, ${c.tickets.open} open now`,
      ),
      ...c.tickets.repeatContacts
        .slice(0, items)
        .map((r) => literal(`repeat contact: "${r.subject}" ×${r.count}`, 300)),
      ...c.tickets.latest
        .slice(0, items)
        .map((t) =>
          literal(
            `${t.createdAt.slice(0, 10)} ${t.number ?? t.id} ${t.subject} (${t.status})${t.triage ? ` — triage: ${t.triage}` : ""}`,
            400,
          ),
        ),
      para("**Recent changes**"),
      ...(c.recentChanges.length
        ? c.recentChanges
            .slice(0, items)
            .map((x) => literal(`${x.at.slice(0, 10)} ${x.source}: ${x.title}`, 300))
        : [para("none in 30 days", { subtle: true })]),
      para("**Other accounts' escalations (30 days)**"),
      ...(c.relatedEscalations.length
        ? c.relatedEscalations
            .slice(0, items)
            .map((r) => literal(`${r.openedAt.slice(0, 10)} ${r.accountName ?? ""}: ${r.summary}`, 300))
        : [para("none", { subtle: true })]),
      para(`${m.escalationId} · react ✅ or ❌ on a hypothesis below, or use its buttons`, { subtle: true }),
    ]),
  );
}

function hypothesisCard(view: HypothesisView, names: (id: string) => string): AdaptiveCardJson {
  const h = view.hypothesis;
  const who = [
    view.confirmedBy.length ? `confirmed by ${view.confirmedBy.map(names).join(", ")}` : "",
    view.rejectedBy.length ? `rejected by ${view.rejectedBy.map(names).join(", ")}` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const cite = (id: string) => literal(`• ${view.evidenceNames[id] ?? id}`, 300);
  const data = { hypothesisId: view.hypothesisId };
  return fitCard(DETAIL, ({ items }) =>
    card([
      literal(`#${h.rank} ${h.title}`, 300, { weight: "Bolder" }),
      // People's display names are theirs to choose: shown literally.
      literal(
        `${Math.round(h.likelihood * 100)}% · ${h.category} · ${STATUS_LABEL[view.status]}${who ? ` · ${who}` : ""}`,
      ),
      literal(h.rationale, 1_500),
      para("**Evidence**"),
      ...h.evidence.slice(0, items).map(cite),
      ...(h.against.length ? [para("**Against**"), ...h.against.slice(0, items).map(cite)] : []),
      para("**Checks**"),
      ...h.checks.slice(0, items).map((c) => literal(`☐ ${c}`, 500)),
      new ActionSet(
        new ExecuteAction({ title: "✅ Confirm", verb: VERBS.confirm, data, style: "positive" }),
        new ExecuteAction({ title: "❌ Reject", verb: VERBS.reject, data, style: "destructive" }),
      ),
    ]),
  );
}

/** `#2 Priya Raman: text (due …)`, marked when done. */
function taskLines(tasks: TaskView[], names: (id: string) => string) {
  if (!tasks.length) return [para("none yet", { subtle: true })];
  return tasks.map((t) =>
    literal(
      `${t.done ? "✅ " : ""}#${t.number} ${names(t.owner)}: ${t.text}${t.due ? ` (due ${t.due})` : ""}`,
      500,
    ),
  );
}

function summaryCard(
  m: Extract<WarRoomMessage, { kind: "summary" }>,
  names: (id: string) => string,
): AdaptiveCardJson {
  const p = m.analysis.pattern;
  const statuses = m.views.map((v) => `#${v.hypothesis.rank} ${STATUS_LABEL[v.status]}`).join(" · ");
  const bullets = (lines: string[]) =>
    lines.length ? lines.map((t) => literal(`• ${t}`, 500)) : [para("—")];
  return fitCard(DETAIL, ({ items }) =>
    card([
      heading(p.verdict === "pattern" ? "Pattern across accounts" : "Looks isolated"),
      ...(p.sharedAttributes.length ? [literal(`Shared: ${p.sharedAttributes.join(", ")}`, 500)] : []),
      para(`**Verdicts:** ${statuses || "—"}`),
      ...(m.note ? [literal(m.note, 2_000, { subtle: true })] : []),
      para("**Talking points for the executive call**"),
      ...bullets(m.analysis.talkingPoints.slice(0, items)),
      para("**Preventive measures**"),
      ...bullets(m.analysis.preventiveMeasures.slice(0, items)),
      para("**Follow-ups**"),
      ...taskLines(m.tasks ?? [], names),
      new ActionSet(
        new SubmitAction({
          title: "Add follow-up",
          data: { msteams: { type: "task/fetch" }, dialog: DIALOGS.followUp, escalationId: m.escalationId },
        }),
      ),
      para(`${m.escalationId} · engine: ${m.analysis.engine}`, { subtle: true }),
    ]),
  );
}

function resolutionPromptCard(m: Extract<WarRoomMessage, { kind: "resolution-prompt" }>): AdaptiveCardJson {
  return fitCard([0], () =>
    card([
      literal(`✅ Confirmed: ${m.title}`, 300, { weight: "Bolder" }),
      para("Record the resolution to write the finding to the knowledge base."),
      new ActionSet(
        new SubmitAction({
          title: "Record resolution",
          data: { msteams: { type: "task/fetch" }, dialog: DIALOGS.resolution, hypothesisId: m.hypothesisId },
        }),
      ),
    ]),
  );
}

function digestCard(m: Extract<WarRoomMessage, { kind: "digest" }>): AdaptiveCardJson {
  const d = m.digest;
  return fitCard(DETAIL, ({ items }) =>
    card([
      heading(`Escalation digest ${d.week}`),
      // The headline may be an LLM's rewording and the lines name accounts and quote summaries: literal.
      literal(d.headline, 2_000, { weight: "Bolder" }),
      ...digestSections(d).flatMap((s) => [
        literal(s.title, 300, { weight: "Bolder" }),
        ...s.lines.slice(0, items).map((line) => literal(`• ${line}`, 500)),
      ]),
      para(`${d.days.first} to ${d.days.last} (${d.timeZone}) · numbers from warroom's records`, {
        subtle: true,
      }),
    ]),
  );
}

/** The activity content of a message; `names` turns user ids into display names where known. */
export function renderTeamsMessage(
  message: WarRoomMessage,
  names: (id: string) => string,
): TeamsMessageContent {
  switch (message.kind) {
    case "context":
      return {
        text: cutWords(`${message.card.account.name}: ${message.summary}`, 300),
        card: contextCard(message),
      };
    case "hypothesis":
      return {
        text: cutWords(`Hypothesis #${message.view.hypothesis.rank}: ${message.view.hypothesis.title}`, 300),
        card: hypothesisCard(message.view, names),
      };
    case "summary":
      return { text: `Summary of ${message.escalationId}`, card: summaryCard(message, names) };
    case "resolution-prompt":
      return { text: cutWords(`Confirmed: ${message.title}`, 300), card: resolutionPromptCard(message) };
    case "digest":
      return {
        text: cutWords(`Escalation digest ${message.digest.week}: ${message.digest.headline}`, 300),
        card: digestCard(message),
      };
    case "risk-alert":
      return {
        text: cutWords(`Escalation risk: ${alertHeadline(message.alert.assessment)}`, 300),
        card: riskAlertCard(message.alert, names),
      };
    case "text":
      return { text: message.text };
  }
}
