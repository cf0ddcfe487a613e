/**
 * Assembles the case bundle for an escalation from the CRM and the knowledge base: the account, its
 * ticket history, the changes around it, other accounts' recent escalations and validated findings.
 */
import { type CaseBundle, caseBundleSchema, type Severity } from "../domain/case-bundle.ts";
import { NotFoundError } from "../errors.ts";
import type { CrmSource } from "../ports/crm-source.ts";
import type { KnowledgeBase } from "../ports/knowledge-base.ts";

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

/** Reads everything the engine needs about one escalation; the CRM calls run concurrently. */
export async function buildCaseBundle(
  escalation: EscalationInput,
  deps: { crm: CrmSource; knowledge: KnowledgeBase },
  windows: BundleWindows = DEFAULT_WINDOWS,
): Promise<CaseBundle> {
  const at = escalation.openedAt.getTime();
  const until = new Date(at + DAY); // what the account reported on the day counts
  const [account, tickets, changes, escalations, knowledge] = await Promise.all([
    deps.crm.getAccount(escalation.accountId),
    deps.crm.listTickets(escalation.accountId, { since: new Date(at - windows.ticketDays * DAY), until }),
    deps.crm.listChanges(escalation.accountId, { since: new Date(at - windows.changeDays * DAY), until }),
    deps.crm.listEscalations({ since: new Date(at - windows.escalationDays * DAY), until }),
    deps.knowledge.listFindings(),
  ]);
  if (!account) throw new NotFoundError(deps.crm.name, `no account with id ${escalation.accountId}`);
  const { ownerEmail: _owner, ...bundleAccount } = account;
  return caseBundleSchema.parse({
    escalation: {
      id: escalation.id,
      openedAt: escalation.openedAt.toISOString(),
      summary: escalation.summary,
      ...(escalation.severity ? { severity: escalation.severity } : {}),
      ...(escalation.reportedBy ? { reportedBy: escalation.reportedBy } : {}),
    },
    account: bundleAccount,
    tickets,
    changes,
    relatedEscalations: escalations
      .filter((e) => e.accountId !== escalation.accountId && e.id !== escalation.id)
      .map(({ resolvedAt: _r, severity: _s, ...related }) => related),
    knowledge,
  });
}
