/**
 * The queued Teams work: "@warroom escalate <account> "<what happened>" [--severity S] [--private]" and
 * `status | catchup | resolve | reopen | close | help` typed in a war-room; escalations asked for through a card or
 * a dialog; ✅ / ❌ reactions on hypothesis cards. Answers go to the thread the person asked in.
 */
import {
  baseConversationId,
  resolveButtonCard,
  teamsReplyRef,
  VERDICT_REACTIONS,
} from "../../integrations/teams/index.ts";
import { describeFailure, describeFailureText } from "../../src/describe-failure.ts";
import { type MessageText, mention, withMentions } from "../../src/domain/message-text.ts";
import { InputError, IntegrationError, toWarroomError } from "../../src/errors.ts";
import { buildCatchUp } from "../../src/war-room/build-catch-up.ts";
import { describeStatus } from "../../src/war-room/describe-status.ts";
import { findEscalationByRoom } from "../../src/war-room/find-escalation.ts";
import { addFollowUp, completeFollowUp } from "../../src/war-room/follow-up-tasks.ts";
import { parseEscalateText } from "../../src/war-room/parse-escalate-text.ts";
import { parseTaskNumber, parseTaskText, todayOf } from "../../src/war-room/parse-task-text.ts";
import { recordVerdict } from "../../src/war-room/record-verdict.ts";
import { requestEscalation } from "../../src/war-room/request-escalation.ts";
import { closeEscalation, draftResolution, reopenEscalation } from "../../src/war-room/resolve-escalation.ts";
import { authorize, type RouteName } from "../../src/war-room/route-policies.ts";
import { answerOutcome } from "./answer-outcome.ts";
import type { TeamsHandlerDeps } from "./deps.ts";
import type { InboundWork } from "./inbound-job.ts";

/** How to use the bot, as the help command says it. */
export const HELP = [
  '@warroom escalate <account> "<what happened>" [--severity low|normal|high|critical] [--private] opens a war-room',
  '"Escalate from this message" (… on any message) opens a form with an account search',
  "In a war-room: @warroom status, catchup (where things stand), resolve, reopen, close, help",
  "Follow-ups: @warroom task <owner: a mention or email> <what to do> [--due YYYY-MM-DD], @warroom done N (or the summary's Add follow-up)",
  "Resolve, reopen and close are for the requester, the account's CSM, the owners the routing rules invited and admins.",
  "React ✅ or ❌ on a hypothesis (or use its buttons) to confirm or reject it.",
].join("\n");

type Work<K extends InboundWork["kind"]> = Extract<InboundWork, { kind: K }>;

async function escalate(work: Work<"command">, text: string, deps: TeamsHandlerDeps): Promise<void> {
  const parsed = await parseEscalateText(text, deps.warRoom.crm);
  if (!parsed?.summary) {
    await deps.teams.say(work.conversation.id, {
      text: `Say what happened after the account: @warroom escalate ${parsed?.account ?? "<account>"} "<what happened>"`,
    });
    return;
  }
  const outcome = await requestEscalation(
    { ...parsed, requestedBy: work.user.id, origin: "teams", replyRef: teamsReplyRef(work.conversation.id) },
    deps.warRoom,
  );
  await answerOutcome(work.conversation.id, outcome, parsed, deps);
}

async function subcommand(
  work: Work<"command">,
  sub: string,
  args: string,
  deps: TeamsHandlerDeps,
): Promise<void> {
  const say = (text: MessageText) => deps.teams.say(work.conversation.id, { text });
  const escalationId = await findEscalationByRoom(baseConversationId(work.conversation.id), deps.warRoom);
  if (sub === "help" || !escalationId) {
    await say(escalationId || sub === "help" ? HELP : `This is not a war-room.\n${HELP}`);
    return;
  }
  const denied = await authorize(sub as RouteName, escalationId, work.user.id, deps.warRoom);
  if (denied) {
    await say(denied);
    return;
  }
  if (sub === "status") await say(await describeStatus(escalationId, deps.warRoom));
  if (sub === "catchup")
    await say((await buildCatchUp(escalationId, deps.warRoom)) ?? `No escalation ${escalationId}.`);
  if (sub === "resolve") {
    const draft = await draftResolution({ escalationId }, deps.warRoom);
    await deps.teams.say(work.conversation.id, {
      text: `Resolve ${escalationId}: ${draft.title}`,
      card: resolveButtonCard(draft.hypothesisId, draft.title),
    });
  }
  if (sub === "reopen") {
    await reopenEscalation(escalationId, work.user.id, deps.warRoom);
    await say(withMentions`${mention(work.user.id)} reopened ${escalationId}.`);
  }
  if (sub === "close") {
    await closeEscalation(escalationId, work.user.id, deps.warRoom);
    await say(`${escalationId} closed.`);
  }
  const eventId = work.activityId;
  if (sub === "task") {
    const task = parseTaskText(args, todayOf(deps.warRoom.clock));
    await addFollowUp({ escalationId, task, createdBy: work.user.id, eventId }, deps.warRoom);
  }
  if (sub === "done")
    await completeFollowUp(
      { escalationId, number: parseTaskNumber(args), userId: work.user.id },
      deps.warRoom,
    );
}

const SUBCOMMANDS = new Set(["status", "catchup", "resolve", "reopen", "close", "help", "task", "done"]);

async function command(work: Work<"command">, deps: TeamsHandlerDeps): Promise<void> {
  const [first = "", ...rest] = work.text.trim().split(/\s+/);
  const verb = first.toLowerCase();
  if (verb === "escalate") return escalate(work, rest.join(" "), deps);
  if (SUBCOMMANDS.has(verb)) return subcommand(work, verb, rest.join(" "), deps);
  await deps.teams.say(work.conversation.id, {
    text: `I did not understand "${work.text.slice(0, 80)}".\n${HELP}`,
  });
}

async function reaction(work: Work<"reaction">, deps: TeamsHandlerDeps): Promise<void> {
  const changes = [
    ...work.added.map((type) => ({ type, action: "add" as const })),
    ...work.removed.map((type) => ({ type, action: "withdraw" as const })),
  ];
  for (const { type, action } of changes) {
    const verdict = VERDICT_REACTIONS[type];
    if (!verdict) continue;
    await recordVerdict(
      {
        messageRef: work.messageRef,
        userId: work.user.id,
        isBot: work.user.isBot,
        verdict,
        action,
        via: "reaction",
        eventId: `${work.activityId}:${action}:${type}`,
      },
      deps.warRoom,
    );
  }
}

async function run(work: InboundWork, deps: TeamsHandlerDeps): Promise<void> {
  switch (work.kind) {
    case "command":
      return command(work, deps);
    case "reaction":
      return reaction(work, deps);
    case "escalate": {
      const outcome = await requestEscalation(
        {
          account: work.accountId,
          summary: work.summary,
          severity: work.severity,
          private: work.private,
          requestedBy: work.user.id,
          origin: "teams",
          replyRef: teamsReplyRef(work.conversation.id),
        },
        deps.warRoom,
      );
      return answerOutcome(work.conversation.id, outcome, work, deps);
    }
  }
}

/**
 * Does one piece of queued work. A request that cannot be done (bad input) is answered with what to fix
 * and not retried; Teams or another system failing is retried by the queue; anything else is answered
 * once with its code (never the raw error) and retried.
 */
export async function handleInbound(
  work: InboundWork,
  attempt: number,
  deps: TeamsHandlerDeps,
): Promise<void> {
  try {
    await run(work, deps);
  } catch (error) {
    if (work.kind === "reaction") throw error;
    const say = (text: MessageText) =>
      deps.teams.say(work.conversation.id, { text }).catch((e: unknown) => {
        deps.warRoom.logger.warn({ err: e }, "could not answer in Teams");
      });
    if (error instanceof InputError) {
      await say(withMentions`That did not work: ${describeFailureText(error)}`);
      return;
    }
    if (attempt === 1 && !(error instanceof IntegrationError)) {
      const coded = toWarroomError(error);
      await say(
        `That did not work yet. ${describeFailure(error)} It is logged (${coded.code}); warroom tries again.`,
      );
    }
    throw error;
  }
}
