/**
 * The embedded CRM: a local dataset folder read into memory (read-only, so replicas each holding a copy
 * share nothing that can diverge). Used when Salesforce is not configured.
 */
import Fuse from "fuse.js";
import type { Change, Ticket } from "../../src/domain/case-bundle.ts";
import { changeReaches } from "../../src/domain/change-report.ts";
import { nameMatchesQuery } from "../../src/domain/match-account-name.ts";
import type {
  AccountMatch,
  CrmAccount,
  CrmEscalation,
  CrmSource,
  TimeWindow,
} from "../../src/ports/crm-source.ts";
import type { Dataset, DatasetAccount } from "./dataset-schema.ts";

/** Configuration of the local CRM. */
export interface LocalCrmAdapterConfig {
  dataset: Dataset;
  /** Shown in health output: "bundled sample dataset" or the folder. */
  label: string;
}

/** A CrmSource over an in-memory dataset. */
export interface LocalCrmAdapter extends CrmSource {
  /** The whole dataset (the local knowledge base seeds from its findings). */
  readonly dataset: Dataset;
  /** A dataset always has a change list (possibly empty). */
  listChanges(accountId: string, window?: TimeWindow): Promise<Change[]>;
}

function inWindow(at: string, window: TimeWindow = {}): boolean {
  const t = Date.parse(at);
  return (!window.since || t >= window.since.getTime()) && (!window.until || t <= window.until.getTime());
}

function withoutExtras({ accountId: _accountId, ...rest }: { accountId?: string } & Record<string, unknown>) {
  return rest;
}

/** How far behind the best a search hit may score and still be offered. */
const TRAILING_MARGIN = 0.3;
/** A suggestion this close (0 = same) is offered as "closest" even without a shared word. */
const CLOSE_SCORE = 0.45;

/** True when a word of the name starts like a word of the query (4 letters or more in common). */
function sharesWordStem(query: string, name: string): boolean {
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [];
  const named = words(name);
  return words(query).some((q) => named.some((n) => n.slice(0, 4) === q.slice(0, 4)));
}

/** Creates the local CRM over a loaded dataset. */
export function createLocalCrmAdapter(config: LocalCrmAdapterConfig): LocalCrmAdapter {
  const { dataset } = config;
  const accounts = new Map(dataset.accounts.map((a) => [a.id, a]));
  const byLowerId = new Map(dataset.accounts.map((a) => [a.id.toLowerCase(), a]));
  // Names only: ids are matched exactly, so an unknown id is unknown rather than "like" every id.
  const fuse = new Fuse(dataset.accounts, {
    keys: ["name"],
    includeScore: true,
    threshold: 0.4,
    ignoreLocation: true,
  });
  const loose = new Fuse(dataset.accounts, {
    keys: ["name"],
    includeScore: true,
    threshold: 0.8,
    ignoreLocation: true,
  });

  const toMatch = (account: DatasetAccount, score: number, query: string): AccountMatch => {
    const q = query.trim().toLowerCase();
    return { account, score, exact: account.id.toLowerCase() === q || account.name.toLowerCase() === q };
  };

  return {
    name: config.label,
    dataset,

    async searchAccounts(query, limit = 5) {
      const byId = byLowerId.get(query.trim().toLowerCase());
      if (byId) return [toMatch(byId, 0, query)];
      // Fuse scores letters anywhere in a name; only names that share a word with the query are candidates.
      const hits = fuse
        .search(query.trim(), { limit: limit + 20 })
        .filter((hit) => nameMatchesQuery(query, hit.item.name))
        .slice(0, limit);
      const best = hits[0]?.score ?? 0;
      // A hit far behind the best shares letters with the query, not meaning.
      return hits
        .filter((hit) => (hit.score ?? 1) <= best + TRAILING_MARGIN)
        .map((hit) => toMatch(hit.item, hit.score ?? 1, query));
    },

    async suggestAccounts(query, limit = 3) {
      return loose
        .search(query.trim(), { limit: 10 })
        .filter((hit) => (hit.score ?? 1) <= CLOSE_SCORE || sharesWordStem(query, hit.item.name))
        .slice(0, limit)
        .map((hit) => hit.item);
    },

    async getAccount(accountId) {
      return accounts.get(accountId) ?? null;
    },

    async listAccounts(): Promise<CrmAccount[]> {
      return [...dataset.accounts];
    },

    async listTickets(accountId, window) {
      return dataset.tickets
        .filter((t) => t.accountId === accountId && inWindow(t.createdAt, window))
        .map((t) => withoutExtras(t) as Ticket);
    },

    async countTickets(window) {
      return dataset.tickets.filter((t) => inWindow(t.createdAt, window)).length;
    },

    async listChanges(accountId, window) {
      const account = accounts.get(accountId);
      return dataset.changes
        .filter((c) => inWindow(c.at, window))
        .filter((c) => changeReaches(c, account ?? { id: accountId }))
        .map((c) => withoutExtras(c) as Change);
    },

    async listEscalations(window) {
      return dataset.escalations
        .filter((e) => inWindow(e.openedAt, window))
        .sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt))
        .map((e): CrmEscalation => {
          const account = accounts.get(e.accountId);
          return { ...e, accountName: account?.name, attributes: account?.attributes };
        });
    },
  };
}
