/**
 * The embedded defaults: what warroom uses for a system that is not configured.
 */
import { join } from "node:path";
import { loadDataset } from "./load-dataset.ts";
import { createLocalCrmAdapter, type LocalCrmAdapter } from "./local-crm-adapter.ts";
import { SAMPLE_DATASET_ANCHOR } from "./sample-data/anchor.ts";

export { loadDataset } from "./load-dataset.ts";
export {
  createLocalCrmAdapter,
  type LocalCrmAdapter,
  type LocalCrmAdapterConfig,
} from "./local-crm-adapter.ts";

/** Folder of the bundled fictional sample dataset. */
export const SAMPLE_DATASET_DIR = join(import.meta.dirname, "sample-data");

/**
 * Opens the local CRM: `dataDir`, or the bundled sample (its dates moved by whole weeks so that its
 * "now" is the current week of `now`).
 */
export async function openLocalCrm(dataDir: string | null, now: Date): Promise<LocalCrmAdapter> {
  if (dataDir)
    return createLocalCrmAdapter({ dataset: await loadDataset(dataDir), label: `local dataset ${dataDir}` });
  const dataset = await loadDataset(SAMPLE_DATASET_DIR, {
    rebase: { anchor: new Date(SAMPLE_DATASET_ANCHOR), to: now },
  });
  return createLocalCrmAdapter({ dataset, label: "bundled sample dataset" });
}
export { createLocalKnowledgeBaseAdapter, type LocalKnowledgeBaseAdapter } from "./local-knowledge-base.ts";
export { createTerminalChatAdapter, type TerminalChatAdapter } from "./terminal-chat-adapter.ts";
