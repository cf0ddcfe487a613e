/**
 * Inbound Teams work that is not answered in the HTTP response (commands typed to the bot, escalations
 * asked for through a card or a dialog, reactions) goes to one durable job, queued before Teams gets its
 * answer: a redelivered activity (the same id) queues nothing, and a restart loses nothing.
 */
import { v5 as uuidV5 } from "uuid";
import { z } from "zod";
import type { TeamsActivity } from "../../integrations/teams/index.ts";
import { SEVERITIES } from "../../src/domain/case-bundle.ts";
import type { WarRoomDeps } from "../../src/war-room/deps.ts";

export const TEAMS_INBOUND_JOB = "teams-inbound";
const NAMESPACE = "0f6e3a1c-8d2b-4c7e-9a35-6b1d2e4f7a90";

const user = z.object({ id: z.string(), name: z.string(), isBot: z.boolean() });
const conversation = z.object({
  id: z.string(),
  kind: z.enum(["personal", "groupChat", "channel"]),
  tenantId: z.string().nullable(),
  serviceUrl: z.string(),
});
const common = { activityId: z.string(), user, conversation };

/** A queued piece of Teams work. */
export const inboundWork = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("command"), ...common, text: z.string() }),
  z.object({
    kind: z.literal("escalate"),
    ...common,
    accountId: z.string(),
    summary: z.string(),
    severity: z.enum(SEVERITIES),
    private: z.boolean(),
  }),
  z.object({
    kind: z.literal("reaction"),
    ...common,
    messageRef: z.string(),
    added: z.array(z.string()),
    removed: z.array(z.string()),
  }),
]);
export type InboundWork = z.infer<typeof inboundWork>;

/** Who asked and where, from a normalised activity. */
export function origin(event: TeamsActivity): Pick<InboundWork, "activityId" | "user" | "conversation"> {
  return { activityId: event.activityId, user: event.user, conversation: event.conversation };
}

/**
 * Queues `work` unless its activity was queued before; true when it was queued now. The job's id is derived
 * from the activity's, so one INSERT both records the activity and queues its work: a redelivery's INSERT
 * finds the id taken. (Finished jobs are kept for days; Teams redelivers within minutes.)
 */
export async function queueInbound(work: InboundWork, deps: WarRoomDeps): Promise<boolean> {
  const id = await deps.queue.send(TEAMS_INBOUND_JOB, work, { id: uuidV5(work.activityId, NAMESPACE) });
  return id !== null;
}
