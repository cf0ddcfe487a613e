/**
 * `/escalate <account> "<summary>"` as a durable job: the handler queues the request (milliseconds) and
 * only then acks, so an acknowledged request survives a crash; the job resolves the account, opens the
 * escalation and answers through the command's response_url. A retry by the requester while the first is
 * in flight finds the same escalation (one open escalation per account).
 */
import { v5 as uuidV5 } from "uuid";
import { z } from "zod";
import { escapeMrkdwn } from "../../integrations/slack/escape-mrkdwn.ts";
import { IntegrationError } from "../../src/errors.ts";
import { parseEscalateText } from "../../src/war-room/parse-escalate-text.ts";
import { requestEscalation } from "../../src/war-room/request-escalation.ts";
import type { SlackHandlerDeps } from "./deps.ts";
import { renderOutcome } from "./render-outcome.ts";

export const SLACK_ESCALATE_JOB = "slack-escalate";
const NAMESPACE = "3b8f0d52-6c1e-4a7b-8e29-d54f1a6c0b73";

const escalateWork = z.object({
  user: z.string(),
  text: z.string(),
  responseUrl: z.url(),
  triggerId: z.string(),
});

/** A queued /escalate. */
export type EscalateWork = z.infer<typeof escalateWork>;

/** Queues the request; resolves once it is stored (a second queueing of one command stores nothing). */
export async function queueEscalate(work: EscalateWork, deps: SlackHandlerDeps): Promise<void> {
  await deps.warRoom.queue.send(SLACK_ESCALATE_JOB, work, { id: uuidV5(work.triggerId, NAMESPACE) });
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

async function escalate(work: EscalateWork, deps: SlackHandlerDeps): Promise<void> {
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

/** Defines the job (before the queue starts). */
export function defineEscalateJob(deps: SlackHandlerDeps): void {
  deps.warRoom.queue.define({
    name: SLACK_ESCALATE_JOB,
    schema: escalateWork,
    // A response_url lasts 30 minutes: retried well within it.
    retryLimit: 10,
    retryDelaySeconds: 1,
    concurrency: 4,
    handle: (work) => escalate(work, deps),
  });
}
