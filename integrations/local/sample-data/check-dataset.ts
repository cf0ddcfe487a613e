/**
 * Checks the generated dataset against the schemas and against the world's own rules (nothing after the
 * anchor but renewals, comments inside their ticket's life, escalations in their windows). Throws naming
 * the file, the index and what is wrong.
 */
import type { z } from "zod";
import { DATASET_FILES, type Dataset } from "../dataset-schema.ts";
import { ANCHOR_MS, DAY_MS } from "./time.ts";

type FileKey = keyof typeof DATASET_FILES;

function fail(key: FileKey, index: number, message: string): never {
  throw new Error(`${DATASET_FILES[key].file}[${index}]: ${message}`);
}

function validateSchemas(dataset: Dataset): void {
  for (const key of Object.keys(DATASET_FILES) as FileKey[]) {
    const schema: z.ZodType = DATASET_FILES[key].item;
    dataset[key].forEach((item, index) => {
      const result = schema.safeParse(item);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        fail(key, index, `field ${issue.path.join(".") || "(item)"}: ${issue.message}`);
      }
    });
  }
}

const ms = (at: string) => Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at);

function checkTickets(dataset: Dataset, starts: ReadonlyMap<string, number>): void {
  dataset.tickets.forEach((t, i) => {
    const created = ms(t.createdAt);
    const end = t.closedAt ? ms(t.closedAt) : ANCHOR_MS;
    if (created >= ANCHOR_MS) fail("tickets", i, `${t.id} created after the anchor`);
    if (created < (starts.get(t.accountId) ?? 0))
      fail("tickets", i, `${t.id} created before the contract started`);
    if (end <= created || end > ANCHOR_MS) fail("tickets", i, `${t.id} closedAt out of order`);
    if ((t.status === "closed") !== Boolean(t.closedAt))
      fail("tickets", i, `${t.id} status and closedAt disagree`);
    for (const c of t.comments ?? []) {
      if (ms(c.at) < created || ms(c.at) > end)
        fail("tickets", i, `${t.id} comment at ${c.at} outside the ticket's life`);
    }
  });
}

function checkChanges(dataset: Dataset, starts: ReadonlyMap<string, number>): void {
  dataset.changes.forEach((c, i) => {
    if (ms(c.at) >= ANCHOR_MS) fail("changes", i, `${c.id} after the anchor`);
    if (c.accountId && ms(c.at) < (starts.get(c.accountId) ?? 0))
      fail("changes", i, `${c.id} before the contract started`);
  });
}

function checkEscalations(dataset: Dataset): void {
  const firstResolved = ANCHOR_MS - 56 * DAY_MS;
  const firstOpen = ANCHOR_MS - 13 * DAY_MS;
  dataset.escalations.forEach((e, i) => {
    const opened = ms(e.openedAt);
    if (e.status === "open" && (e.resolvedAt || e.rootCauseCategory || opened < firstOpen)) {
      fail(
        "escalations",
        i,
        `${e.id} open escalations need no resolution and an openedAt in the last 13 days`,
      );
    }
    if (e.status === "resolved") {
      const resolved = e.resolvedAt ? ms(e.resolvedAt) : Number.NaN;
      if (!(opened >= firstResolved && resolved > opened && resolved < ANCHOR_MS) || !e.rootCauseCategory) {
        fail("escalations", i, `${e.id} resolved escalations need a category and dates inside the 8 weeks`);
      }
    }
  });
}

function checkAccounts(dataset: Dataset): void {
  dataset.accounts.forEach((a, i) => {
    if (!a.contractStart || ms(a.contractStart) >= ANCHOR_MS)
      fail("accounts", i, `${a.id} contract must start before the anchor`);
    if (!a.renewalDate || ms(a.renewalDate) <= ANCHOR_MS)
      fail("accounts", i, `${a.id} renewal must lie after the anchor`);
  });
  dataset.knowledge.forEach((k, i) => {
    if (!k.validatedAt || ms(k.validatedAt) > ANCHOR_MS)
      fail("knowledge", i, `${k.id} validated after the anchor`);
  });
}

/** Validates every item; throws on the first problem. */
export function checkDataset(dataset: Dataset): void {
  validateSchemas(dataset);
  const starts = new Map(dataset.accounts.map((a) => [a.id, ms(String(a.contractStart))]));
  checkAccounts(dataset);
  checkTickets(dataset, starts);
  checkChanges(dataset, starts);
  checkEscalations(dataset);
}
