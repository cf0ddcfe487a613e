import { describe, expect, it } from "vitest";
import { createTeamsAdapter } from "../../../integrations/teams/index.ts";
import { parseTeamsMessageRef } from "../../../integrations/teams/message-ref.ts";
import { loadConfig } from "../../../src/config.ts";
import { registry } from "../../../src/metrics/metrics.ts";
import type { ConversationDirectory } from "../../../src/ports/conversation-directory.ts";
import {
  type ChatPlatformSubject,
  chatPlatformContract,
  HOSTILE,
  hostileMessages,
} from "../../contracts/chat-platform.contract.ts";
import { type FakeTeams, startFakeTeams } from "../../fakes/teams/index.ts";
import { testLogger } from "../../support/databases.ts";

/** The directory in memory: the contract needs no database. */
function memoryDirectory(): ConversationDirectory {
  const addresses = new Map<string, string>();
  return {
    remember: async (platform, key, address) => void addresses.set(`${platform}/${key}`, address),
    lookup: async (platform, key) => addresses.get(`${platform}/${key}`) ?? null,
  };
}

async function start(): Promise<ChatPlatformSubject & { fake: FakeTeams }> {
  const fake = await startFakeTeams();
  const teams = loadConfig(fake.env()).teams!;
  const adapter = await createTeamsAdapter({
    appId: teams.appId,
    appPassword: teams.appPassword,
    tenantId: teams.tenantId,
    teamId: teams.escalationsTeamId,
    endpoints: teams.endpoints,
    directory: memoryDirectory(),
    logger: testLogger,
  });
  // What an inbound activity from the tenant would have told the adapter.
  await adapter.platform.rememberConversation(
    fake.state.team.generalChannelId,
    fake.tenantId,
    fake.serviceUrl,
  );
  const [alice, bob] = [...fake.state.users.values()];
  const outsider = fake.addUser({ name: "Dana Outside", email: "dana@example.com", inTeam: false });
  return {
    platform: adapter.platform,
    people: [alice!.aadObjectId, bob!.aadObjectId],
    unknownUser: outsider.aadObjectId,
    knownEmail: { email: "alice@example.com", userId: alice!.aadObjectId },
    unknownEmail: "nobody@example.com",
    read: (ref) => {
      const where = parseTeamsMessageRef(ref)!;
      return JSON.stringify(fake.activities(where.conversationId).find((a) => a.id === where.activityId));
    },
    calls: () => fake.calls.length,
    close: () => fake.close(),
    fake,
  };
}

chatPlatformContract("Teams", start);

describe("Teams rooms", () => {
  it("finds the channel it made for an escalation instead of making a second (a retried job)", async () => {
    const s = await start();
    try {
      const spec = { name: "esc-halvard-field-services-20261124", private: false, key: "WR-2026-0007" };
      const first = await s.platform.createRoom(spec);
      const again = await s.platform.createRoom(spec);
      expect(again.id).toBe(first.id);
      expect(s.fake.channels().filter((c) => c.displayName.startsWith("esc-halvard"))).toHaveLength(1);
      const other = await s.platform.createRoom({ ...spec, key: "WR-2026-0008" });
      expect(other.name).toBe("esc-halvard-field-services-20261124-2");
    } finally {
      await s.close();
    }
  });

  it("counts its Graph and Bot Connector calls for GET /metrics, a throttled attempt as rate-limited", async () => {
    const s = await start();
    const count = async (outcome: string) =>
      Number(
        new RegExp(
          `^warroom_external_calls_total\\{system="teams",outcome="${outcome}"\\} (\\d+)$`,
          "m",
        ).exec(await registry.metrics())?.[1] ?? 0,
      );
    try {
      const before = { ok: await count("ok"), limited: await count("rate_limited") };
      s.fake.failNext("^POST /teams/[^/]+/channels$", {
        status: 429,
        code: "TooManyRequests",
        retryAfter: 1,
      });
      await s.platform.createRoom({ name: "esc-metrics-20261124", private: false, key: "WR-2026-0099" });
      expect((await count("rate_limited")) - before.limited).toBe(1);
      expect((await count("ok")) - before.ok).toBeGreaterThanOrEqual(1);
    } finally {
      await s.close();
    }
  });

  it("makes a private war-room a group chat with its people and the app installed, and says so when nobody asked from Teams", async () => {
    const s = await start();
    try {
      const [alice] = s.people;
      const room = await s.platform.createRoom({
        name: "esc-private-20261124",
        private: true,
        members: [alice!],
      });
      const chat = s.fake.chats().find((c) => c.id === room.id)!;
      expect(chat).toMatchObject({
        topic: "esc-private-20261124",
        members: [alice],
        apps: [s.fake.state.catalogAppId],
      });
      await expect(s.platform.createRoom({ name: "esc-nobody-20261124", private: true })).rejects.toThrow(
        /group chat/,
      );
    } finally {
      await s.close();
    }
  });

  it("shows user and CRM text literally: no markdown, HTML, link or mention but the one warroom made", async () => {
    const s = await start();
    try {
      const [alice] = s.people;
      const room = s.platform.existingRoom(s.fake.state.team.generalChannelId);
      for (const message of hostileMessages(alice!)) await s.platform.post(room, message);
      const posted = s.fake.activities(room.id);
      // Cards: the hostile words only ever sit in TextRuns (never markdown); no TextBlock holds them.
      const cards = JSON.stringify(posted.map((a) => a.attachments?.[0]?.content ?? null));
      expect(cards).toContain('"type":"TextRun"');
      for (const block of cards.match(/"type":"TextBlock","text":"[^"]*/g) ?? [])
        expect(block).not.toMatch(/evil\.example|<at>|U0HOSTILE/);
      // Text: HTML and markdown escaped; the only mention is warroom's own, of alice.
      const texts = posted.map((a) => a.text ?? "").join("\n");
      expect(texts).not.toContain(HOSTILE);
      expect(texts).toContain("&lt;at&gt;Eve&lt;/at&gt;");
      expect(texts).toContain("\\[docs\\](http://evil.example)");
      expect(texts.match(/<at>[^<]*<\/at>/g)).toHaveLength(1);
      const mentioned = posted.flatMap(
        (a) => (a.entities ?? []) as { type?: string; mentioned?: { id: string } }[],
      );
      expect(mentioned.filter((e) => e.type === "mention").map((e) => e.mentioned?.id)).toEqual([alice]);
    } finally {
      await s.close();
    }
  });
});
