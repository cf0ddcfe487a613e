/**
 * Teams entry points. Who may do what is one table (src/war-room/route-policies.ts: anyone, war-room
 * member, owner) that each handler checks before its use-case: anyone in the tenant may ask for a
 * war-room (a mention, the message action, a card); verdicts count only from war-room members (checked in
 * the use-case); subcommands act on the war-room they are typed in; whoever is added to a war-room gets
 * its catch-up. Commands, reactions and escalation requests are queued before Teams gets its answer
 * (inbound-job.ts); card buttons, dialogs and the account search answer in the response.
 */
import { baseConversationId, createTeamsAdapter, type TeamsAdapter } from "../../integrations/teams/index.ts";
import type { TeamsConfig } from "../../src/config.ts";
import { describeFailure, describeFailureText } from "../../src/describe-failure.ts";
import type { MessageText } from "../../src/domain/message-text.ts";
import { toWarroomError, WarroomError } from "../../src/errors.ts";
import type { Logger } from "../../src/logger.ts";
import type { ChatSurface } from "../../src/ports/chat-surface.ts";
import type { ConversationDirectory } from "../../src/ports/conversation-directory.ts";
import type { WarRoomDeps } from "../../src/war-room/deps.ts";
import { welcomeJoiner } from "../../src/war-room/send-catch-up.ts";
import { handleCardAction } from "./card-actions.ts";
import { handleInbound } from "./commands.ts";
import type { TeamsHandlerDeps } from "./deps.ts";
import { openDialog, searchAccounts, submitDialog } from "./dialogs.ts";
import { inboundWork, origin, queueInbound, TEAMS_INBOUND_JOB } from "./inbound-job.ts";

/**
 * A line for the person when an answered request fails: what to fix, or a code, never a raw error. An
 * answer shows no mentions, so `words` names the people a mistake mentions.
 */
async function answering<T>(
  work: () => Promise<T>,
  failed: (text: string) => T,
  logger: Logger,
  words: (text: MessageText) => string,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const coded = toWarroomError(error);
    const mistake = error instanceof WarroomError && coded.code === "input_invalid";
    // A person's mistake is theirs to fix, not an operator's alarm.
    if (mistake) logger.info({ code: coded.code, reason: coded.message }, "teams request refused");
    else logger.error({ err: error, code: coded.code }, "teams request failed");
    return failed(
      mistake
        ? `That did not work: ${words(describeFailureText(error))}`
        : `That did not work. ${describeFailure(error)} It is logged (${coded.code}); try again in a minute.`,
    );
  }
}

/** Registers the Teams handlers and the job that does queued Teams work. */
export function registerTeamsHandlers(teams: TeamsAdapter, warRoom: WarRoomDeps): void {
  const deps: TeamsHandlerDeps = { warRoom, teams: teams.platform };
  const log = warRoom.logger;
  const words = (text: MessageText) => teams.platform.wordsOf(text);
  warRoom.queue.define({
    name: TEAMS_INBOUND_JOB,
    schema: inboundWork,
    retryLimit: 20,
    retryDelaySeconds: 2,
    handle: (work, { attempt }) => handleInbound(work, attempt, deps),
  });
  teams.listen({
    async message(event) {
      // In channels and group chats Teams sends only messages that mention the bot; a personal chat is all ours.
      if (event.user.isBot || (event.conversation.kind !== "personal" && !event.mentionsBot)) return;
      if (!event.text) return;
      await queueInbound({ kind: "command", ...origin(event), text: event.text }, warRoom);
    },
    async reaction(event) {
      if (event.user.isBot) return;
      await queueInbound(
        {
          kind: "reaction",
          ...origin(event),
          messageRef: event.messageRef,
          added: event.added,
          removed: event.removed,
        },
        warRoom,
      );
    },
    async membersAdded(event) {
      // Only queues the catch-up job (the use-case decides who needs one), so it runs before Teams' answer.
      for (const member of event.members) {
        await welcomeJoiner(
          {
            roomId: baseConversationId(event.conversation.id),
            userId: member.id,
            isBot: async () => member.isBot,
            ...(event.at ? { at: event.at } : {}),
          },
          warRoom,
        );
      }
    },
    cardAction: (event) =>
      answering(
        () => handleCardAction(event, deps),
        (message) => ({ message }),
        log,
        words,
      ),
    openDialog: (event) =>
      answering(
        () => openDialog(event, deps),
        (message) => ({ message }),
        log,
        words,
      ),
    submitDialog: (event) =>
      answering(
        () => submitDialog(event, deps),
        (message) => ({ message }),
        log,
        words,
      ),
    search: (query, dataset) =>
      answering(
        () => searchAccounts(query, dataset, deps),
        () => [],
        log,
        words,
      ),
  });
}

/**
 * Teams as the composition root sees it: the adapter on the Teams SDK, its route (`POST /api/messages`)
 * and these handlers, registered by `listen`.
 */
export async function openTeamsSurface(
  config: TeamsConfig,
  deps: { directory: ConversationDirectory; logger: Logger },
): Promise<ChatSurface> {
  const teams = await createTeamsAdapter({
    appId: config.appId,
    appPassword: config.appPassword,
    tenantId: config.tenantId,
    teamId: config.escalationsTeamId,
    endpoints: config.endpoints,
    directory: deps.directory,
    logger: deps.logger,
  });
  return {
    platform: teams.platform,
    route: { method: "POST", path: "/api/messages", handle: teams.handleHttp },
    listen: (warRoom) => registerTeamsHandlers(teams, warRoom),
    start: async () => {},
    stop: async () => {},
  };
}
