/**
 * Posts the weekly digest to a channel, once per week and channel across replicas and restarts. The post
 * is claimed in the database first (one replica at a time); the message's reference is saved the moment it
 * exists, so a retry after a failed chart upload finishes the upload instead of posting twice. A failed post
 * lets go of its claim; a claim left by a replica that died expires after ten minutes and is taken over.
 * Only a crash between Slack accepting the message and the reference being saved can post it twice.
 */
import { WarroomError } from "../errors.ts";
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

const STALE_CLAIM_MS = 10 * 60_000;

/** Builds the digest of `week` from the store and the CRM's accounts. */
export async function buildWeeklyDigest(week: DigestWeek, deps: DigestDeps): Promise<Digest> {
  return buildDigest(deps.db, {
    week,
    timeZone: deps.timeZone,
    accounts: await deps.crm.listAccounts(),
    now: deps.clock.now(),
    llm: deps.llm,
    logger: deps.logger,
  });
}

async function uploadChart(digest: Digest, deps: DigestDeps, channel: string): Promise<string | null> {
  if (!deps.chat.uploadFile) return null;
  return deps.chat.uploadFile(deps.chat.existingRoom(channel), {
    name: `escalation-digest-${digest.week}.png`,
    title: `Root causes over 8 weeks to ${digest.week}`,
    bytes: renderDigestChart(digest),
  });
}

/** Posts the digest of `week` to `channel` unless it is posted already (or being posted elsewhere). */
export async function postWeeklyDigest(
  week: DigestWeek,
  channel: string,
  deps: DigestDeps,
): Promise<DigestPostOutcome> {
  const existing = await getDigestRecord(deps.db, week.label, channel);
  if (existing?.state === "posted")
    return {
      posted: false,
      reason: `the digest of ${week.label} was posted to ${channel} at ${existing.postedAt?.toISOString()}`,
    };
  // A message that went out keeps its content: a retry only finishes what is left (the chart).
  const digest = existing?.messageRef ? null : await buildWeeklyDigest(week, deps);
  const claim = await claimDigestPost<Digest>(deps.db, {
    week: week.label,
    channel,
    content: digest,
    now: deps.clock.now(),
    staleAfterMs: STALE_CLAIM_MS,
  });
  // Another replica is posting it right now: retry later, when it has finished or let go.
  if (!claim)
    throw new WarroomError("digest_in_progress", `the digest of ${week.label} is being posted to ${channel}`);
  try {
    let messageRef = claim.messageRef;
    if (!messageRef) {
      messageRef = await deps.chat.post(deps.chat.existingRoom(channel), {
        kind: "digest",
        digest: claim.content,
      });
      await saveDigestMessage(deps.db, week.label, channel, messageRef);
    }
    const chartRef = await uploadChart(claim.content, deps, channel);
    await markDigestPosted(deps.db, week.label, channel, chartRef, deps.clock.now());
    deps.logger.info({ week: week.label, channel, messageRef }, "weekly digest posted");
    return { posted: true, messageRef, chartRef };
  } catch (error) {
    await releaseDigestClaim(deps.db, week.label, channel);
    throw error;
  }
}
