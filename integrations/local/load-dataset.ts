/**
 * Reads a local dataset folder (shared/contracts/runtime.md): five optional JSON arrays. A malformed file
 * fails with the file, the item index and the field, so the person fixing it knows where to look.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { describeIssue, describeProblem } from "../../src/domain/describe-issue.ts";
import { InputError } from "../../src/errors.ts";
import { DATASET_FILES, type Dataset } from "./dataset-schema.ts";

/** Options for loading a dataset. */
export interface LoadDatasetOptions {
  /**
   * Shift every date by whole weeks so that `anchor` falls in the week of `rebaseTo` (the bundled sample
   * uses this so its "recent" escalations stay recent). Weekdays are preserved.
   */
  rebase?: { anchor: Date; to: Date };
}

/** Loads and validates every file of a dataset folder; missing files are empty. */
export async function loadDataset(dir: string, options: LoadDatasetOptions = {}): Promise<Dataset> {
  const dataset: Dataset = { accounts: [], tickets: [], changes: [], escalations: [], knowledge: [] };
  for (const [key, spec] of Object.entries(DATASET_FILES) as [
    keyof Dataset,
    (typeof DATASET_FILES)[keyof Dataset],
  ][]) {
    const path = join(dir, spec.file);
    const raw = await readJson(path);
    if (raw === undefined) continue;
    const items = z.array(spec.item).safeParse(raw, { reportInput: true });
    if (!items.success) throw new InputError(datasetProblem(path, items.error.issues[0]));
    (dataset[key] as unknown[]) = items.data;
  }
  checkReferences(dir, dataset);
  return options.rebase
    ? rebaseDataset(dataset, weeksBetween(options.rebase.anchor, options.rebase.to))
    : dataset;
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InputError(`${path}: cannot be read (${(error as Error).message})`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: is not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

function datasetProblem(path: string, issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return `${path}: invalid`;
  const [index, ...field] = issue.path;
  if (typeof index !== "number") return `${path}: ${describeIssue(issue)} (the file must be a JSON array)`;
  const fieldName = field.length > 0 ? field.map(String).join(".") : "(the item itself)";
  return `${path}: item ${index}, field ${fieldName}: ${describeProblem(issue)}`;
}

function checkReferences(dir: string, dataset: Dataset): void {
  const accounts = new Set(dataset.accounts.map((a) => a.id));
  const check = (file: string, items: { accountId?: string }[]) => {
    items.forEach((item, index) => {
      if (item.accountId !== undefined && !accounts.has(item.accountId)) {
        throw new InputError(
          `${join(dir, file)}: item ${index}, field accountId: "${item.accountId}" is not an id in accounts.json`,
        );
      }
    });
  };
  check(DATASET_FILES.tickets.file, dataset.tickets);
  check(DATASET_FILES.changes.file, dataset.changes);
  check(DATASET_FILES.escalations.file, dataset.escalations);
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

function weeksBetween(anchor: Date, to: Date): number {
  const monday = (d: Date) => {
    const day = (d.getUTCDay() + 6) % 7;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
  };
  return Math.round((monday(to) - monday(anchor)) / WEEK_MS);
}

function shift(value: string, weeks: number): string;
function shift(value: string | null | undefined, weeks: number): string | null | undefined;
function shift(value: string | null | undefined, weeks: number): string | null | undefined {
  if (!value || weeks === 0) return value;
  const moved = new Date(Date.parse(value) + weeks * WEEK_MS).toISOString();
  // Keep dates as dates and date-times as date-times.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? moved.slice(0, 10) : moved.replace(".000Z", "Z");
}

function rebaseDataset(d: Dataset, weeks: number): Dataset {
  if (weeks === 0) return d;
  return {
    accounts: d.accounts.map((a) => ({
      ...a,
      contractStart: shift(a.contractStart, weeks) ?? undefined,
      renewalDate: shift(a.renewalDate, weeks) ?? undefined,
    })),
    tickets: d.tickets.map((t) => ({
      ...t,
      createdAt: shift(t.createdAt, weeks),
      closedAt: shift(t.closedAt, weeks),
      comments: t.comments?.map((c) => ({ ...c, at: shift(c.at, weeks) })),
    })),
    changes: d.changes.map((c) => ({ ...c, at: shift(c.at, weeks) })),
    escalations: d.escalations.map((e) => ({
      ...e,
      openedAt: shift(e.openedAt, weeks),
      resolvedAt: shift(e.resolvedAt, weeks),
    })),
    knowledge: d.knowledge.map((k) => ({ ...k, validatedAt: shift(k.validatedAt, weeks) ?? undefined })),
  };
}
