/**
 * Posted digests: one row per ISO week and channel, so a week's digest goes out once whichever replica's
 * schedule fires, and however often it fires. A post claims the row (one replica at a time), saves the
 * message's reference the moment it exists, and marks it posted; a retry only finishes what is left.
 */
import { randomUUID } from "node:crypto";
import type { Sql } from "./database.ts";

/** Where a week's digest for a channel stands. */
export interface DigestRecord {
  week: string;
  channel: string;
  state: "built" | "posting" | "posted";
  messageRef: string | null;
  chartRef: string | null;
  postingSince: Date | null;
  postedAt: Date | null;
}

interface DigestRow {
  [column: string]: unknown;
  week: string;
  channel: string;
  state: DigestRecord["state"];
  message_ref: string | null;
  chart_ref: string | null;
  posting_since: Date | null;
  posted_at: Date | null;
}

const fromRow = (r: DigestRow): DigestRecord => ({
  week: r.week,
  channel: r.channel,
  state: r.state,
  messageRef: r.message_ref,
  chartRef: r.chart_ref,
  postingSince: r.posting_since ? new Date(r.posting_since) : null,
  postedAt: r.posted_at ? new Date(r.posted_at) : null,
});

/** The digest of `week` for `channel`, or null. */
export async function getDigestRecord(sql: Sql, week: string, channel: string): Promise<DigestRecord | null> {
  const [row] = await sql.query<DigestRow>("SELECT * FROM digests WHERE week = $1 AND channel = $2", [
    week,
    channel,
  ]);
  return row ? fromRow(row) : null;
}

/** A claim on a week's digest: only its holder (its token) may move it on or let it go. */
export interface DigestClaim {
  week: string;
  channel: string;
  token: string;
}

/**
 * Claims the right to post (or to finish posting) a week's digest: one caller at a time, never once it is
 * posted. A claim is free when nobody holds it, when its holder released it after a failure, or when it is
 * older than `staleAfterMs` (its holder died). `content` is stored unless a message already went out with
 * the earlier content. Returns what the winner needs: the stored content, the message if any, the claim.
 */
export async function claimDigestPost<T>(
  sql: Sql,
  input: { week: string; channel: string; content: T | null; now: Date; staleAfterMs: number },
): Promise<{ content: T; messageRef: string | null; claim: DigestClaim } | null> {
  const token = randomUUID();
  const [row] = await sql.query<{ content: T; message_ref: string | null }>(
    `INSERT INTO digests (week, channel, content, state, posting_since, claim_token)
     VALUES ($1, $2, coalesce($3::jsonb, '{}'), 'posting', $4, $6)
     ON CONFLICT (week, channel) DO UPDATE SET state = 'posting', posting_since = excluded.posting_since,
       claim_token = excluded.claim_token,
       content = CASE WHEN digests.message_ref IS NULL AND $3::jsonb IS NOT NULL THEN excluded.content ELSE digests.content END
     WHERE digests.state <> 'posted'
       AND (digests.state = 'built' OR digests.posting_since IS NULL
            OR digests.posting_since < $4::timestamptz - make_interval(secs => $5))
     RETURNING content, message_ref`,
    [
      input.week,
      input.channel,
      input.content === null ? null : JSON.stringify(input.content),
      input.now,
      input.staleAfterMs / 1000,
      token,
    ],
  );
  if (!row) return null;
  return {
    content: row.content,
    messageRef: row.message_ref,
    claim: { week: input.week, channel: input.channel, token },
  };
}

/** Lets go of a claim after a failure, so a retry can take it at once. */
export async function releaseDigestClaim(sql: Sql, claim: DigestClaim): Promise<void> {
  await sql.query(
    "UPDATE digests SET posting_since = NULL WHERE week = $1 AND channel = $2 AND state = 'posting' AND claim_token = $3",
    [claim.week, claim.channel, claim.token],
  );
}

/** Saves the posted message's reference as soon as it exists; false when the claim was taken over. */
export async function saveDigestMessage(sql: Sql, claim: DigestClaim, messageRef: string): Promise<boolean> {
  const rows = await sql.query(
    "UPDATE digests SET message_ref = $4 WHERE week = $1 AND channel = $2 AND claim_token = $3 RETURNING 1",
    [claim.week, claim.channel, claim.token, messageRef],
  );
  return rows.length === 1;
}

/** Marks the digest posted, with its chart's reference when one was uploaded; false when taken over. */
export async function markDigestPosted(
  sql: Sql,
  claim: DigestClaim,
  chartRef: string | null,
  at: Date,
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE digests SET state = 'posted', chart_ref = $4, posted_at = $5
     WHERE week = $1 AND channel = $2 AND claim_token = $3 RETURNING 1`,
    [claim.week, claim.channel, claim.token, chartRef, at],
  );
  return rows.length === 1;
}
