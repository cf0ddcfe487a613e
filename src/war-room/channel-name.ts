/**
 * War-room channel names: `esc-<account-slug>-<yyyymmdd>`, valid on every chat platform we use (lowercase
 * letters, digits and hyphens; at most 80 characters), with a numeric suffix on collision.
 */
import slugify from "@sindresorhus/slugify";

/** The longest channel name Slack accepts. */
export const MAX_CHANNEL_NAME = 80;

/** The preferred name of an account's war-room opened on `date` (UTC). */
export function warRoomChannelName(accountName: string, date: Date): string {
  const day = date.toISOString().slice(0, 10).replaceAll("-", "");
  const room = MAX_CHANNEL_NAME - "esc-".length - "-".length - day.length - "-99".length;
  const slug = slugify(accountName, { separator: "-", lowercase: true, decamelize: false })
    .slice(0, room)
    .replace(/-+$/, "");
  return `esc-${slug || "account"}-${day}`;
}

/** The name to try after `attempt` collisions: `name-2`, `name-3`, ... */
export function withCollisionSuffix(name: string, attempt: number): string {
  return attempt <= 1 ? name : `${name}-${attempt}`;
}
