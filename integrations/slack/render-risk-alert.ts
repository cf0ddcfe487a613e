/**
 * The radar's alert in Slack: headline, one line per signal with its evidence, and the buttons Open
 * war-room and Not now (both carry the alert id); once someone acted, the buttons give way to who did what.
 * Not now opens a small form: a reason to choose and an optional note.
 */
import type { ViewStateValue } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { alertHeadline, alertReasons, outcomeLine } from "../../src/radar/describe-alert.ts";
import { DISMISS_REASONS, type DismissReason, type RiskAlertView } from "../../src/radar/radar-types.ts";
import { type Block, button, context, cut, mrkdwn } from "./block-kit.ts";
import { escapeMrkdwn as e, renderSlackText } from "./escape-mrkdwn.ts";
import { ACTIONS, INPUTS, VIEWS } from "./ids.ts";

const ICON = { watch: "🟡", high: "🟠", critical: "🔴" } as const;

/** Blocks and notification text of an alert. */
export function renderRiskAlert(view: RiskAlertView): { text: string; blocks: Block[] } {
  const a = view.assessment;
  const outcome = outcomeLine(view);
  const blocks: Block[] = [
    // Account names, subjects and reasons quote the CRM and the customer: shown literally, never as markup.
    mrkdwn(`${ICON[a.level ?? "watch"]} *Escalation risk* — ${e(alertHeadline(a))}`),
    mrkdwn(
      alertReasons(a)
        .map((r) => `• ${e(r)}`)
        .join("\n") || "—",
    ),
    outcome
      ? mrkdwn(renderSlackText(outcome))
      : {
          type: "actions",
          elements: [
            button("Open war-room", ACTIONS.openFromAlert, view.alertId, "primary"),
            button("Not now", ACTIONS.dismissAlert, view.alertId),
          ],
        },
    context(
      `Radar · ${e(a.accountId)} · as of ${a.asOf.slice(0, 16).replace("T", " ")} UTC · nothing was sent to the customer`,
    ),
  ];
  return { text: cut(e(`Escalation risk: ${alertHeadline(a)}`), 3000), blocks };
}

const plain = (t: string) => ({ type: "plain_text" as const, text: t.slice(0, 75) });

/** The Not now form for alert `alertId`. */
export function dismissAlertModal(alertId: string): ModalView {
  const options = Object.entries(DISMISS_REASONS).map(([value, label]) => ({ text: plain(label), value }));
  return {
    type: "modal",
    callback_id: VIEWS.dismissAlert,
    private_metadata: alertId,
    title: plain("Not now"),
    submit: plain("Record"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "input",
        block_id: INPUTS.dismissReason,
        label: plain("Why not now?"),
        element: { type: "static_select", action_id: INPUTS.dismissReason, options },
      },
      {
        type: "input",
        block_id: INPUTS.dismissNote,
        optional: true,
        label: plain("Note"),
        element: { type: "plain_text_input", action_id: INPUTS.dismissNote, max_length: 500 },
      },
    ],
  };
}

/** The reason chosen and the note typed in the Not now form. */
export function readDismissAlertModal(values: Record<string, Record<string, ViewStateValue>>): {
  reason: DismissReason;
  note: string;
} {
  const chosen = values[INPUTS.dismissReason]?.[INPUTS.dismissReason]?.selected_option?.value;
  const reason = chosen && chosen in DISMISS_REASONS ? (chosen as DismissReason) : "other";
  return { reason, note: values[INPUTS.dismissNote]?.[INPUTS.dismissNote]?.value?.trim() ?? "" };
}
