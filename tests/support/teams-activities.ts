/**
 * Inbound Teams activities for tests, from the recorded shapes in tests/fixtures/teams/: a fixture is
 * read, its `{{placeholders}}` filled (ids, the fake's serviceUrl and tenant, the person, the text), and
 * any field overridden.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FakeTeams, FakeUser } from "../fakes/teams/index.ts";

const DIR = join(import.meta.dirname, "../fixtures/teams");

/** The fixtures by name (file name without .json). */
export type TeamsFixture =
  | "message-channel-mention"
  | "message-personal"
  | "message-reaction"
  | "invoke-card-action"
  | "invoke-message-action-fetch"
  | "invoke-message-action-submit"
  | "invoke-task-fetch"
  | "invoke-task-submit"
  | "invoke-search"
  | "conversation-update-installed"
  | "conversation-update-members-added";

let counter = 0;

const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

function fill(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === "string")
    return value.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole);
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

/** Where an activity happens. */
export interface Where {
  conversationId: string;
  /** The channel the conversation is in (channel conversations). */
  channelId?: string;
}

/** A filled activity of `fixture`, from `user` in `where`; `vars` fill the rest. */
export function teamsActivity(
  fake: FakeTeams,
  fixture: TeamsFixture,
  user: FakeUser,
  where: Where,
  vars: Record<string, string> = {},
): Record<string, unknown> {
  const raw = JSON.parse(readFileSync(join(DIR, `${fixture}.json`), "utf8")) as unknown;
  const text = vars.text ?? "";
  return fill(raw, {
    activityId: `f:${Date.now()}${++counter}`,
    serviceUrl: fake.serviceUrl,
    tenantId: fake.tenantId,
    teamId: fake.teamId,
    teamThreadId: fake.state.team.generalChannelId,
    botId: `28:${fake.appId}`,
    userBotId: user.botId,
    userAadId: user.aadObjectId,
    userName: user.name,
    conversationId: where.conversationId,
    channelId: where.channelId ?? where.conversationId.split(";")[0]!,
    html: escapeHtml(text),
    ...vars,
  }) as Record<string, unknown>;
}
