/**
 * A running warroom with Teams on, started exactly as `warroom serve` starts it (the composition root and
 * its HTTP wiring), with the four endpoint overrides pointing at the fake Microsoft: the real Teams SDK
 * verifies inbound tokens against the fake's OpenID keys, gets its tokens from the fake's token endpoint,
 * and calls the fake Bot Connector and Graph. Activities are sent signed exactly as the Bot Framework
 * signs them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, vi } from "vitest";
import { startHttp } from "../../handlers/http/index.ts";
import { closeServices, openServices, type Services, startServices } from "../../src/app.ts";
import { type DatabaseConfig, loadConfig } from "../../src/config.ts";
import type { HttpServer } from "../../src/http-server.ts";
import { type Clock, systemClock } from "../../src/ports/clock.ts";
import type { CrmSource } from "../../src/ports/crm-source.ts";
import { getWarRoom, isWarRoomReady } from "../../src/storage/war-room-store.ts";
import { type FakeTeams, type FakeUser, startFakeTeams } from "../fakes/teams/index.ts";
import { testLogger } from "./databases.ts";
import { type TeamsFixture, teamsActivity, type Where } from "./teams-activities.ts";
import { databaseEnv } from "./warroom-harness.ts";

/** The harness. */
export interface TeamsHarness {
  fake: FakeTeams;
  services: Services;
  /** `http://127.0.0.1:<port>/api/messages` */
  url: string;
  alice: FakeUser;
  bob: FakeUser;
  carol: FakeUser;
  /** A thread in the team's General channel (where people @mention the bot). */
  general: Where;
  /** Builds an activity from a fixture. */
  activity(
    fixture: TeamsFixture,
    user: FakeUser,
    where: Where,
    vars?: Record<string, string>,
  ): Record<string, unknown>;
  /** POSTs an activity, signed (or with `authorization` as given; null for none). */
  send(activity: Record<string, unknown>, authorization?: string | null): Promise<Response>;
  /** "@warroom <text>" from `user` in `where` (default: a General channel thread). */
  mention(user: FakeUser, text: string, where?: Where): Promise<Response>;
  /** Waits until the account's latest Teams war-room is fully posted; its escalation and room ids. */
  opened(accountId: string): Promise<{ id: string; roomId: string }>;
  close(): Promise<void>;
}

async function openedWarRoom(services: Services, accountId: string): Promise<{ id: string; roomId: string }> {
  let id = "";
  await vi.waitFor(
    async () => {
      const [row] = await services.db.query<{ id: string }>(
        "SELECT id FROM escalations WHERE account_id = $1 AND origin = 'teams' ORDER BY opened_at DESC LIMIT 1",
        [accountId],
      );
      id = row?.id ?? "";
      expect(id && (await isWarRoomReady(services.db, id))).toBe(true);
    },
    { timeout: 45_000, interval: 250 },
  );
  return { id, roomId: (await getWarRoom(services.db, id))!.room.id };
}

/** Options of the harness. */
export interface TeamsHarnessOptions {
  /** More variables; a function gets the fake (its channel ids) first. */
  env?: Record<string, string> | ((fake: FakeTeams) => Record<string, string>);
  clock?: Clock;
  /** The database (default: a throwaway PGlite directory). */
  database?: DatabaseConfig;
  decorateCrm?: (crm: CrmSource) => CrmSource;
  pollingIntervalSeconds?: number;
}

/** Starts the fake Microsoft and warroom with Teams on. */
export async function startTeamsHarness(options: TeamsHarnessOptions = {}): Promise<TeamsHarness> {
  const fake = await startFakeTeams();
  const dataDir = options.database ? null : await mkdtemp(join(tmpdir(), "warroom-teams-"));
  const database: DatabaseConfig = options.database ?? { kind: "pglite", dataDir: dataDir! };
  const extra = typeof options.env === "function" ? options.env(fake) : options.env;
  const config = loadConfig({ ...databaseEnv(database), ...fake.env(), ...extra });
  const services = await openServices(config, {
    logger: testLogger,
    clock: options.clock ?? systemClock,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
    ...(options.decorateCrm ? { decorateCrm: options.decorateCrm } : {}),
  });
  await startServices(services);
  const server: HttpServer = await startHttp(services, { port: 0, hostname: "127.0.0.1", subsystems: [] });
  const url = `http://127.0.0.1:${server.port}/api/messages`;
  const [alice, bob, carol] = [...fake.state.users.values()] as [FakeUser, FakeUser, FakeUser];
  const generalId = fake.state.team.generalChannelId;
  const general: Where = { conversationId: `${generalId};messageid=1699999999001`, channelId: generalId };
  const activity: TeamsHarness["activity"] = (fixture, user, where, vars) =>
    teamsActivity(fake, fixture, user, where, vars);
  const send: TeamsHarness["send"] = async (body, authorization) => {
    const auth = authorization === undefined ? `Bearer ${await fake.signInbound()}` : authorization;
    return fetch(url, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
    });
  };
  // The app was installed in the Escalations team: Teams told warroom its serviceUrl then.
  await send(activity("conversation-update-installed", alice, { conversationId: generalId }));
  return {
    fake,
    services,
    url,
    alice,
    bob,
    carol,
    general,
    activity,
    send,
    mention: (user, text, where = general) =>
      send(activity("message-channel-mention", user, where, { text })),
    opened: (accountId) => openedWarRoom(services, accountId),
    close: async () => {
      await server.close();
      await closeServices(services);
      await fake.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
