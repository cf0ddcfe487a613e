/**
 * `warroom accounts [QUERY] [--format text|json]`: the CRM's accounts with id, segment, ARR and open
 * war-room; with QUERY, the ones /escalate would consider for it, best first.
 */
import { type Command, Option } from "commander";
import { openCrm } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { formatAmount } from "../../../src/domain/money.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { openDatabase } from "../../../src/storage/open-database.ts";
import { type AccountList, listAccounts } from "../../../src/use-cases/list-accounts.ts";
import { type CliIo, cliLogger } from "../io.ts";

/** Registers `accounts`. */
export function registerAccounts(program: Command, io: CliIo): void {
  program
    .command("accounts")
    .description("list accounts (name, id, segment, ARR, open war-room); QUERY finds them by name or id")
    .argument("[query]", "part of a name, or an id")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((query: string | undefined, options: { format: "text" | "json" }) =>
      accounts(io, query, options.format),
    );
}

async function accounts(io: CliIo, query: string | undefined, format: "text" | "json"): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const logger = cliLogger(config);
  const { crm } = await openCrm(config, systemClock, logger);
  const db = await openDatabase(config.database, logger);
  try {
    const list = await listAccounts(crm, db, query?.trim() || undefined);
    io.stdout.write(format === "json" ? `${JSON.stringify(list, null, 2)}\n` : renderTable(list, query));
  } finally {
    await db.close();
  }
}

function renderTable(list: AccountList, query: string | undefined): string {
  if (list.accounts.length === 0) {
    const closest = list.closest.length > 0 ? ` (closest: ${list.closest.join(", ")})` : "";
    return `No account matches "${query}"${closest}. \`warroom accounts\` lists them all.\n`;
  }
  const rows = list.accounts.map((a) => [
    a.id,
    a.name,
    a.segment ?? "",
    a.arr === null ? "" : formatAmount(a.arr),
    a.openWarRoom ? `${a.openWarRoom.escalationId}${a.openWarRoom.url ? ` ${a.openWarRoom.url}` : ""}` : "",
  ]);
  const header = ["ID", "NAME", "SEGMENT", "ARR", "OPEN WAR-ROOM"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const count = `${list.accounts.length} account${list.accounts.length === 1 ? "" : "s"}`;
  return `${[line(header), ...rows.map(line)].join("\n")}\n${count}\n`;
}
