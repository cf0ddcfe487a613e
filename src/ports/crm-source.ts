/**
 * CrmSource: where accounts, their tickets, the changes around them and other accounts' escalations come
 * from. Implemented by integrations/local (a dataset folder, the embedded default) and
 * integrations/salesforce. Everything returned is already in the case bundle's shapes.
 */
import type { Account, Change, RelatedEscalation, Severity, Ticket } from "../domain/case-bundle.ts";

/** An account as the CRM knows it: the bundle's account plus the CSM who owns it. */
export interface CrmAccount extends Account {
  /** Email of the account owner (the CSM), used to invite them to the war-room. */
  ownerEmail?: string;
}

/** A ranked search hit for an account name or id. */
export interface AccountMatch {
  account: CrmAccount;
  /** 0 (perfect) .. 1 (barely similar). */
  score: number;
  /** True when the query equals the id or the name (case-insensitive). */
  exact: boolean;
}

/** A time window; either end may be open. */
export interface TimeWindow {
  since?: Date;
  until?: Date;
}

/** A past or current escalation as the CRM records it (the bundle's related-escalation shape). */
export type CrmEscalation = RelatedEscalation & {
  resolvedAt?: string | null;
  severity?: string;
  productArea?: string;
};

/** A case the CRM marked escalated: the trigger of a war-room. */
export interface EscalatedCase {
  /** The CRM's id of the case; a case opens at most one war-room. */
  caseId: string;
  caseNumber?: string;
  accountId: string;
  subject: string;
  description?: string;
  severity: Severity;
  /** When the CRM last modified the case (the poll's watermark moves past it). */
  modifiedAt: Date;
  /** The case owner's email: the person who asked, in effect. */
  ownerEmail?: string;
  /** A link to the case in the CRM. */
  url?: string;
}

/** A war-room's follow-up task as the CRM is asked to record it. */
export interface CrmTaskInput {
  /**
   * warroom's unique key of the task (`ESC-…#3`): a CRM that is asked twice (a retried job) finds the task
   * it made for this key instead of making a second one.
   */
  key: string;
  /** The CRM case the escalation came from, or null; the task goes on the case, else on the account. */
  caseId: string | null;
  accountId: string;
  subject: string;
  description: string;
  /** `YYYY-MM-DD`, or null. */
  due: string | null;
}

/**
 * The CRM port. It reads; the only thing warroom writes there is follow-up tasks (optional capability),
 * never customer records.
 */
export interface CrmSource {
  /** Short name of the backing system for logs and health output ("local dataset", "salesforce"). */
  readonly name: string;

  /**
   * Finds accounts by their whole id (any case) or by name, best first; at most `limit` (default 5). A name
   * matches on words (see domain/match-account-name.ts): "Inc" finds "Calder Inc", never "Calder Finch".
   */
  searchAccounts(query: string, limit?: number): Promise<AccountMatch[]>;

  /** Names loosely like `query`, for "did you mean" when the search found nothing (optional capability). */
  suggestAccounts?(query: string, limit?: number): Promise<CrmAccount[]>;

  /** One account by id, or null when there is none. */
  getAccount(accountId: string): Promise<CrmAccount | null>;

  /** Every account (used for base rates in the digest). */
  listAccounts(): Promise<CrmAccount[]>;

  /** The account's tickets created inside the window, with their comments. */
  listTickets(accountId: string, window?: TimeWindow): Promise<Ticket[]>;

  /** How many tickets of any account were created inside the window (optional: the digest's per-ticket rate). */
  countTickets?(window: TimeWindow): Promise<number>;

  /**
   * Changes that can affect the account inside the window: its own account-scoped changes plus segment
   * and global ones (ours, third parties', incidents). Optional capability: a CRM that records no changes
   * leaves it out, and changes reach warroom through POST /api/changes and `warroom changes import`.
   */
  listChanges?(accountId: string, window?: TimeWindow): Promise<Change[]>;

  /** Escalations of any account opened inside the window, newest first. */
  listEscalations(window?: TimeWindow): Promise<CrmEscalation[]>;

  /**
   * Cases marked escalated and modified at or after `since`, oldest change first (optional capability:
   * CRMs whose escalations open war-rooms by themselves).
   */
  listEscalatedCases?(since: Date): Promise<EscalatedCase[]>;

  /**
   * Cases (tickets) of any account created or modified at or after `since`, oldest change first, with their
   * comments (optional capability: CRMs whose tickets are triaged as they change).
   */
  listModifiedCases?(since: Date): Promise<ModifiedCase[]>;

  /**
   * Records a follow-up task in the CRM, once per `key` however often it is asked; returns the CRM's id of
   * it (optional capability). A refusal for lack of permission is a PermissionError or ValidationError.
   */
  createTask?(task: CrmTaskInput): Promise<string>;

  /** Marks a task created by `createTask` completed (optional capability; present with `createTask`). */
  completeTask?(crmTaskId: string): Promise<void>;
}

/** A ticket the CRM changed, with its account and when it changed. */
export interface ModifiedCase {
  accountId: string;
  ticket: Ticket;
  modifiedAt: Date;
}
