import { PassThrough } from "node:stream";
import { createTerminalChatAdapter } from "../../../integrations/local/index.ts";
import { chatPlatformContract } from "../../contracts/chat-platform.contract.ts";

chatPlatformContract("terminal", async () => {
  const out = new PassThrough();
  out.resume();
  return {
    platform: createTerminalChatAdapter({ out, user: "alice" }),
    people: ["alice"],
    knownEmail: { email: "alice@example.com", userId: "alice@example.com" },
    close: async () => {
      out.end();
    },
  };
});
