/**
 * Slack writes that happen once even when an answer is lost: a created channel is recognised by the
 * marker warroom puts in its purpose (a lost answer to conversations.create turns the retry into
 * `name_taken`), and a posted message by its metadata (event type and payload with the escalation id and
 * the message's key), found in the channel's latest messages. conversations.history is allowed once a
 * minute for most apps and returns at most 15 messages: it is read only when an answer was lost or a job
 * resumes, never before an ordinary post.
 */
import { ErrorCode, type WebClient } from "@slack/web-api";
import type { MessageKey } from "../../src/ports/chat-platform.ts";
import { slackMessageRef } from "./message-ref.ts";

/** The metadata event type of warroom's messages. */
export const MESSAGE_EVENT_TYPE = "warroom_message";
/** Slack's cap on history pages for new non-Marketplace apps. */
const HISTORY_LIMIT = 15;
/** How recent a channel without a marker must be to be taken for one whose creation answer was lost. */
const RECENT_MS = 3600_000;
/** Attempts of one write whose answers keep getting lost. */
const ATTEMPTS = 3;

/** The purpose warroom gives a channel it made for an escalation: people read it, warroom finds it. */
export function channelPurpose(key: string): string {
  return `War-room for escalation ${key} (opened by warroom)`;
}

/** The message metadata of a keyed message. */
export function messageMetadata(key: MessageKey) {
  return {
    event_type: MESSAGE_EVENT_TYPE,
    event_payload: { escalation_id: key.escalationId, key: key.name },
  };
}

/**
 * Whether a failed call may have taken effect: the request was sent but no answer came back (network
 * error, timeout) or the server failed (HTTP 5xx). Platform errors (`ok: false`) and 429s took none.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === ErrorCode.RequestError || code === ErrorCode.HTTPError;
}

/** The wait a rate-limited write asks for, or null when the error is not a 429. */
export function rateLimitWaitMs(error: unknown): number | null {
  const e = error as { code?: string; retryAfter?: number };
  return e.code === ErrorCode.RateLimitedError ? (e.retryAfter ?? 1) * 1000 : null;
}

/**
 * Runs a write that must happen once: when its answer may have been lost, `find` says whether it took
 * effect (and what it made) before it is tried again; a 429 waits as asked.
 */
export async function writeOnce<T>(write: () => Promise<T>, find: () => Promise<T | null>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const wait = rateLimitWaitMs(error);
      if (attempt >= ATTEMPTS || (wait === null && !mayHaveTakenEffect(error))) throw error;
      if (wait === null) {
        const found = await find();
        if (found !== null) return found;
      }
      await new Promise((resolve) => setTimeout(resolve, wait ?? 500 * attempt));
    }
  }
}

/** The keyed messages of an escalation among the channel's latest: key name to reference. */
export async function findPostedMessages(
  client: WebClient,
  channel: string,
  escalationId: string,
): Promise<Map<string, string>> {
  const page = await client.conversations.history({
    channel,
    limit: HISTORY_LIMIT,
    include_all_metadata: true,
  });
  const found = new Map<string, string>();
  for (const message of page.messages ?? []) {
    const metadata = message.metadata as
      | { event_type?: string; event_payload?: { escalation_id?: unknown; key?: unknown } }
      | undefined;
    const payload = metadata?.event_payload;
    if (metadata?.event_type !== MESSAGE_EVENT_TYPE || payload?.escalation_id !== escalationId) continue;
    if (typeof payload.key === "string" && message.ts)
      found.set(payload.key, slackMessageRef(channel, message.ts));
  }
  return found;
}

/** A channel found by name, and whether warroom made it for this key. */
export interface FoundChannel {
  id: string;
  name: string;
  /** Its purpose carries the key's marker. */
  marked: boolean;
  /**
   * Made by this bot within the hour, with the bot still in it and no purpose yet: the answer to its
   * creation was lost before the marker could be set.
   */
  unclaimed: boolean;
}

/** The channel called `name` (public, or private with the bot in it), or null. */
export async function findChannelByName(
  client: WebClient,
  name: string,
  key: string,
  botUserId: string,
): Promise<FoundChannel | null> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.list({
      types: "public_channel,private_channel",
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    const channel = page.channels?.find((c) => c.name === name);
    if (channel?.id) {
      const purpose = channel.purpose?.value ?? "";
      return {
        id: channel.id,
        name,
        marked: purpose.includes(channelPurpose(key)),
        unclaimed:
          channel.creator === botUserId &&
          channel.is_member === true &&
          purpose === "" &&
          (channel.created ?? 0) * 1000 > Date.now() - RECENT_MS,
      };
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return null;
}
