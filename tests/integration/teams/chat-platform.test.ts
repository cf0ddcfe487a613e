import { createTeamsAdapter } from "../../../integrations/teams/index.ts";
import { parseTeamsMessageRef } from "../../../integrations/teams/message-ref.ts";
import { loadConfig } from "../../../src/config.ts";
import type { ConversationDirectory } from "../../../src/ports/conversation-directory.ts";
import { chatPlatformContract } from "../../contracts/chat-platform.contract.ts";
import { startFakeTeams } from "../../fakes/teams/index.ts";
import { testLogger } from "../../support/databases.ts";

/** The directory in memory: the contract needs no database. */
function memoryDirectory(): ConversationDirectory {
  const addresses = new Map<string, string>();
  return {
    remember: async (platform, key, address) => void addresses.set(`${platform}/${key}`, address),
    lookup: async (platform, key) => addresses.get(`${platform}/${key}`) ?? null,
  };
}

chatPlatformContract("Teams", async () => {
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
  };
});
