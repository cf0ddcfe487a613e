import { describe, expect, it } from "vitest";
import type { Dataset } from "../../../integrations/local/dataset-schema.ts";
import { createLocalCrmAdapter, createLocalKnowledgeBaseAdapter } from "../../../integrations/local/index.ts";
import { NotFoundError } from "../../../src/errors.ts";
import { buildCaseBundle } from "../../../src/use-cases/build-case-bundle.ts";
import { buildContextCard } from "../../../src/use-cases/build-context-card.ts";

const t = (id: string, createdAt: string, subject: string, extra: object = {}) => ({
  id,
  accountId: "A",
  subject,
  status: "closed",
  createdAt,
  closedAt: createdAt,
  ...extra,
});

const dataset: Dataset = {
  accounts: [
    {
      id: "A",
      name: "Acme",
      segment: "enterprise",
      arr: 180000,
      contractStart: "2026-09-02",
      renewalDate: "2026-12-19",
      healthScore: 58,
      nps: 6,
      ownerEmail: "csm@example.com",
    },
    { id: "B", name: "Globex" },
  ],
  tickets: [
    t("T-OLD", "2026-01-05T00:00:00Z", "Ancient question"),
    t("T-1", "2026-11-02T00:00:00Z", "Sync errors on commission fields"),
    t("T-2", "2026-11-10T00:00:00Z", "Commission fields sync errors again", {
      status: "open",
      closedAt: undefined,
    }),
    t("T-3", "2026-11-12T00:00:00Z", "Invoice address change"),
    t("T-LATE", "2026-11-25T00:00:00Z", "After the escalation"),
  ],
  changes: [
    {
      id: "C-IN",
      at: "2026-11-09T00:00:00Z",
      source: "customer_config",
      scope: "account",
      accountId: "A",
      title: "Renamed fields",
    },
    {
      id: "C-OLD",
      at: "2026-08-01T00:00:00Z",
      source: "vendor_deploy",
      scope: "global",
      title: "Old deploy",
    },
  ],
  escalations: [
    { id: "E-B", accountId: "B", openedAt: "2026-11-12T00:00:00Z", summary: "Sync failures", status: "open" },
    {
      id: "E-A-OWN",
      accountId: "A",
      openedAt: "2026-10-01T00:00:00Z",
      summary: "Earlier one of ours",
      status: "resolved",
    },
  ],
  knowledge: [
    { id: "K-1", title: "Renames break mappings", category: "customer_change", validatedAt: "2026-05-02" },
  ],
};

const deps = () => ({
  crm: createLocalCrmAdapter({ dataset, label: "test" }),
  knowledge: createLocalKnowledgeBaseAdapter({ findings: dataset.knowledge }),
});
const escalation = {
  id: "WR-1",
  accountId: "A",
  openedAt: new Date("2026-11-19T16:00:00Z"),
  summary: "Commission data wrong",
  severity: "high" as const,
};

describe("buildCaseBundle", () => {
  it("keeps the first of evidence items that share an id, so a duplicated record cannot stop a war-room", async () => {
    const duplicate = { id: "K-1", title: "A copy of the same page", category: "customer_change" as const };
    const bundle = await buildCaseBundle(escalation, {
      crm: createLocalCrmAdapter({ dataset, label: "test" }),
      knowledge: createLocalKnowledgeBaseAdapter({
        findings: [...dataset.knowledge, duplicate, { ...duplicate, id: "T-1" }],
      }),
    });
    expect(bundle.knowledge.map((k) => k.id)).toEqual(["K-1"]);
    expect(bundle.tickets.map((x) => x.id)).toContain("T-1");
  });

  it("reads the account, windows of tickets and changes, other accounts' escalations and findings", async () => {
    const bundle = await buildCaseBundle(escalation, deps());
    expect(bundle.account).toMatchObject({ id: "A", arr: 180000 });
    expect(bundle.account).not.toHaveProperty("ownerEmail");
    expect(bundle.tickets.map((x) => x.id).sort()).toEqual(["T-1", "T-2", "T-3"]);
    expect(bundle.changes.map((x) => x.id)).toEqual(["C-IN"]);
    expect(bundle.relatedEscalations.map((x) => x.id)).toEqual(["E-B"]);
    expect(bundle.knowledge.map((x) => x.id)).toEqual(["K-1"]);
    expect(bundle.escalation).toEqual({
      id: "WR-1",
      openedAt: "2026-11-19T16:00:00.000Z",
      summary: "Commission data wrong",
      severity: "high",
    });
  });

  it("names the CRM when the account does not exist", async () => {
    await expect(buildCaseBundle({ ...escalation, accountId: "ZZZ" }, deps())).rejects.toThrow(NotFoundError);
  });
});

describe("buildContextCard", () => {
  it("gives renewal days, contract month, ticket counts, repeat contacts, changes and related escalations", async () => {
    const card = buildContextCard(await buildCaseBundle(escalation, deps()));
    expect(card.account).toMatchObject({ renewalInDays: 30, contractMonth: 3, healthScore: 58 });
    expect(card.tickets).toMatchObject({ openedLast90Days: 3, closedLast90Days: 2, open: 1 });
    expect(card.tickets.repeatContacts).toEqual([{ subject: "Sync errors on commission fields", count: 2 }]);
    expect(card.tickets.latest.map((x) => x.id)).toEqual(["T-3", "T-2", "T-1"]);
    expect(card.recentChanges.map((c) => c.id)).toEqual(["C-IN"]);
    expect(card.relatedEscalations.map((r) => r.id)).toEqual(["E-B"]);
  });
});
