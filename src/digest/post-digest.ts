/**
 * Posts the weekly digest to a channel, once per week and channel across replicas and restarts. The post
 * is claimed in the database first (one replica at a time); the message's reference is saved the moment it
 * exists, so a retry after a failed chart upload finishes the upload instead of posting twice. A failed post
 * lets go of its claim; a claim left by a replica that died expires after twenty minutes and is taken over.
 * Only a crash between Slack accepting the message and the reference being saved can post it twice.
 */
import { AuthError, PermissionError, ValidationError, WarroomError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { ChatPlatform } from "../ports/chat-platform.ts";
import type { Clock } from "../ports/clock.ts";
import type { CrmSource } from "../ports/crm-source.ts";
import type { LlmClient } from "../ports/llm-client.ts";
import type { Database } from "../storage/database.ts";
import {
  claimDigestPost,
  getDigestRecord,
  markDigestPosted,
  releaseDigestClaim,
  saveDigestMessage,
} from "../storage/digest-store.ts";
import { buildDigest } from "./build-digest.ts";
import type { Digest } from "./digest.ts";
import type { DigestWeek } from "./digest-week.ts";
import { renderDigestChart } from "./render-digest-chart.ts";

/** What building and posting a digest needs. */
export interface DigestDeps {
  db: Database;
  crm: CrmSource;
  chat: ChatPlatform;
  llm: LlmClient | null;
  logger: Logger;
  clock: Clock;
  timeZone: string;
}

/** What a post did. */
export type DigestPostOutcome =
  | { posted: true; messageRef: string; chartRef: string | null }
  | { posted: false; reason: string };

/** Longer than the post job's expiry (10 min), so a claim is taken over only once its job is gone. */
const STALE_CLAIM_MS = 20 * 60_000;

/** Builds the digest of `week` from the store and the CRM's accounts. */
export async function buildWeeklyDigest(week: DigestWeek, deps: DigestDeps): Promise<Digest> {
  return buildDigest(deps.db, {
    week,
    timeZone: deps.timeZone,
    accounts: await deps.crm.listAccounts(),
    countTickets: deps.crm.countTickets?.bind(deps.crm),
    now: deps.clock.now(),
    llm: deps.llm,
    logger: deps.logger,
  });
}

/**
 * Uploads the chart; a refusal that retrying cannot fix (the app lacks files:write) is logged and the digest
 * counts as posted without it, while a passing failure (rate limit, network) fails the post for a retry.
 */
async function uploadChart(digest: Digest, deps: DigestDeps, channel: string): Promise<string | null> {
  if (!deps.chat.uploadFile) return null;
  try {
    return await deps.chat.uploadFile(deps.chat.existingRoom(channel), {
      name: `escalation-digest-${digest.week}.png`,
      title: `Root causes over 8 weeks to ${digest.week}`,
      bytes: renderDigestChart(digest),
    });
  } catch (error) {
    if (!(error instanceof PermissionError || error instanceof ValidationError || error instanceof AuthError))
      throw error;
    deps.logger.warn({ err: error, week: digest.week, channel }, "the digest's chart could not be uploaded");
    return null;
  }
}

/**
 * Posts the digest of `week` to `channel` unless it is posted already (or being posted elsewhere);
 * `prebuilt` is a digest already built for it (the CLI prints what it posts).
 */
export async function postWeeklyDigest(
  week: DigestWeek,
  channel: string,
  deps: DigestDeps,
  prebuilt?: Digest,
): Promise<DigestPostOutcome> {
  const existing = await getDigestRecord(deps.db, week.label, channel);
  if (existing?.state === "posted")
    return {
      posted: false,
      reason: `the digest of ${week.label} was posted to ${channel} at ${existing.postedAt?.toISOString()}`,
    };
  // A message that went out keeps its content: a retry only finishes what is left (the chart).
  const digest = existing?.messageRef ? null : (prebuilt ?? (await buildWeeklyDigest(week, deps)));
  const claimed = await claimDigestPost<Digest>(deps.db, {
    week: week.label,
    channel,
    content: digest,
    now: deps.clock.now(),
    staleAfterMs: STALE_CLAIM_MS,
  });
  // Another replica is posting it right now: retry later, when it has finished or let go.
  if (!claimed)
    throw new WarroomError("digest_in_progress", `the digest of ${week.label} is being posted to ${channel}`);
  const { claim, content } = claimed;
  try {
    let messageRef = claimed.messageRef;
    if (!messageRef) {
      messageRef = await deps.chat.post(deps.chat.existingRoom(channel), { kind: "digest", digest: content });
      if (!(await saveDigestMessage(deps.db, claim, messageRef)))
        deps.logger.warn({ week: week.label, channel }, "the digest's claim was taken over while posting");
    }
    const chartRef = await uploadChart(content, deps, channel);
    await markDigestPosted(deps.db, claim, chartRef, deps.clock.now());
    deps.logger.info({ week: week.label, channel, messageRef }, "weekly digest posted");
    return { posted: true, messageRef, chartRef };
  } catch (error) {
    await releaseDigestClaim(deps.db, claim);
    throw error;
  }
}
