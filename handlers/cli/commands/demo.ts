/**
 * `warroom demo`: the sample escalation on the embedded defaults, through the same request use-case and
 * war-room job as /escalate, printed by the terminal platform: the room, the context card, the ranked
 * hypotheses and the summary, then the catch-up someone joining now would get. It runs on a throwaway data directory, so it never touches DATA_DIR (a
 * running `warroom serve` keeps it locked).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { createTerminalChatAdapter } from "../../../integrations/local/index.ts";
import { SAMPLE_DEMO_ESCALATION } from "../../../integrations/local/sample-demo.ts";
import { closeServices, openServices, startServices } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { plainText } from "../../../src/domain/message-text.ts";
import { WarroomError } from "../../../src/errors.ts";
import { createLogger } from "../../../src/logger.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { buildCatchUp } from "../../../src/war-room/build-catch-up.ts";
import { requestEscalation } from "../../../src/war-room/request-escalation.ts";
import { waitForWarRoom } from "../../../src/war-room/wait-for-war-room.ts";
import type { CliIo } from "../io.ts";

/** Registers `demo`. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command("demo")
    .description("open a war-room for a sample escalation on the embedded defaults and print it")
    .action(() => demo(io));
}

async function demo(io: CliIo): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "warroom-demo-"));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: io.env.LOG_LEVEL ?? "warn" }, { cwd: io.cwd });
    const chat = createTerminalChatAdapter({ out: io.stdout, user: "demo" });
    const services = await openServices(config, {
      logger: createLogger(config.logLevel),
      clock: systemClock,
      pollingIntervalSeconds: 0.5,
      chat,
    });
    try {
      await startServices(services);
      const sample = SAMPLE_DEMO_ESCALATION;
      const outcome = await requestEscalation(
        {
          account: sample.accountId,
          summary: sample.summary,
          severity: sample.severity,
          requestedBy: sample.reportedBy,
          origin: "terminal",
        },
        services.warRoom,
      );
      if (outcome.kind !== "opening")
        throw new WarroomError("demo_failed", `the sample escalation could not be opened (${outcome.kind})`);
      io.stdout.write(`Opening a war-room for ${outcome.accountName} (${outcome.escalationId})…\n`);
      if (!(await waitForWarRoom(outcome.escalationId, services.warRoom, 60_000)))
        throw new WarroomError("timeout", "the demo war-room did not open within a minute");
      const catchUp = await buildCatchUp(outcome.escalationId, services.warRoom);
      io.stdout.write(
        `\nWhat someone who joins now gets (/escalate catchup):\n${catchUp ? plainText(catchUp) : ""}\n`,
      );
    } finally {
      await closeServices(services);
    }
    io.stdout.write(
      "\n(demo on the bundled sample dataset with the offline evidence engine; in Slack the team confirms or rejects each hypothesis with ✅ / ❌)\n",
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
