/**
 * Seeded generator of a very large case bundle: one account with thousands of tickets, a thousand changes,
 * hundreds of other escalations and tens of thousands of knowledge items, with one real cause planted
 * among them. Used by bench/analyze-large-account.ts; deterministic for a given seed.
 */
import { type CaseBundle, CHANGE_SCOPES, CHANGE_SOURCES } from "../../src/domain/case-bundle.ts";

/** Sizes of the generated bundle. */
export interface LargeBundleSize {
  readonly tickets: number;
  readonly changes: number;
  readonly related: number;
  readonly knowledge: number;
}

/** The sizes the benchmark is specified for. */
export const LARGE_ACCOUNT: LargeBundleSize = {
  tickets: 5000,
  changes: 1000,
  related: 300,
  knowledge: 20000,
};

const DAY = 86_400_000;
const AREAS = [
  "sync",
  "billing",
  "reports",
  "auth",
  "webhooks",
  "exports",
  "mobile",
  "search",
  "alerts",
  "imports",
];
const WORDS = [
  "dashboard",
  "customer",
  "timeout",
  "error",
  "slow",
  "invoice",
  "records",
  "mapping",
  "field",
  "queue",
  "latency",
  "region",
  "token",
  "session",
  "report",
  "schedule",
  "export",
  "import",
  "webhook",
  "retry",
  "quota",
  "limit",
  "users",
  "permission",
  "workflow",
  "template",
  "notification",
  "integration",
  "cache",
  "database",
  "index",
  "filter",
  "chart",
  "widget",
  "login",
  "password",
  "upload",
  "download",
  "batch",
];

/** Park-Miller minimal standard generator: tiny, seedable, good enough for shaping fixtures. */
function random(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

function sentence(rnd: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rnd() * WORDS.length)] ?? "error");
  return `${out.join(" ")}.`;
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function iso(at: number): string {
  return new Date(at).toISOString().replace(".000Z", "Z");
}

function tickets(rnd: () => number, n: number, openedAt: number): CaseBundle["tickets"] {
  const out: CaseBundle["tickets"] = [];
  for (let i = 0; i < n; i++) {
    const created = openedAt - Math.floor(rnd() * 3 * 365 * DAY) - DAY;
    const area = pick(rnd, AREAS);
    out.push({
      id: `T-${100000 + i}`,
      number: String(100000 + i),
      subject: `${area} ${sentence(rnd, 5)}`,
      description: sentence(rnd, 30),
      status: rnd() < 0.03 ? "open" : "closed",
      priority: pick(rnd, ["low", "normal", "high"]),
      createdAt: iso(created),
      closedAt: iso(created + DAY),
      resolution: sentence(rnd, 10),
      tags: [area],
      comments: [
        { at: iso(created + 3_600_000), author: "agent", body: sentence(rnd, 25) },
        { at: iso(created + 7_200_000), author: "customer", body: sentence(rnd, 20) },
      ],
    });
  }
  return out;
}

function plantedTickets(openedAt: number): CaseBundle["tickets"] {
  return [
    {
      id: "T-PLANTED-1",
      subject: "Sync failing with 'No such column Region_Code__c'",
      description: "Since this morning every sync run fails; sync log shows 'No such column Region_Code__c'.",
      status: "open",
      priority: "urgent",
      createdAt: iso(openedAt - 20 * 3_600_000),
      tags: ["sync", "escalation"],
      comments: [
        {
          at: iso(openedAt - 19 * 3_600_000),
          author: "agent",
          body: "First failed sync run 2 hours after the admin's change.",
        },
      ],
    },
  ];
}

function changes(rnd: () => number, n: number, openedAt: number): CaseBundle["changes"] {
  const sources = CHANGE_SOURCES;
  const scopes = CHANGE_SCOPES;
  const out: CaseBundle["changes"] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      id: `C-${10000 + i}`,
      at: iso(openedAt - Math.floor(rnd() * 200 * DAY) - 2 * DAY),
      source: pick(rnd, sources),
      scope: pick(rnd, scopes),
      title: `${pick(rnd, AREAS)} ${sentence(rnd, 4)}`,
      description: sentence(rnd, 20),
      productArea: pick(rnd, AREAS),
    });
  }
  out.push({
    id: "C-PLANTED",
    at: iso(openedAt - 26 * 3_600_000),
    source: "customer_config",
    scope: "account",
    title: "Customer admin renamed Region_Code__c on Account",
    description: "Region_Code__c renamed to Sales_Region__c in the customer's CRM.",
    productArea: "sync",
  });
  return out;
}

function related(rnd: () => number, n: number, openedAt: number): CaseBundle["relatedEscalations"] {
  return Array.from({ length: n }, (_, i) => ({
    id: `ESC-R-${i}`,
    accountId: `ACC-${i}`,
    accountName: `Account ${i}`,
    openedAt: iso(openedAt - Math.floor(rnd() * 120 * DAY)),
    summary: sentence(rnd, 15),
    attributes: {
      crm: pick(rnd, ["Salesforce Enterprise", "HubSpot", "Dynamics"]),
      plan: pick(rnd, ["Pro", "Business"]),
    },
    status: pick(rnd, ["open", "resolved"]),
    rootCauseCategory: null,
  }));
}

function knowledge(rnd: () => number, n: number): CaseBundle["knowledge"] {
  const categories = [
    "product_defect",
    "customer_change",
    "third_party",
    "infrastructure",
    "usage_growth",
  ] as const;
  return Array.from({ length: n }, (_, i) => ({
    id: `K-${i}`,
    title: sentence(rnd, 7),
    category: pick(rnd, categories),
    symptoms: sentence(rnd, 18),
    rootCause: sentence(rnd, 12),
    resolution: sentence(rnd, 10),
    tags: [pick(rnd, AREAS)],
    validatedAt: "2025-06-01",
  }));
}

/**
 * A bundle of the given size, typed as a parsed CaseBundle; the same seed always gives the same bundle.
 * It is built valid by construction rather than run through zod, whose copy would double the benchmark's
 * memory peak (tests validate generated bundles with caseBundleSchema).
 */
export function generateLargeBundle(seed: number, size: LargeBundleSize = LARGE_ACCOUNT): CaseBundle {
  const rnd = random(seed);
  const openedAt = Date.UTC(2026, 10, 19, 16, 5);
  return {
    escalation: {
      id: "ESC-BENCH-1",
      openedAt: iso(openedAt),
      summary:
        "COO emailed our CEO: every CRM sync run has failed since yesterday and regional sales reports are empty.",
      severity: "critical",
    },
    account: {
      id: "ACC-BENCH",
      name: "Bench Industries",
      segment: "enterprise",
      contractStart: "2024-01-01",
      attributes: { crm: "Salesforce Enterprise", plan: "Business", integration: "sync" },
    },
    tickets: [...tickets(rnd, size.tickets - 1, openedAt), ...plantedTickets(openedAt)],
    changes: changes(rnd, size.changes - 1, openedAt),
    relatedEscalations: related(rnd, size.related, openedAt),
    knowledge: knowledge(rnd, size.knowledge),
  };
}
