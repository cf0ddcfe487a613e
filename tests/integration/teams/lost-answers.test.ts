/**
 * A keyed Teams card is posted once when the Bot Connector's answer is lost (the activity was stored, the
 * connection cut before its id came back): the real Teams SDK talks to the fake Connector through a proxy
 * that loses answers, and finds the card through Graph's message list by the marker inside it. The
 * conversation directory (where the Connector is reached) is the database's, on PGlite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTeamsAdapter } from "../../../integrations/teams/index.ts";
import { teamsMessageRef } from "../../../integrations/teams/message-ref.ts";
import { loadConfig } from "../../../src/config.ts";
import { PermissionError } from "../../../src/errors.ts";
import type { ChatPlatform, HypothesisView, RoomRef } from "../../../src/ports/chat-platform.ts";
import { createConversationDirectory } from "../../../src/storage/conversation-directory.ts";
import type { Database } from "../../../src/storage/database.ts";
import { type FakeTeams, startFakeTeams } from "../../fakes/teams/index.ts";
import { type Backend, backends, type TestDatabase, testLogger } from "../../support/databases.ts";
import { type LossyProxy, startLossyProxy } from "../../support/lossy-proxy.ts";

const ESCALATION = "WR-2026-0011";
const SENDS = /^\/connector\/v3\/conversations\/[^/]+\/activities$/;

const hypothesis = (id: string): HypothesisView => ({
  escalationId: ESCALATION,
  hypothesisId: id,
  round: 1,
  status: "proposed",
  confirmedBy: [],
  rejectedBy: [],
  hypothesis: {
    rank: 1,
    title: "Regression introduced by hubspot-sync 4.2.0",
    category: "product_defect",
    likelihood: 0.72,
    evidence: [],
    against: [],
    rationale: "Deals stopped syncing the day 4.2.0 shipped.",
    checks: ["Compare the worker pool before and after 4.2.0"],
  },
  evidenceNames: {},
});
const keyOf = (id: string) => ({ escalationId: ESCALATION, name: `hypothesis:${id}` });

describe.each(backends)("Teams posts when answers are lost on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let db: Database;
  let fake: FakeTeams;
  let proxy: LossyProxy;
  let teams: ChatPlatform;
  beforeEach(async () => {
    testDb = await backend.create();
    db = await testDb.open();
    fake = await startFakeTeams();
    proxy = await startLossyProxy(fake.url);
    const config = loadConfig(fake.env()).teams!;
    const adapter = await createTeamsAdapter({
      appId: config.appId,
      appPassword: config.appPassword,
      tenantId: config.tenantId,
      teamId: config.escalationsTeamId,
      endpoints: config.endpoints,
      directory: createConversationDirectory(db),
      logger: testLogger,
    });
    // The tenant's Connector, as an inbound activity would have told warroom, reached through the proxy.
    const serviceUrl = `${proxy.url}${new URL(fake.serviceUrl).pathname}`;
    await adapter.platform.rememberConversation(fake.state.team.generalChannelId, fake.tenantId, serviceUrl);
    teams = adapter.platform;
  }, 60_000);
  afterEach(async () => {
    await proxy.close();
    await fake.close();
    await db.close();
    await testDb.dispose();
  });
  const cards = (room: RoomRef) => fake.activities(room.id).filter((a) => a.attachments?.length);

  it("posts a hypothesis card once when the answer to the channel post was lost, and finds it later", async () => {
    const room = await teams.createRoom({ name: "esc-acme-20261206", private: false, key: ESCALATION });
    await teams.post(room, { kind: "hypothesis", view: hypothesis("1") }, { key: keyOf("1") });
    proxy.loseAnswers("POST", SENDS);
    const ref = await teams.post(room, { kind: "hypothesis", view: hypothesis("7") }, { key: keyOf("7") });
    expect(proxy.lost).toBe(1);
    const posted = cards(room);
    expect(posted).toHaveLength(2);
    expect(ref).toBe(teamsMessageRef(room.id, posted[1]!.id));
    await teams.post(room, { kind: "text", text: "unrelated" });
    const found = await teams.findPosted!(room, ESCALATION);
    expect(found.get("hypothesis:7")).toBe(ref);
    expect(found.get("hypothesis:1")).toBe(teamsMessageRef(room.id, posted[0]!.id));
    expect(await teams.findPosted!(room, "WR-2026-0012")).toEqual(new Map());
  });

  it("posts once in a private war-room (a group chat) when the answer was lost", async () => {
    const alice = [...fake.state.users.values()][0]!;
    const room = await teams.createRoom({
      name: "esc-acme-private",
      private: true,
      key: ESCALATION,
      members: [alice.aadObjectId],
    });
    proxy.loseAnswers("POST", SENDS);
    const ref = await teams.post(room, { kind: "hypothesis", view: hypothesis("3") }, { key: keyOf("3") });
    expect(proxy.lost).toBe(1);
    expect(cards(room)).toHaveLength(1);
    expect(ref).toBe(teamsMessageRef(room.id, cards(room)[0]!.id));
  });

  it("refuses rather than post twice when it may not read the channel's messages, naming the fix", async () => {
    const room = await teams.createRoom({ name: "esc-acme-20261207", private: false, key: ESCALATION });
    fake.state.canReadMessages = false;
    proxy.loseAnswers("POST", SENDS);
    const lost = teams.post(room, { kind: "hypothesis", view: hypothesis("5") }, { key: keyOf("5") });
    await expect(lost).rejects.toBeInstanceOf(PermissionError);
    await expect(lost).rejects.toThrow(/permission/);
    expect(cards(room)).toHaveLength(1);
  });
});
