/**
 * The radar runs after tickets are triaged: the triage service's recording (the CRM poll, the local
 * dataset at start, POST /api/tickets) is wrapped so that each account whose tickets were created or
 * changed gets a scan on the queue. Unchanged tickets ask for nothing.
 */
import type { JobQueue } from "../jobs/job-queue.ts";
import type { Sql } from "../storage/database.ts";
import { listTicketAccounts } from "../storage/ticket-accounts.ts";
import type { StoreTicketsResult } from "../storage/ticket-store.ts";
import type { TriageService } from "../use-cases/triage-service.ts";
import { queueRadarScan } from "./radar-jobs.ts";

/** `service`, asking for a radar scan of the accounts whose tickets each recording created or changed. */
export function scanAfterTriage(service: TriageService, deps: { db: Sql; queue: JobQueue }): TriageService {
  const scan = async (result: StoreTicketsResult) => {
    const changed = [...result.created, ...result.updated];
    for (const accountId of await listTicketAccounts(deps.db, changed))
      await queueRadarScan(deps.queue, accountId);
    return result;
  };
  return {
    ...service,
    record: async (tickets, source) => scan(await service.record(tickets, source)),
    recordPushed: async (input) => scan(await service.recordPushed(input)),
  };
}
