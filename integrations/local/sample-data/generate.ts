/**
 * Writes the bundled fictional sample dataset (accounts, tickets, changes, escalations, knowledge) into
 * this folder. Deterministic: a seeded PRNG and dates relative to SAMPLE_DATASET_ANCHOR.
 *
 *   node integrations/local/sample-data/generate.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLE_DEMO_ESCALATION } from "../sample-demo.ts";
import { buildAccounts, type EscalationLoad } from "./accounts.ts";
import type { Drafts } from "./assemble.ts";
import { type Assembled, assemble } from "./assemble.ts";
import { buildCustomerChanges, buildWeeklyReleases } from "./background-changes.ts";
import { buildBackgroundTickets } from "./background-tickets.ts";
import { INCIDENT_CHANGES, THIRD_PARTY_CHANGES, VENDOR_CONFIG_CHANGES } from "./changes-fixed.ts";
import { checkDataset } from "./check-dataset.ts";
import { DEMO_ACCOUNT_KEY, DEMO_CHANGES, DEMO_TICKETS } from "./demo-account.ts";
import { KNOWLEDGE } from "./knowledge.ts";
import { buildQuietRules } from "./quiet-rules.ts";
import { createRng } from "./random.ts";
import { PATTERN_CHANGES, PATTERN_QUIET_TICKETS, PATTERNS, STORIES } from "./stories.ts";
import { ADMIN_TEMPLATES } from "./templates-admin.ts";
import { FINANCE_TEMPLATES } from "./templates-finance.ts";
import { INTEGRATION_TEMPLATES } from "./templates-integrations.ts";
import { OPERATIONS_TEMPLATES } from "./templates-operations.ts";
import type { ChangeDraft, TicketDraft } from "./types.ts";
import { SEED } from "./world.ts";
import { ACCOUNT_SEEDS } from "./world-accounts.ts";

const TEMPLATES = [
  ...OPERATIONS_TEMPLATES,
  ...FINANCE_TEMPLATES,
  ...ADMIN_TEMPLATES,
  ...INTEGRATION_TEMPLATES,
];

function escalationLoads(): Map<string, EscalationLoad> {
  const loads = new Map<string, EscalationLoad>();
  for (const story of STORIES) {
    const load = loads.get(story.account) ?? { resolved: 0, open: 0 };
    if (story.resolvedAt) load.resolved++;
    else load.open++;
    loads.set(story.account, load);
  }
  return loads;
}

function buildDrafts(): Drafts {
  const rng = createRng(SEED);
  const accounts = buildAccounts(ACCOUNT_SEEDS, escalationLoads(), rng);
  const rules = buildQuietRules(STORIES);
  const tickets: TicketDraft[] = [
    ...STORIES.flatMap((s) => s.tickets.map((t) => ({ accountKey: s.account, ...t }))),
    ...PATTERN_QUIET_TICKETS,
    ...DEMO_TICKETS,
  ];
  const changes: ChangeDraft[] = [
    ...STORIES.flatMap((s) => s.changes ?? []),
    ...PATTERN_CHANGES,
    ...DEMO_CHANGES,
    ...VENDOR_CONFIG_CHANGES,
    ...THIRD_PARTY_CHANGES,
    ...INCIDENT_CHANGES,
    ...buildWeeklyReleases(rng),
  ];
  for (const seed of ACCOUNT_SEEDS) {
    const context = { seed, contractStart: accounts.contractStartOf(seed.key) };
    tickets.push(...buildBackgroundTickets(context, TEMPLATES, rules, rng));
    changes.push(...buildCustomerChanges(seed, context.contractStart, rules, rng));
  }
  return { accounts, tickets, changes, stories: STORIES, knowledge: KNOWLEDGE };
}

function describePatterns(drafts: Drafts, assembled: Assembled): string[] {
  const id = drafts.accounts.idOf;
  return PATTERNS.map((p) => {
    const changes = p.changeKeys.map((k) => assembled.changeIds.get(k)).join(", ");
    const escalations = p.storyKeys.map((k) => assembled.escalationIds.get(k)).join(", ");
    return `  ${p.name} [${p.attribute}]\n    escalated: ${p.escalated.map(id).join(", ")}; quiet: ${p.quiet.map(id).join(", ")}\n    changes: ${changes}; escalations: ${escalations}`;
  });
}

function summarize(drafts: Drafts, assembled: Assembled): string {
  const { dataset } = assembled;
  const categories = new Map<string, number>();
  for (const e of dataset.escalations) {
    const key = e.rootCauseCategory ?? "(open)";
    categories.set(key, (categories.get(key) ?? 0) + 1);
  }
  const counts = Object.entries(dataset).map(([name, items]) => `${name} ${items.length}`);
  const spread = [...categories].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`);
  return [
    `wrote ${counts.join(", ")}`,
    `escalations by category: ${spread.join(", ")}`,
    "live patterns:",
    ...describePatterns(drafts, assembled),
    `demo account: ${drafts.accounts.idOf(DEMO_ACCOUNT_KEY)} (${drafts.accounts.seedOf(DEMO_ACCOUNT_KEY).name})`,
  ].join("\n");
}

function checkDemo(drafts: Drafts, assembled: Assembled): void {
  const demoId = drafts.accounts.idOf(DEMO_ACCOUNT_KEY);
  if (SAMPLE_DEMO_ESCALATION.accountId !== demoId) {
    throw new Error(
      `sample-demo.ts names ${SAMPLE_DEMO_ESCALATION.accountId}; the demo account is ${demoId}`,
    );
  }
  if (assembled.dataset.escalations.some((e) => e.accountId === demoId)) {
    throw new Error("the demo account must not have an escalation in escalations.json");
  }
}

function main(): void {
  const drafts = buildDrafts();
  const assembled = assemble(drafts);
  checkDataset(assembled.dataset);
  checkDemo(drafts, assembled);
  for (const [name, items] of Object.entries(assembled.dataset)) {
    writeFileSync(join(import.meta.dirname, `${name}.json`), `${JSON.stringify(items, null, 2)}\n`);
  }
  console.log(summarize(drafts, assembled));
}

main();
