/**
 * Posted digests: one row per ISO week and channel, so a week's digest goes out once whichever replica's
 * schedule fires, and however often it fires. A post claims the row (one replica at a time), saves the
 * message's reference the moment it exists, and marks it posted; a retry only finishes what is left.
 */
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

/**
 * Claims the right to post (or to finish posting) a week's digest: one caller at a time, never once it is
 * posted. A claim is free when nobody holds it, when its holder released it after a failure, or when it is
 * older than `staleAfterMs` (its holder died). `content` is stored unless a message already went out with
 * the earlier content. Returns what the winner needs: the stored content and the message, if any.
 */
export async function claimDigestPost<T>(
  sql: Sql,
  input: { week: string; channel: string; content: T | null; now: Date; staleAfterMs: number },
): Promise<{ content: T; messageRef: string | null } | null> {
  const [row] = await sql.query<{ content: T; message_ref: string | null }>(
    `INSERT INTO digests (week, channel, content, state, posting_since) VALUES ($1, $2, coalesce($3::jsonb, '{}'), 'posting', $4)
     ON CONFLICT (week, channel) DO UPDATE SET state = 'posting', posting_since = excluded.posting_since,
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
    ],
  );
  return row ? { content: row.content, messageRef: row.message_ref } : null;
}

/** Lets go of a claim after a failure, so a retry can take it at once. */
export async function releaseDigestClaim(sql: Sql, week: string, channel: string): Promise<void> {
  await sql.query(
    "UPDATE digests SET posting_since = NULL WHERE week = $1 AND channel = $2 AND state = 'posting'",
    [week, channel],
  );
}

/** Saves the posted message's reference as soon as it exists. */
export async function saveDigestMessage(
  sql: Sql,
  week: string,
  channel: string,
  messageRef: string,
): Promise<void> {
  await sql.query("UPDATE digests SET message_ref = $3 WHERE week = $1 AND channel = $2", [
    week,
    channel,
    messageRef,
  ]);
}

/** Marks the digest posted, with its chart's reference when one was uploaded. */
export async function markDigestPosted(
  sql: Sql,
  week: string,
  channel: string,
  chartRef: string | null,
  at: Date,
): Promise<void> {
  await sql.query(
    "UPDATE digests SET state = 'posted', chart_ref = $3, posted_at = $4 WHERE week = $1 AND channel = $2",
    [week, channel, chartRef, at],
  );
}
