/**
 * The running service's triage: the context each account's tickets are triaged in (routing rules, the
 * account's segment and ARR, the organisation's learned topics or the known product areas), recording
 * tickets from any source, and (re)learning the topics off the request path. The topic model is a cache
 * derived from the stored tickets, so every replica learns the same one; it is retrained when the labelled
 * history has grown by a tenth.
 */
import type { Logger } from "../logger.ts";
import type { CrmSource } from "../ports/crm-source.ts";
import type { Sql } from "../storage/database.ts";
import {
  listChangeProductAreas,
  listStoredTickets,
  listTicketItems,
  type StoreTicketsResult,
  type TicketSource,
} from "../storage/ticket-store.ts";
import { labelledHistory } from "../triage/label-history.ts";
import { trainTopicModelOffThread } from "../triage/train-off-thread.ts";
import type { TopicClassifier, TriageContext, TriageTicket } from "../triage/types.ts";
import type { RoutingRules } from "../war-room/routing-rules.ts";
import { type AccountTicket, recordPushedTickets, recordTickets } from "./record-tickets.ts";

/** What the triage service needs. */
export interface TriageServiceDeps {
  db: Sql;
  crm: CrmSource;
  routing: RoutingRules;
  logger: Logger;
  now(): Date;
}

/** How to learn: `from` these tickets instead of the stored ones, with these extra known product areas. */
export interface LearnOptions {
  force?: boolean;
  from?: readonly TriageTicket[];
  areas?: readonly string[];
}

/** Triage for a running warroom. */
export interface TriageService {
  /** The context one account's tickets are triaged in. */
  contextFor(accountId: string): Promise<TriageContext>;
  /** Triages and stores tickets; unchanged ones are skipped. */
  record(tickets: readonly AccountTicket[], source: TicketSource): Promise<StoreTicketsResult>;
  /** Validates a pushed body (POST /api/tickets) and records it. */
  recordPushed(input: unknown): Promise<StoreTicketsResult>;
  /**
   * Relearns the topics from the stored labelled tickets when they grew by a tenth, or at once from `from`
   * (the local dataset at start, before its tickets are stored). Never rejects: a failure is logged and the
   * current topics stay.
   */
  learnTopics(options?: LearnOptions): Promise<void>;
}

/** Creates the service; topics start empty (known product areas) until `learnTopics` has run. */
export function createTriageService(deps: TriageServiceDeps): TriageService {
  let topics: TopicClassifier | undefined;
  let learnedFrom = 0;
  let learning: Promise<void> | undefined;

  const needsAccount = deps.routing.rules.some((r) => r.when.segment || r.when.minArr !== undefined);
  let extraAreas: readonly string[] = [];
  const knownAreas = async () => [...new Set([...extraAreas, ...(await listChangeProductAreas(deps.db))])];

  const learn = async ({ force = false, from, areas: more = [] }: LearnOptions) => {
    extraAreas = [...new Set([...extraAreas, ...more])];
    const areas = await knownAreas();
    const history = labelledHistory(from ?? (await listTicketItems(deps.db)), areas);
    if (!force && !from && history.length < learnedFrom * 1.1 + 1) return;
    if (new Set(history.map((e) => e.label)).size < 2) return;
    const started = Date.now();
    topics = await trainTopicModelOffThread(history);
    learnedFrom = history.length;
    deps.logger.info(
      { examples: history.length, topics: topics.labels.length, ms: Date.now() - started },
      "learned ticket topics from the labelled history",
    );
    if (!from) await retriageOpen();
  };

  // Open tickets triaged before this model (with the known product areas, or an older model) get its topics.
  const retriageOpen = async () => {
    const open = await listStoredTickets(deps.db, { openOnly: true });
    for (let i = 0; i < open.length; i += 500) {
      const batch = open.slice(i, i + 500).map(({ ticket, accountId }) => ({ ticket, accountId }));
      await recordTickets(deps.db, batch, "api", service.contextFor, { retriage: true });
    }
  };

  const service: TriageService = {
    async contextFor(accountId) {
      // Segment and ARR only feed routing rules that name them: read the account only then (one CRM call per
      // account and batch), and a CRM hiccup must not stop a ticket from being triaged.
      const account = needsAccount ? await deps.crm.getAccount(accountId).catch(() => null) : null;
      return {
        topics,
        knownAreas: topics ? undefined : await knownAreas(),
        routing: deps.routing,
        account: account ? { segment: account.segment, arr: account.arr } : undefined,
        now: deps.now(),
      };
    },
    record: (tickets, source) => recordTickets(deps.db, tickets, source, service.contextFor),
    recordPushed: (input) => recordPushedTickets(deps.db, input, service.contextFor),
    learnTopics(options = {}) {
      // One training at a time; a second caller waits for the running one. A failed training keeps the
      // current model (or the known product areas): triage goes on, and the next poll or start tries again.
      learning ??= learn(options)
        .catch((error: unknown) => deps.logger.warn({ err: error }, "could not learn ticket topics"))
        .finally(() => {
          learning = undefined;
        });
      return learning;
    },
  };
  return service;
}

/** Triages and stores every ticket of a local dataset (at start), after learning its topics from them. */
export async function importLocalTickets(crm: CrmSource, triage: TriageService): Promise<StoreTicketsResult> {
  const accounts = await crm.listAccounts();
  const tickets: AccountTicket[] = [];
  const areas = new Set<string>();
  for (const account of accounts) {
    for (const ticket of await crm.listTickets(account.id)) tickets.push({ ticket, accountId: account.id });
    for (const change of (await crm.listChanges?.(account.id)) ?? [])
      if (change.productArea) areas.add(change.productArea);
  }
  await triage.learnTopics({ from: tickets.map((t) => t.ticket), areas: [...areas] });
  return triage.record(tickets, "local");
}
