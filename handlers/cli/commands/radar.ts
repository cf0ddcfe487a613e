/**
 * `warroom radar [--account A] [--format text|json]`: open ticket threads by escalation risk, highest
 * first, each with its signals and their evidence. Reads only; alerts are the server's business.
 */
import { type Command, Option } from "commander";
import { openCrm } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { InputError } from "../../../src/errors.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import type { CrmSource } from "../../../src/ports/crm-source.ts";
import { assessOpenThreads } from "../../../src/radar/assess-open-threads.ts";
import { defaultTriage } from "../../../src/radar/default-triage.ts";
import { alertHeadline, alertReasons } from "../../../src/radar/describe-alert.ts";
import type { RiskAssessment } from "../../../src/radar/radar-types.ts";
import { openDatabase } from "../../../src/storage/open-database.ts";
import { pickAccount } from "../../../src/war-room/request-escalation.ts";
import { type CliIo, cliLogger } from "../io.ts";

/** Registers `radar`. */
export function registerRadar(program: Command, io: CliIo): void {
  program
    .command("radar")
    .description(
      "open ticket threads by escalation risk (0..1), highest first, with the reasons and evidence",
    )
    .addOption(new Option("--account <account>", "only this account (id or name)"))
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((options: { account?: string; format: "text" | "json" }) => radar(io, options));
}

async function accountIdOf(crm: CrmSource, query: string): Promise<string> {
  const picked = pickAccount(await crm.searchAccounts(query, 5));
  if (picked && picked !== "ambiguous") return picked.account.id;
  const hint = "give the account id (warroom accounts lists them)";
  throw new InputError(
    picked === "ambiguous"
      ? `--account "${query}" matches several accounts: ${hint}`
      : `--account "${query}" matches no account: ${hint}`,
  );
}

async function radar(io: CliIo, options: { account?: string; format: "text" | "json" }): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const logger = cliLogger(config);
  const { crm } = await openCrm(config, systemClock, logger);
  const accountId = options.account ? await accountIdOf(crm, options.account) : undefined;
  const db = await openDatabase(config.database, logger);
  try {
    const deps = { db, crm, triage: defaultTriage().triage, clock: systemClock };
    const threads = await assessOpenThreads(deps, accountId ? { accountId } : {});
    io.stdout.write(
      options.format === "json"
        ? `${JSON.stringify({ threshold: config.riskAlertThreshold, threads }, null, 2)}\n`
        : renderText(threads, config.riskAlertThreshold),
    );
  } finally {
    await db.close();
  }
}

function renderText(threads: RiskAssessment[], threshold: number): string {
  if (threads.length === 0) return "No open ticket threads.\n";
  const above = threads.filter((t) => t.score >= threshold).length;
  const lines = threads.flatMap((t) => [
    `${t.score.toFixed(2)}  ${alertHeadline(t)}`,
    ...alertReasons(t).map((r) => `        - ${r}`),
  ]);
  return `${lines.join("\n")}\n${threads.length} open threads; ${above} at or above the alert threshold ${threshold} (RISK_ALERT_THRESHOLD)\n`;
}
