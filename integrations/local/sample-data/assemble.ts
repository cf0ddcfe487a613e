/**
 * Turns drafts into the dataset files: stable order (chronological), ids assigned in that order, account
 * keys replaced by account ids.
 */
import type {
  Dataset,
  DatasetChange,
  DatasetEscalation,
  DatasetKnowledge,
  DatasetTicket,
} from "../dataset-schema.ts";
import type { BuiltAccounts } from "./accounts.ts";
import type { ChangeDraft, KnowledgeDraft, Story, TicketDraft } from "./types.ts";

/** Everything the generator drew or wrote by hand, before ids. */
export interface Drafts {
  accounts: BuiltAccounts;
  tickets: TicketDraft[];
  changes: ChangeDraft[];
  stories: Story[];
  knowledge: KnowledgeDraft[];
}

/** The dataset plus the ids given to keyed drafts (for the summary and the README). */
export interface Assembled {
  dataset: Dataset;
  changeIds: ReadonlyMap<string, string>;
  escalationIds: ReadonlyMap<string, string>;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const byTime = (a: string, b: string) => Date.parse(a) - Date.parse(b);

function assembleTickets(drafts: Drafts): DatasetTicket[] {
  const sorted = [...drafts.tickets].sort(
    (a, b) =>
      byTime(a.createdAt, b.createdAt) ||
      a.accountKey.localeCompare(b.accountKey) ||
      a.subject.localeCompare(b.subject),
  );
  return sorted.map(({ accountKey, ...t }, i) => ({
    id: `TCK-${pad(i + 1, 6)}`,
    accountId: drafts.accounts.idOf(accountKey),
    number: pad(40_000 + i + 1, 8),
    subject: t.subject,
    description: t.description,
    status: t.status,
    priority: t.priority,
    createdAt: t.createdAt,
    closedAt: t.closedAt ?? null,
    resolution: t.resolution ?? null,
    tags: t.tags,
    comments: t.comments,
  }));
}

function assembleChanges(drafts: Drafts, ids: Map<string, string>): DatasetChange[] {
  const sorted = [...drafts.changes].sort((a, b) => byTime(a.at, b.at) || a.title.localeCompare(b.title));
  return sorted.map((c, i) => {
    const id = `CHG-${pad(i + 1, 4)}`;
    if (c.key) ids.set(c.key, id);
    return {
      id,
      at: c.at,
      source: c.source,
      scope: c.scope,
      ...(c.accountKey ? { accountId: drafts.accounts.idOf(c.accountKey) } : {}),
      ...(c.segment ? { segment: c.segment } : {}),
      ...(c.region ? { region: c.region } : {}),
      title: c.title,
      description: c.description,
      productArea: c.productArea,
    };
  });
}

function assembleEscalations(drafts: Drafts, ids: Map<string, string>): DatasetEscalation[] {
  const sorted = [...drafts.stories].sort(
    (a, b) => byTime(a.openedAt, b.openedAt) || a.key.localeCompare(b.key),
  );
  return sorted.map((s, i) => {
    const id = `ESC-2026-${pad(i + 1, 4)}`;
    ids.set(s.key, id);
    return {
      id,
      accountId: drafts.accounts.idOf(s.account),
      openedAt: s.openedAt,
      summary: s.summary,
      status: s.resolvedAt ? "resolved" : "open",
      rootCauseCategory: s.category,
      resolvedAt: s.resolvedAt ?? null,
      severity: s.severity,
      productArea: s.productArea,
      ...(s.resolution ? { resolution: s.resolution } : {}),
    };
  });
}

function assembleKnowledge(drafts: Drafts, escalationIds: ReadonlyMap<string, string>): DatasetKnowledge[] {
  const sorted = [...drafts.knowledge].sort(
    (a, b) => a.validatedAt.localeCompare(b.validatedAt) || a.title.localeCompare(b.title),
  );
  return sorted.map(({ fromStory, ...k }, i) => {
    const source = fromStory ? escalationIds.get(fromStory) : undefined;
    if (fromStory && !source) throw new Error(`knowledge "${k.title}" names unknown story "${fromStory}"`);
    return { id: `KB-${pad(i + 1, 4)}`, ...k, ...(source ? { sourceEscalationId: source } : {}) };
  });
}

/** Assigns ids and builds the five files. */
export function assemble(drafts: Drafts): Assembled {
  const changeIds = new Map<string, string>();
  const escalationIds = new Map<string, string>();
  const tickets = assembleTickets(drafts);
  const changes = assembleChanges(drafts, changeIds);
  const escalations = assembleEscalations(drafts, escalationIds);
  const knowledge = assembleKnowledge(drafts, escalationIds);
  return {
    dataset: { accounts: drafts.accounts.accounts, tickets, changes, escalations, knowledge },
    changeIds,
    escalationIds,
  };
}
