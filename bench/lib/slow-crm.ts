/**
 * A CrmSource that takes `ms` per call, like a remote CRM.
 */
import type { CrmSource } from "../../src/ports/crm-source.ts";

/** Wraps `crm` so every call waits `ms` first; counts calls. */
export function slowCrm(crm: CrmSource, ms: number): CrmSource & { calls: number } {
  const wait = () => new Promise((r) => setTimeout(r, ms));
  const wrapped = {
    calls: 0,
    name: crm.name,
    searchAccounts: async (...a: Parameters<CrmSource["searchAccounts"]>) => (
      wrapped.calls++, await wait(), crm.searchAccounts(...a)
    ),
    getAccount: async (...a: Parameters<CrmSource["getAccount"]>) => (
      wrapped.calls++, await wait(), crm.getAccount(...a)
    ),
    listAccounts: async () => (wrapped.calls++, await wait(), crm.listAccounts()),
    listTickets: async (...a: Parameters<CrmSource["listTickets"]>) => (
      wrapped.calls++, await wait(), crm.listTickets(...a)
    ),
    listChanges: async (...a: Parameters<NonNullable<CrmSource["listChanges"]>>) => (
      wrapped.calls++, await wait(), crm.listChanges?.(...a) ?? []
    ),
    listEscalations: async (...a: Parameters<CrmSource["listEscalations"]>) => (
      wrapped.calls++, await wait(), crm.listEscalations(...a)
    ),
  };
  return wrapped;
}
