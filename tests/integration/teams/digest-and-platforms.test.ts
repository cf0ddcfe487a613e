/**
 * The weekly digest in Teams (DIGEST_TEAMS_CHANNEL: the digest card and its chart, once per week on the
 * same claim as Slack's), and one warroom serving Slack and Teams at once: each escalation opens on the
 * platform it came from, and those no chat request opened go to WAR_ROOM_PLATFORM.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { startHttp } from "../../../handlers/http/index.ts";
import { closeServices, openServices, startServices } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { parseWeek } from "../../../src/digest/digest-week.ts";
import { postWeeklyDigest } from "../../../src/digest/post-digest.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { describeSubsystems } from "../../../src/subsystems.ts";
import { requestEscalation } from "../../../src/war-room/request-escalation.ts";
import { startFakeSlack } from "../../fakes/slack/slack-api-server.ts";
import { startFakeTeams } from "../../fakes/teams/index.ts";
import { testLogger } from "../../support/databases.ts";
import { sign } from "../../support/slack-harness.ts";
import { teamsActivity } from "../../support/teams-activities.ts";
import { startTeamsHarness, type TeamsHarness } from "../../support/teams-harness.ts";

const WAIT = { timeout: 45_000, interval: 250 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("Teams digest", () => {
  it("posts the weekly digest to DIGEST_TEAMS_CHANNEL once, with its chart, and not again", async () => {
    const NOW = new Date("2026-11-25T10:00:00Z");
    const h: TeamsHarness = await startTeamsHarness({
      env: (fake) => ({ DIGEST_TEAMS_CHANNEL: fake.state.team.generalChannelId }),
      clock: { now: () => NOW },
    });
    cleanups.push(() => h.close());
    const channel = h.fake.state.team.generalChannelId;
    const digests = () =>
      h.fake
        .activities(channel)
        .filter((a) => JSON.stringify(a.attachments).includes("Escalation digest 2026-W47"));
    await vi.waitFor(() => expect(digests()).toHaveLength(1), WAIT);
    await vi.waitFor(async () => {
      const [row] = await h.services.db.query<{ state: string; chart_ref: string | null }>(
        "SELECT state, chart_ref FROM digests",
      );
      expect(row?.state).toBe("posted");
    }, WAIT);
    const images = h.fake
      .activities(channel)
      .filter((a) => a.attachments?.some((x) => x.contentType === "image/png"));
    const [row] = await h.services.db.query<{ chart_ref: string | null }>("SELECT chart_ref FROM digests");
    // The chart goes inline (a base64 image attachment): it fits a Teams message.
    expect(images).toHaveLength(1);
    expect(row?.chart_ref).toMatch(/^teams:/);
    expect(await h.services.scheduler.catchUp(NOW)).toEqual([]);
    const again = await postWeeklyDigest(
      parseWeek("2026-W47", "UTC"),
      channel,
      h.services.digests.get("teams")!,
    );
    expect(again.posted).toBe(false);
    expect(digests()).toHaveLength(1);
  });
});

describe("Slack and Teams at once", () => {
  it("opens each escalation on its own platform, and the others on WAR_ROOM_PLATFORM", async () => {
    const slack = await startFakeSlack();
    const teams = await startFakeTeams();
    cleanups.push(
      () => slack.close(),
      () => teams.close(),
    );
    const dataDir = (await import("node:fs/promises")).mkdtemp(
      (await import("node:path")).join((await import("node:os")).tmpdir(), "warroom-both-"),
    );
    const env = {
      DATA_DIR: await dataDir,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: "test-signing-secret",
      SLACK_API_URL: slack.apiUrl,
      ...teams.env(),
      WAR_ROOM_PLATFORM: "teams",
    };
    const config = loadConfig(env);
    expect(describeSubsystems(config).find((s) => s.name === "teams")?.detail).toMatch(
      /CRM cases open on teams/,
    );
    const services = await openServices(config, {
      logger: testLogger,
      clock: systemClock,
      pollingIntervalSeconds: 0.5,
    });
    cleanups.push(() => closeServices(services));
    await startServices(services);
    const server = await startHttp(services, { port: 0, hostname: "127.0.0.1", subsystems: [] });
    cleanups.push(() => server.close());
    expect(services.surfaces.map((s) => s.platform.kind)).toEqual(["slack", "teams"]);
    expect(services.warRoom.chat.kind).toBe("teams");
    const base = `http://127.0.0.1:${server.port}`;

    const form = new URLSearchParams({
      team_id: slack.teamId,
      channel_id: "C0GENERAL",
      user_id: "U01ALICE0",
      command: "/escalate",
      text: 'ACC-0021 "x-rays"',
      response_url: slack.responseUrl(),
      trigger_id: slack.issueTriggerId(),
    }).toString();
    await fetch(`${base}/slack/events`, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded", ...sign(form) },
    });
    const [alice] = [...teams.state.users.values()];
    const general = teams.state.team.generalChannelId;
    const mention = teamsActivity(
      teams,
      "message-channel-mention",
      alice!,
      { conversationId: `${general};messageid=1` },
      { text: 'escalate ACC-0037 "deals missing"' },
    );
    await fetch(`${base}/api/messages`, {
      method: "POST",
      body: JSON.stringify(mention),
      headers: { "content-type": "application/json", authorization: `Bearer ${await teams.signInbound()}` },
    });
    const fromTerminal = await requestEscalation(
      {
        account: "ACC-0058",
        summary: "provisioning stuck",
        severity: "high",
        requestedBy: "ops",
        origin: "terminal",
      },
      services.warRoom,
    );

    const platformOf = async (accountId: string) => {
      let platform = "";
      await vi.waitFor(async () => {
        const [row] = await services.db.query<{ id: string }>(
          "SELECT id FROM escalations WHERE account_id = $1 AND origin <> 'dataset'",
          [accountId],
        );
        expect(row && (await isWarRoomReady(services.db, row.id))).toBe(true);
        platform = (await getWarRoom(services.db, row!.id))!.room.platform;
      }, WAIT);
      return platform;
    };
    // A critical CRM case names its owner by email: the private war-room is a group chat they start.
    const fromCrm = await requestEscalation(
      {
        account: "ACC-0030",
        summary: "sync down",
        severity: "critical",
        requestedBy: "alice@example.com",
        origin: "salesforce",
      },
      services.warRoom,
    );
    expect(fromTerminal.kind).toBe("opening");
    expect(fromCrm.kind).toBe("opening");
    expect(await platformOf("ACC-0021")).toBe("slack");
    expect(await platformOf("ACC-0037")).toBe("teams");
    expect(await platformOf("ACC-0058")).toBe("teams");
    expect(await platformOf("ACC-0030")).toBe("teams");
    expect(teams.chats()).toEqual([
      expect.objectContaining({ members: expect.arrayContaining([alice!.aadObjectId]) }),
    ]);
  });
});
