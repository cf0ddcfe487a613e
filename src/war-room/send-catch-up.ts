/**
 * The catch-up for each person who joins a war-room once it is ready: once per person per room (a row
 * claimed in the same transaction that queues the job, so replicas and redelivered join events agree),
 * sent by a job that retries until the platform takes it. People who were in the room while it was being
 * opened saw it built, and the bot is not a person: neither gets one.
 */
import { v5 as uuidv5 } from "uuid";
import { mention, withMentions } from "../domain/message-text.ts";
import {
  claimCatchUp,
  listWarRoomMembers,
  markCatchUpSent,
  warRoomReadyAt,
} from "../storage/catch-up-store.ts";
import { addMembers, getWarRoom } from "../storage/war-room-store.ts";
import { composeCatchUp, withPeople } from "./build-catch-up.ts";
import type { WarRoomDeps } from "./deps.ts";
import { findEscalationByRoom } from "./find-escalation.ts";
import { CATCH_UP_JOB } from "./job-names.ts";
import { polishCatchUp } from "./polish-catch-up.ts";

/** Namespace of the catch-up jobs' ids (uuid v5 of escalation and person). */
const CATCH_UP_NAMESPACE = "7e2b9d4a-1c3f-4a6e-8b5d-0f9e8d7c6b13";

/** Someone who joined a room, as a platform reports it. */
export interface RoomJoin {
  roomId: string;
  userId: string;
  /** Asked only when the join could need a catch-up (it may cost the platform a call). */
  isBot: () => Promise<boolean>;
  /** When the platform says they joined (defaults to now). */
  at?: Date;
}

/** What became of a join: queued, or why not. */
export type JoinOutcome =
  | "queued"
  | "not-a-war-room"
  | "bot"
  | "room-not-ready"
  | "joined-while-opening"
  | "already-caught-up";

/** Queues the catch-up of a person who joined a war-room, unless they need none. */
export async function welcomeJoiner(join: RoomJoin, deps: WarRoomDeps): Promise<JoinOutcome> {
  const escalationId = await findEscalationByRoom(join.roomId, deps);
  if (!escalationId) return "not-a-war-room";
  const readyAt = await warRoomReadyAt(deps.db, escalationId);
  if (!readyAt) return "room-not-ready";
  const at = join.at ?? deps.clock.now();
  const member = (await listWarRoomMembers(deps.db, escalationId)).find((m) => m.userId === join.userId);
  // The bot's own invites while opening arrive as joins too, often after the room is ready.
  if (at < readyAt || (member && member.joinedAt <= readyAt)) return "joined-while-opening";
  if (await join.isBot()) return "bot";
  const queued = await deps.db.transaction(async (tx) => {
    if (!(await claimCatchUp(tx, escalationId, join.userId))) return false;
    await addMembers(tx, escalationId, [{ userId: join.userId, role: "member" }]);
    const id = uuidv5(`${escalationId}:${join.userId}`, CATCH_UP_NAMESPACE);
    await deps.queue.send(CATCH_UP_JOB, { escalationId, userId: join.userId }, { tx, id });
    return true;
  });
  if (!queued) return "already-caught-up";
  deps.queue.wake(CATCH_UP_JOB);
  return "queued";
}

/** The catch-up job: builds it from the records, lets the LLM reword it, shows it to the person. */
export async function sendCatchUp(escalationId: string, userId: string, deps: WarRoomDeps): Promise<void> {
  const warRoom = await getWarRoom(deps.db, escalationId);
  const built = await composeCatchUp(escalationId, deps);
  if (!warRoom || !built) return;
  const polished = await polishCatchUp(built.text, deps.llm, deps.logger.child({ escalationId }));
  const text = withPeople(polished, built.people);
  if (deps.chat.whisper) await deps.chat.whisper(warRoom.room, userId, text);
  else
    await deps.chat.post(warRoom.room, {
      kind: "text",
      text: withMentions`${mention(userId)}, welcome. ${text}`,
    });
  await markCatchUpSent(deps.db, escalationId, userId);
}
