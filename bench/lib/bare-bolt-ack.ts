/**
 * The floor of bench/slack-escalate.ts: a bare Bolt app on its own HTTP receiver whose /escalate only acks.
 * Whatever warroom adds to an ack is measured against this, on the same machine in the same run.
 *   PORT=… SLACK_BOT_TOKEN=… SLACK_SIGNING_SECRET=… SLACK_API_URL=… node bench/lib/bare-bolt-ack.ts
 */
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
});
app.command("/escalate", async ({ command, ack }) => {
  await ack({ response_type: "ephemeral", text: `Opening a war-room for "${command.text.slice(0, 80)}"…` });
});
const server = await app.start(Number(process.env.PORT ?? 0));
console.log(`listening on http://localhost:${(server.address() as AddressInfo).port}`);
process.once("SIGTERM", () => void app.stop().then(() => process.exit(0)));
