/**
 * `/escalate <account> "<summary>"` as a durable job: the handler queues the request (milliseconds) and
 * only then acks, so an acknowledged request survives a crash; the job resolves the account, opens the
 * escalation and answers through the command's response_url. A retry by the requester while the first is
 * in flight finds the same escalation (one open escalation per account).
 */
import type { WebClient } from "@slack/web-api";
import { parse as parseUuid, v5 as uuidV5 } from "uuid";
import { z } from "zod";
import { escapeMrkdwn } from "../../integrations/slack/escape-mrkdwn.ts";
import { SEVERITIES } from "../../src/domain/case-bundle.ts";
import { IntegrationError, toWarroomError } from "../../src/errors.ts";
import { parseEscalateText } from "../../src/war-room/parse-escalate-text.ts";
import { requestEscalation } from "../../src/war-room/request-escalation.ts";
import type { SlackHandlerDeps } from "./deps.ts";
import { renderOutcome } from "./render-outcome.ts";

export const SLACK_ESCALATE_JOB = "slack-escalate";
/** Parsed once: a string namespace is parsed again on every call. */
const NAMESPACE = parseUuid("3b8f0d52-6c1e-4a7b-8e29-d54f1a6c0b73");

const chosen = {
  user: z.string(),
  accountId: z.string(),
  summary: z.string(),
  severity: z.enum(SEVERITIES),
  private: z.boolean(),
};
const escalateWork = z.discriminatedUnion("kind", [
  /** `/escalate <account> "<summary>"`, answered through its response_url. */
  z.object({
    kind: z.literal("command"),
    user: z.string(),
    text: z.string(),
    responseUrl: z.url(),
    id: z.string(),
  }),
  /** A button picking one of several accounts, answered through the message's response_url. */
  z.object({ kind: z.literal("choice"), ...chosen, responseUrl: z.url(), id: z.string() }),
  /** The escalate form, answered with an ephemeral message in the channel it was opened from. */
  z.object({ kind: z.literal("form"), ...chosen, channelId: z.string(), id: z.string() }),
]);

/** A queued escalation request; `id` names the request (trigger id, action or view) once. */
export type EscalateWork = z.infer<typeof escalateWork>;

/** Queues the request; resolves once it is stored (a second queueing of one request stores nothing). */
export async function queueEscalate(work: EscalateWork, deps: SlackHandlerDeps): Promise<void> {
  await deps.warRoom.queue.enqueue(SLACK_ESCALATE_JOB, work, {
    id: uuidV5(`${work.kind}:${work.id}`, NAMESPACE),
  });
}

async function respond(responseUrl: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ response_type: "ephemeral", replace_original: true, ...body }),
  });
  if (!response.ok)
    throw new IntegrationError("slack", `http_${response.status}`, "the response_url refused the answer");
}

async function escalate(work: EscalateWork, deps: SlackHandlerDeps, client: WebClient): Promise<void> {
  if (work.kind !== "command") {
    const outcome = await requestEscalation(
      {
        account: work.accountId,
        summary: work.summary,
        severity: work.severity,
        private: work.private,
        requestedBy: work.user,
        origin: "slack",
        ...(work.kind === "choice" ? { replyRef: work.responseUrl } : {}),
      },
      deps.warRoom,
    );
    const answer = renderOutcome(outcome, work);
    if (work.kind === "choice") await respond(work.responseUrl, answer);
    else await client.chat.postEphemeral({ channel: work.channelId, user: work.user, ...answer });
    return;
  }
  const parsed = await parseEscalateText(work.text, deps.warRoom.crm);
  if (!parsed?.summary) {
    await respond(work.responseUrl, {
      text: escapeMrkdwn(
        `Say what happened after the account: /escalate ${parsed?.account ?? "<account>"} "<what happened>"`,
      ),
    });
    return;
  }
  const outcome = await requestEscalation(
    { ...parsed, requestedBy: work.user, origin: "slack", replyRef: work.responseUrl },
    deps.warRoom,
  );
  await respond(work.responseUrl, renderOutcome(outcome, parsed));
}

/** Defines the job (before the queue starts); `client` posts the form's ephemeral answer. */
export function defineEscalateJob(deps: SlackHandlerDeps, client: WebClient): void {
  deps.warRoom.queue.define({
    name: SLACK_ESCALATE_JOB,
    schema: escalateWork,
    // A response_url lasts 30 minutes: retried well within it.
    retryLimit: 10,
    retryDelaySeconds: 1,
    concurrency: 4,
    handle: async (work, { attempt, logger }) => {
      try {
        await escalate(work, deps, client);
      } catch (error) {
        // Told once, in words; the details are in the log and the job keeps retrying.
        if (attempt === 1 && work.kind !== "form")
          await respond(work.responseUrl, {
            text: `The war-room is not open yet: something went wrong on our side (${toWarroomError(error).code}). Your request is saved and I keep trying.`,
          }).catch((e: unknown) => logger.warn({ err: e }, "could not tell the requester"));
        throw error;
      }
    },
  });
}
