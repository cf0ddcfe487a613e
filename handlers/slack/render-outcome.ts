/**
 * What the requester sees after /escalate: ephemeral text, or buttons to pick among similar accounts.
 */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn as e } from "../../integrations/slack/escape-mrkdwn.ts";
import { ACTIONS } from "../../integrations/slack/ids.ts";
import { accountChoiceQuestion } from "../../src/war-room/account-choice-question.ts";
import type { EscalationRequestOutcome } from "../../src/war-room/request-escalation.ts";

/** The pending request a "choose account" button carries (kept under Slack's 2,000-character value). */
export interface PendingChoice {
  accountId: string;
  summary: string;
  severity: string;
  private: boolean;
}

/** An ephemeral reply for an outcome. */
export function renderOutcome(
  outcome: EscalationRequestOutcome,
  pending: Omit<PendingChoice, "accountId">,
): { text: string; blocks?: KnownBlock[] } {
  switch (outcome.kind) {
    case "opening":
      return {
        text: `Opening a war-room for *${e(outcome.accountName)}* (${outcome.escalationId}). I'll post the context and hypotheses there.`,
      };
    case "already-open":
      return {
        text: `${e(outcome.accountName)} already has an open war-room (${outcome.escalationId})${outcome.roomUrl ? `: ${e(outcome.roomUrl)}` : "; it is being prepared"}.`,
      };
    case "unknown":
      return {
        text: `No account matches "${e(outcome.query)}".${outcome.closest.length ? ` Closest: ${e(outcome.closest.join(", "))}.` : ""} Try the account id, or /escalate with no arguments to search.`,
      };
    case "ambiguous": {
      const summary = pending.summary.slice(0, 1500);
      const question = e(accountChoiceQuestion(outcome.query, outcome.matches));
      return {
        text: question,
        blocks: [
          { type: "section", text: { type: "mrkdwn", text: question } },
          {
            type: "actions",
            elements: outcome.matches.slice(0, 5).map((m, i) => ({
              type: "button",
              text: { type: "plain_text", text: m.name.slice(0, 75) },
              action_id: `${ACTIONS.chooseAccount}_${i}`,
              value: JSON.stringify({ ...pending, summary, accountId: m.accountId } satisfies PendingChoice),
            })),
          },
        ],
      };
    }
  }
}
