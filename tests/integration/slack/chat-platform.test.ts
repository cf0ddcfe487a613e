import { createSlackChatPlatform } from "../../../integrations/slack/slack-chat-platform.ts";
import { chatPlatformContract } from "../../contracts/chat-platform.contract.ts";
import { startFakeSlack } from "../../fakes/slack/slack-api-server.ts";
import { clientFor } from "../../unit/fakes/slack-test-support.ts";

chatPlatformContract("Slack", async () => {
  const fake = await startFakeSlack();
  const platform = createSlackChatPlatform(clientFor(fake, fake.token), fake.botUserId);
  return {
    platform,
    people: ["U01ALICE0", "U01BOB000"],
    unknownUser: "U0NOBODY1",
    knownEmail: { email: "alice@example.com", userId: "U01ALICE0" },
    unknownEmail: "nobody@example.com",
    read: (ref) => {
      const [, channel, ts] = ref.split(":");
      return JSON.stringify(fake.messages(channel!).find((m) => m.ts === ts));
    },
    calls: () => fake.calls.length,
    close: () => fake.close(),
  };
});
