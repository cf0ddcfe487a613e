/**
 * A Teams message to the bot that mentions a person (a follow-up's owner): the bot's own mention is dropped,
 * a person's becomes the core's `<@entra-id>` when Teams sends their Entra object id, and stays their name
 * when it does not.
 */
import { describe, expect, it } from "vitest";
import { messageActivity, readMessageText } from "../../../integrations/teams/activity-schemas.ts";

const BOT = "28:0f8e3c2a-bot";

function message(text: string, people: { id: string; name: string; aadObjectId?: string }[]) {
  return messageActivity.parse({
    type: "message",
    id: "1700000000001",
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    channelId: "msteams",
    from: { id: "29:alice", name: "Alice Archer", aadObjectId: "aad-alice" },
    recipient: { id: BOT, name: "warroom" },
    conversation: { id: "19:room@thread.tacv2", conversationType: "channel" },
    text,
    entities: [
      { type: "mention", text: "<at>warroom</at>", mentioned: { id: BOT, name: "warroom" } },
      ...people.map((p) => ({ type: "mention", text: `<at>${p.name}</at>`, mentioned: p })),
    ],
  });
}

describe("reading mentions in a Teams message", () => {
  it("turns a mentioned person with an Entra id into <@id> and drops the bot's mention", () => {
    const a = message("<at>warroom</at> task <at>Priya Raman</at> send the plan --due 2099-01-31", [
      { id: "29:priya", name: "Priya Raman", aadObjectId: "aad-priya" },
    ]);
    expect(readMessageText(a)).toEqual({
      text: "task <@aad-priya> send the plan --due 2099-01-31",
      mentionsBot: true,
    });
  });

  it("leaves a person Teams names without an Entra id as their name", () => {
    const a = message("<at>warroom</at> task <at>Guest</at> call back", [{ id: "29:guest", name: "Guest" }]);
    expect(readMessageText(a).text).toBe("task Guest call back");
  });
});
