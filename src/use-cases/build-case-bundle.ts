/**
 * Assembles the case bundle for an escalation from the CRM and the knowledge base: the account, its
 * ticket history, the changes around it, other accounts' recent escalations and validated findings.
 */
import { type CaseBundle, caseBundleSchema, type Severity } from "../domain/case-bundle.ts";
import { NotFoundError } from "../errors.ts";
import type { CrmEscalation, CrmSource } from "../ports/crm-source.ts";
import type { KnowledgeBase } from "../ports/knowledge-base.ts";
import type { LocalEvidence } from "../storage/local-evidence.ts";
import { rankKnowledge } from "./rank-knowledge.ts";

const DAY = 24 * 3600 * 1000;

/** How far back each kind of evidence is read. */
export interface BundleWindows {
  ticketDays: number;
  changeDays: number;
  escalationDays: number;
}

/** Defaults: half a year of tickets, two months of changes and of other accounts' escalations. */
export const DEFAULT_WINDOWS: BundleWindows = { ticketDays: 180, changeDays: 60, escalationDays: 60 };

/** The escalation the bundle is about. */
export interface EscalationInput {
  id: string;
  accountId: string;
  openedAt: Date;
  summary: string;
  severity?: Severity;
  reportedBy?: string;
}

/** Where the evidence comes from: the CRM, the knowledge base and, when given, warroom's own records. */
export interface BundleSources {
  crm: CrmSource;
  knowledge: KnowledgeBase;
  local?: LocalEvidence;
}

/** The most validated findings a bundle carries, most similar first. */
export const KNOWLEDGE_LIMIT = 100;

/** Reads everything the engine needs about one escalation; the calls run concurrently. */
export async function buildCaseBundle(
  escalation: EscalationInput,
  deps: BundleSources,
  windows: BundleWindows = DEFAULT_WINDOWS,
): Promise<CaseBundle> {
  const at = escalation.openedAt.getTime();
  const until = new Date(at + DAY); // what the account reported on the day counts
  const changeWindow = { since: new Date(at - windows.changeDays * DAY), until };
  const escalationWindow = { since: new Date(at - windows.escalationDays * DAY), until };
  const accountPromise = deps.crm.getAccount(escalation.accountId);
  const [account, tickets, crmChanges, localChanges, crmEscalations, localEscalations, knowledge] =
    await Promise.all([
      accountPromise,
      deps.crm.listTickets(escalation.accountId, { since: new Date(at - windows.ticketDays * DAY), until }),
      deps.crm.listChanges?.(escalation.accountId, changeWindow) ?? [],
      // Reported changes may be scoped to a segment or region: they wait for the account.
      deps.local
        ? accountPromise.then((a) => (a ? (deps.local?.listChanges(a, changeWindow) ?? []) : []))
        : [],
      deps.crm.listEscalations(escalationWindow),
      deps.local?.listEscalations(escalationWindow) ?? [],
      deps.knowledge.listFindings(),
    ]);
  if (!account) throw new NotFoundError(deps.crm.name, `no account with id ${escalation.accountId}`);
  const { ownerEmail: _owner, ...bundleAccount } = account;
  const recent = tickets.filter((t) => Date.parse(t.createdAt) >= at - 30 * DAY);
  // Evidence ids must be unique across the bundle; a source repeating one (a page duplicated in the
  // knowledge base, a record in two systems) must not stop the war-room: the first occurrence stands.
  const seen = new Set<string>();
  const unique = <T extends { id: string }>(items: T[]) =>
    items.filter((item) => {
      if (seen.has(item.id)) return false;
      seen.add(item.id);
      return true;
    });
  return caseBundleSchema.parse({
    escalation: {
      id: escalation.id,
      openedAt: escalation.openedAt.toISOString(),
      summary: escalation.summary,
      ...(escalation.severity ? { severity: escalation.severity } : {}),
      ...(escalation.reportedBy ? { reportedBy: escalation.reportedBy } : {}),
    },
    account: bundleAccount,
    tickets: unique(tickets),
    changes: unique(mergeById(crmChanges, localChanges)),
    relatedEscalations: unique(
      mergeEscalations(crmEscalations, localEscalations)
        .filter((e) => e.accountId !== escalation.accountId && e.id !== escalation.id)
        .map(({ resolvedAt: _r, severity: _s, productArea: _p, ...related }) => related),
    ),
    knowledge: rankKnowledge(
      unique(knowledge),
      { summary: escalation.summary, tickets: recent },
      KNOWLEDGE_LIMIT,
    ),
  });
}

/** Both lists, a later list's item replacing an earlier one with the same id. */
function mergeById<T extends { id: string }>(...lists: T[][]): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) for (const item of list) byId.set(item.id, item);
  return [...byId.values()];
}

/**
 * The CRM's escalations and warroom's own, newest first. A war-room opened from a CRM record (a Salesforce
 * case) stands in for that record: it carries the validated category.
 */
function mergeEscalations(
  crm: CrmEscalation[],
  local: (CrmEscalation & { originRef: string | null })[],
): CrmEscalation[] {
  const replaced = new Set(local.map((e) => e.originRef).filter((ref) => ref !== null));
  const ours = local.map(({ originRef: _ref, ...e }) => e);
  return mergeById(
    crm.filter((e) => !replaced.has(e.id)),
    ours,
  ).sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt));
}
