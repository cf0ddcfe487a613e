/**
 * The live radar: every open ticket thread of one account (or all accounts) scored now, from the tickets
 * the CRM lists and those stored with their triage (pushed through POST /api/tickets, polled; the stored
 * copy is the latest), and the changes both the CRM and the change store know.
 */
import type { Change } from "../domain/case-bundle.ts";
import type { CrmAccount } from "../ports/crm-source.ts";
import { listChangesReaching } from "../storage/change-store.ts";
import { listStoredTickets } from "../storage/ticket-store.ts";
import { assessSnapshot } from "./assess-snapshot.ts";
import { snapshotAt } from "./cut-to-moment.ts";
import type { RadarDeps } from "./radar-deps.ts";
import type { RiskAssessment } from "./radar-types.ts";

/** How far back tickets are read: open threads older than this are not the radar's business. */
const LOOKBACK_DAYS = 180;

type ReadDeps = Pick<RadarDeps, "db" | "crm" | "triage" | "clock">;

/** One account's open threads by risk, highest first. */
export async function assessAccount(account: CrmAccount, deps: ReadDeps): Promise<RiskAssessment[]> {
  const asOf = deps.clock.now();
  const since = new Date(asOf.getTime() - LOOKBACK_DAYS * 86_400_000);
  const [crmTickets, storedTickets, crmChanges, storedChanges] = await Promise.all([
    deps.crm.listTickets(account.id, { since, until: asOf }),
    listStoredTickets(deps.db, { accountId: account.id }),
    deps.crm.listChanges?.(account.id, { since, until: asOf }) ?? Promise.resolve([] as Change[]),
    listChangesReaching(deps.db, account, { since, until: asOf }),
  ]);
  const stored = storedTickets.map((s) => s.ticket).filter((t) => Date.parse(t.createdAt) >= since.getTime());
  const tickets = [...new Map([...crmTickets, ...stored].map((t) => [t.id, t])).values()];
  const changes = [...new Map([...crmChanges, ...storedChanges].map((c) => [c.id, c])).values()];
  return assessSnapshot(snapshotAt(account, tickets, changes, asOf), deps.triage);
}

/** Open threads of every account (or the one named), highest risk first. */
export async function assessOpenThreads(
  deps: ReadDeps,
  options: { accountId?: string } = {},
): Promise<RiskAssessment[]> {
  const accounts = options.accountId
    ? [await deps.crm.getAccount(options.accountId)].filter((a): a is CrmAccount => a !== null)
    : await deps.crm.listAccounts();
  const all: RiskAssessment[] = [];
  for (const account of accounts) all.push(...(await assessAccount(account, deps)));
  return all.sort((a, b) => b.score - a.score);
}
