/**
 * The composition root's chat-platform half (with src/app.ts): opens each configured platform through
 * its handlers' ChatSurface, binds the war-room deps to each, picks the primary platform and the digest
 * targets. Platforms are known here only as ChatSurface and ChatPlatform, never by their SDK types.
 */
import type { Config } from "./config.ts";
import type { DigestSchedule } from "./digest/digest-jobs.ts";
import type { DigestDeps } from "./digest/post-digest.ts";
import type { Logger } from "./logger.ts";
import type { ChatPlatform } from "./ports/chat-platform.ts";
import type { ChatSurface } from "./ports/chat-surface.ts";
import { createConversationDirectory } from "./storage/conversation-directory.ts";
import type { Database } from "./storage/database.ts";
import type { WarRoomDeps } from "./war-room/deps.ts";
import type { WarRoomPlatforms } from "./war-room/platforms.ts";

/** The war-room deps every platform shares; each platform adds its own `chat`. */
export type SharedWarRoomDeps = Omit<WarRoomDeps, "chat">;

/**
 * Opens the chat platforms the configuration turns on, each through its handlers' surface (loaded only
 * when configured, so an unused SDK never loads). A failed start closes the ones already open.
 */
export async function openSurfaces(config: Config, db: Database, logger: Logger): Promise<ChatSurface[]> {
  const surfaces: ChatSurface[] = [];
  try {
    if (config.slack) {
      const { openSlackSurface } = await import("../handlers/slack/index.ts");
      surfaces.push(await openSlackSurface(config.slack, logger));
    }
    if (config.teams) {
      const { openTeamsSurface } = await import("../handlers/teams/index.ts");
      const directory = createConversationDirectory(db);
      surfaces.push(await openTeamsSurface(config.teams, { directory, logger }));
    }
    return surfaces;
  } catch (error) {
    await Promise.allSettled(surfaces.map((s) => s.stop()));
    throw error;
  }
}

/** The primary platform: WAR_ROOM_PLATFORM when it is on, else the first configured one. */
function pickPrimary(config: Config, platforms: ChatPlatform[]): ChatPlatform {
  const primary = platforms.find((p) => p.kind === config.warRoomPlatform) ?? platforms[0];
  if (!primary) throw new Error("no chat platform to run war-rooms on");
  return primary;
}

/** What `wirePlatforms` builds. */
export interface WiredPlatforms {
  platforms: WarRoomPlatforms;
  /** Digest deps by platform kind. */
  digests: ReadonlyMap<string, DigestDeps>;
  primaryDigest: DigestDeps;
}

/** Binds the shared deps to each platform, and each surface's entry points to its platform's deps. */
export function wirePlatforms(
  config: Config,
  chats: ChatPlatform[],
  surfaces: ChatSurface[],
  shared: SharedWarRoomDeps,
): WiredPlatforms {
  const byKind = new Map(chats.map((chat): [string, WarRoomDeps] => [chat.kind, { ...shared, chat }]));
  const primary = pickPrimary(config, chats);
  for (const surface of surfaces) surface.listen(byKind.get(surface.platform.kind)!);
  const digestOf = (chat: ChatPlatform): DigestDeps => ({
    db: shared.db,
    crm: shared.crm,
    chat,
    llm: shared.llm,
    logger: shared.logger,
    clock: shared.clock,
    timeZone: config.digestTimeZone,
  });
  const digests = new Map(chats.map((chat) => [chat.kind, digestOf(chat)]));
  return {
    platforms: { primary: byKind.get(primary.kind)!, byKind },
    digests,
    primaryDigest: digests.get(primary.kind)!,
  };
}

/** Where weekly digests go: DIGEST_CHANNEL in Slack, DIGEST_TEAMS_CHANNEL in Teams, when those platforms run. */
export function digestSchedules(config: Config, kinds: ReadonlySet<string>): DigestSchedule[] {
  const targets: DigestSchedule[] = [];
  if (config.digest && kinds.has("slack"))
    targets.push({ platform: "slack", channel: config.digest.channel, cron: config.digestCron });
  if (config.teams?.digestChannel && kinds.has("teams"))
    targets.push({ platform: "teams", channel: config.teams.digestChannel, cron: config.digestCron });
  return targets;
}
