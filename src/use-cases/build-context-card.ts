/**
 * The context card: what everyone in the war-room needs to know before asking "what happened?". Built from
 * the case bundle; each platform renders it its own way (terminal, Slack blocks, Teams card).
 */
import type { CaseBundle, Change, RelatedEscalation, Ticket } from "../domain/case-bundle.ts";
import { tokenize } from "../engine/tokenize-text.ts";
import { summariseTriage } from "../triage/render-triage.ts";
import { triageTicket } from "../triage/triage-ticket.ts";
import type { TicketTriage } from "../triage/types.ts";

const DAY = 24 * 3600 * 1000;

/** The account and ticket facts a war-room opens with. */
export interface ContextCard {
  account: {
    id: string;
    name: string;
    segment?: string;
    industry?: string;
    arr?: number;
    renewalDate?: string;
    /** Days from the escalation to the renewal; negative when it has passed. */
    renewalInDays?: number;
    /** 1 in the first month of the contract. */
    contractMonth?: number;
    healthScore?: number;
    nps?: number;
  };
  tickets: {
    openedLast90Days: number;
    closedLast90Days: number;
    open: number;
    /** Subjects the customer raised more than once in 90 days, with how often. */
    repeatContacts: { subject: string; count: number }[];
    /** The newest tickets, each with its triage in one short line (topic, urgency, sentiment, policy risk). */
    latest: (Pick<Ticket, "id" | "number" | "subject" | "status" | "createdAt"> & { triage?: string })[];
  };
  recentChanges: Pick<Change, "id" | "at" | "source" | "title">[];
  relatedEscalations: Pick<RelatedEscalation, "id" | "accountName" | "openedAt" | "summary" | "status">[];
}

function monthsBetween(from: string, to: number): number {
  const start = new Date(from);
  const end = new Date(to);
  return (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth() + 1;
}

/** Subjects sharing this share of their stemmed terms are one issue raised again. */
const SAME_ISSUE = 0.5;

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

function repeatContacts(tickets: Ticket[]): { subject: string; count: number }[] {
  const groups: { terms: Set<string>; tickets: Ticket[] }[] = [];
  const oldestFirst = [...tickets].sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt));
  for (const ticket of oldestFirst) {
    const terms = new Set(tokenize(ticket.subject));
    if (terms.size === 0) continue;
    const group = groups.find((g) => jaccard(g.terms, terms) >= SAME_ISSUE);
    if (group) group.tickets.push(ticket);
    else groups.push({ terms, tickets: [ticket] });
  }
  return groups
    .filter((g) => g.tickets.length > 1)
    .map((g) => ({ subject: g.tickets[0]?.subject ?? "", count: g.tickets.length }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 3);
}

/**
 * Builds the card as of the escalation's opening. `triage` holds the stored triage of the bundle's tickets;
 * a ticket without one is triaged here (no learned topics), so every listed ticket has its line.
 */
export function buildContextCard(
  bundle: CaseBundle,
  latest = 5,
  triage: ReadonlyMap<string, TicketTriage> = new Map(),
): ContextCard {
  const now = Date.parse(bundle.escalation.openedAt);
  const a = bundle.account;
  const recent = bundle.tickets.filter((t) => now - Date.parse(t.createdAt) <= 90 * DAY);
  const byNewest = [...bundle.tickets].sort((x, y) => Date.parse(y.createdAt) - Date.parse(x.createdAt));
  return {
    account: {
      id: a.id,
      name: a.name,
      segment: a.segment,
      industry: a.industry,
      arr: a.arr,
      renewalDate: a.renewalDate,
      renewalInDays: a.renewalDate ? Math.ceil((Date.parse(a.renewalDate) - now) / DAY) : undefined,
      contractMonth: a.contractStart ? monthsBetween(a.contractStart, now) : undefined,
      healthScore: a.healthScore,
      nps: a.nps,
    },
    tickets: {
      openedLast90Days: recent.length,
      closedLast90Days: recent.filter((t) => t.closedAt).length,
      open: bundle.tickets.filter((t) => !t.closedAt && t.status !== "closed").length,
      repeatContacts: repeatContacts(recent),
      latest: byNewest.slice(0, latest).map((t) => ({
        id: t.id,
        number: t.number,
        subject: t.subject,
        status: t.status,
        createdAt: t.createdAt,
        triage: summariseTriage(triage.get(t.id) ?? triageTicket(t, { now: new Date(now) })),
      })),
    },
    recentChanges: [...bundle.changes]
      .filter((c) => now - Date.parse(c.at) <= 30 * DAY)
      .sort((x, y) => Date.parse(y.at) - Date.parse(x.at))
      .slice(0, 6)
      .map(({ id, at, source, title }) => ({ id, at, source, title })),
    relatedEscalations: [...bundle.relatedEscalations]
      .filter((r) => now - Date.parse(r.openedAt) <= 30 * DAY)
      .sort((x, y) => Date.parse(y.openedAt) - Date.parse(x.openedAt))
      .slice(0, 5)
      .map(({ id, accountName, openedAt, summary, status }) => ({
        id,
        accountName,
        openedAt,
        summary,
        status,
      })),
  };
}
