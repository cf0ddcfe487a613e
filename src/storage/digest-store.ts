/**
 * Posted digests: one row per ISO week and channel, so a week's digest goes out once whichever replica's
 * schedule fires, and however often it fires. A post moves the row from built to posting (one replica wins)
 * to posted; the message's reference is saved the moment it exists, so a retry only finishes what is left.
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
 * Claims the right to post: stores the content and moves the row to posting, unless it is posted, or
 * another post began less than `staleAfterMs` ago and has not saved its message. True when this caller won.
 */
export async function claimDigestPost(
  sql: Sql,
  input: { week: string; channel: string; content: unknown; now: Date; staleAfterMs: number },
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO digests (week, channel, content, state, posting_since) VALUES ($1, $2, $3, 'posting', $4)
     ON CONFLICT (week, channel) DO UPDATE SET content = excluded.content, state = 'posting', posting_since = excluded.posting_since
     WHERE digests.state = 'built'
        OR (digests.state = 'posting' AND digests.message_ref IS NULL AND digests.posting_since < $4::timestamptz - make_interval(secs => $5))
     RETURNING 1`,
    [input.week, input.channel, JSON.stringify(input.content), input.now, input.staleAfterMs / 1000],
  );
  return rows.length === 1;
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
