/**
 * `warroom escalate ACCOUNT SUMMARY [--severity S] [--private]`: opens a war-room from the terminal on
 * whatever platform is configured (the terminal itself on the embedded default), through the same request
 * use-case and the same durable job as /escalate, run in this process.
 */
import { type Command, Option } from "commander";
import { createTerminalChatAdapter } from "../../../integrations/local/index.ts";
import { closeServices, openServices, startServices } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { SEVERITIES, type Severity } from "../../../src/domain/case-bundle.ts";
import { InputError, WarroomError } from "../../../src/errors.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { requestEscalation } from "../../../src/war-room/request-escalation.ts";
import { waitForWarRoom } from "../../../src/war-room/wait-for-war-room.ts";
import { type CliIo, cliLogger } from "../io.ts";

interface EscalateOptions {
  severity: Severity;
  private?: boolean;
}

/** Registers `escalate`. */
export function registerEscalate(program: Command, io: CliIo): void {
  program
    .command("escalate")
    .description("open a war-room from the terminal on whatever platform is configured")
    .argument("<account>", "account id or name")
    .argument("<summary...>", "what the customer reports")
    .addOption(new Option("--severity <severity>", "how bad it is").choices(SEVERITIES).default("high"))
    .option("--private", "a private war-room even when not critical")
    .action((account: string, summary: string[], options: EscalateOptions) =>
      escalate(io, account, summary.join(" "), options),
    );
}

async function escalate(
  io: CliIo,
  account: string,
  summary: string,
  options: EscalateOptions,
): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const logger = cliLogger(config);
  const onChat = config.slack || config.teams;
  const chat = onChat ? undefined : createTerminalChatAdapter({ out: io.stdout, user: "terminal" });
  const services = await openServices(config, {
    logger,
    clock: systemClock,
    pollingIntervalSeconds: 0.5,
    ...(chat ? { chat } : {}),
  });
  try {
    await startServices(services);
    const user = io.env.USER ?? "terminal";
    const outcome = await requestEscalation(
      {
        account,
        summary,
        severity: options.severity,
        private: options.private,
        requestedBy: user,
        origin: "terminal",
      },
      services.warRoom,
    );
    switch (outcome.kind) {
      case "unknown":
        throw new InputError(
          `no account matches "${account}"${outcome.closest.length ? ` (closest: ${outcome.closest.join(", ")})` : ""}; \`warroom accounts\` lists them with their ids`,
        );
      case "ambiguous": {
        const named = outcome.matches.map((m) => `${m.name} (${m.accountId})`);
        throw new InputError(
          named.length === 1
            ? `no account is named "${account}"; did you mean ${named[0]}? Use its id or full name`
            : `"${account}" matches ${named.length} accounts: ${named.join(", ")}; use the id`,
        );
      }
      case "already-open":
        io.stdout.write(
          `${outcome.accountName} already has an open war-room: ${outcome.escalationId}${outcome.roomUrl ? ` ${outcome.roomUrl}` : ""}\n`,
        );
        return;
      case "opening":
        io.stdout.write(`Opening a war-room for ${outcome.accountName} (${outcome.escalationId})…\n`);
        if (!(await waitForWarRoom(outcome.escalationId, services.warRoom))) {
          throw new WarroomError(
            "timeout",
            `${outcome.escalationId} is saved; its war-room is still being prepared and will finish when warroom serve runs`,
          );
        }
    }
  } finally {
    await closeServices(services);
  }
}
