/**
 * `warroom accounts [QUERY]`: the CRM's accounts (or those a query finds, best first) with their open
 * war-room, so a person can see which names and ids /escalate will accept.
 */
import type { CrmSource } from "../ports/crm-source.ts";
import type { Sql } from "../storage/database.ts";
import { listOpenWarRooms } from "../storage/list-open-war-rooms.ts";

/** One account as listed. */
export interface AccountListing {
  id: string;
  name: string;
  segment: string | null;
  arr: number | null;
  /** The open war-room's escalation id and room link, or null. */
  openWarRoom: { escalationId: string; url: string | null } | null;
}

/** What a query found: the accounts, or when none, names that are close. */
export interface AccountList {
  accounts: AccountListing[];
  closest: string[];
}

/** Every account by name, or with a query the accounts it matches, best first (at most 20). */
export async function listAccounts(crm: CrmSource, db: Sql, query?: string): Promise<AccountList> {
  const found = query
    ? (await crm.searchAccounts(query, 20)).map((m) => m.account)
    : (await crm.listAccounts()).sort((a, b) => a.name.localeCompare(b.name));
  const rooms = new Map((await listOpenWarRooms(db)).map((r) => [r.accountId, r]));
  const accounts = found.map((a) => {
    const room = rooms.get(a.id);
    return {
      id: a.id,
      name: a.name,
      segment: a.segment ?? null,
      arr: a.arr ?? null,
      openWarRoom: room ? { escalationId: room.escalationId, url: room.url } : null,
    };
  });
  const closest =
    query && accounts.length === 0 ? ((await crm.suggestAccounts?.(query, 3)) ?? []).map((a) => a.name) : [];
  return { accounts, closest };
}
