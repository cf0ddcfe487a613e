/**
 * What the requester sees after asking for a war-room in Teams: a line in the thread they asked in, or a
 * card to pick among similar accounts.
 */
import { chooseAccountCard } from "../../integrations/teams/index.ts";
import { accountChoiceQuestion } from "../../src/war-room/account-choice-question.ts";
import type { EscalationRequestOutcome } from "../../src/war-room/request-escalation.ts";
import type { TeamsHandlerDeps } from "./deps.ts";

/** Answers `outcome` in `conversationId`. */
export async function answerOutcome(
  conversationId: string,
  outcome: EscalationRequestOutcome,
  pending: { summary: string; severity: "low" | "normal" | "high" | "critical"; private: boolean },
  deps: TeamsHandlerDeps,
): Promise<void> {
  const say = (text: string) => deps.teams.say(conversationId, { text });
  switch (outcome.kind) {
    case "opening":
      await say(
        `Opening a war-room for ${outcome.accountName} (${outcome.escalationId}). I'll post the context and hypotheses there.`,
      );
      return;
    case "already-open":
      await say(
        `${outcome.accountName} already has an open war-room (${outcome.escalationId})${outcome.roomUrl ? `: ${outcome.roomUrl}` : "; it is being prepared"}.`,
      );
      return;
    case "unknown":
      await say(
        `No account matches "${outcome.query}".${outcome.closest.length ? ` Closest: ${outcome.closest.join(", ")}.` : ""} Try the account id, or "Escalate from this message" for a form with an account search.`,
      );
      return;
    case "ambiguous":
      await deps.teams.say(conversationId, {
        text: accountChoiceQuestion(outcome.query, outcome.matches),
        card: chooseAccountCard(outcome.query, outcome.matches, pending),
      });
  }
}
