import { describe, expect, it } from "vitest";
import { caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import { buildContext } from "../../../src/engine/build-context.ts";
import { buildEvidenceIndex } from "../../../src/engine/build-evidence-index.ts";
import { identifierFeature } from "../../../src/engine/match-identifiers.ts";

/** Four changes name the vendor's product (PayGrid); only one names the failing endpoint. */
const change = (id: string, title: string, description: string) => ({
  id,
  at: "2026-02-01T10:00:00Z",
  source: "vendor_deploy",
  scope: "global",
  title,
  description,
  productArea: "payouts",
});
const bundle = caseBundleSchema.parse({
  escalation: { id: "E-1", openedAt: "2026-02-05T12:00:00Z", summary: "Payouts broken" },
  account: { id: "A-1", name: "Harbor Co" },
  tickets: [
    {
      id: "T-1",
      subject: "Payouts failing",
      description: "No payouts since Monday.",
      status: "open",
      priority: "urgent",
      createdAt: "2026-02-04T09:00:00Z",
      tags: ["payouts", "escalation"],
      comments: [
        {
          at: "2026-02-04T10:00:00Z",
          author: "agent",
          body: "PayGrid rejects every call to POST /v1/payouts/bulk with 409 Conflict.",
        },
      ],
    },
  ],
  changes: [
    change("C-BULK", "PayGrid payouts: bulk endpoint", "Payouts now use POST /v1/payouts/bulk at PayGrid."),
    change("C-A", "PayGrid receipts", "PayGrid receipts in PDF."),
    change("C-B", "PayGrid currencies", "PayGrid adds three currencies."),
    change("C-C", "PayGrid dashboard", "PayGrid dashboard redesign."),
  ],
});

describe("identifier matching", () => {
  const ctx = buildContext(buildEvidenceIndex(bundle), []);
  const points = (id: string) => {
    const item = ctx.ws.items.get(id);
    return item ? (identifierFeature(ctx, item)?.value ?? 0) : 0;
  };

  it("counts a string every change names for less than one only the cause names", () => {
    expect(ctx.profile.identifiers.map((i) => i.text)).toEqual(
      expect.arrayContaining(["PayGrid", "/v1/payouts/bulk"]),
    );
    expect(points("C-A")).toBeGreaterThan(0);
    expect(points("C-A")).toBeLessThan(1.5);
    expect(points("C-BULK")).toBeGreaterThanOrEqual(points("C-A") + 1.5);
  });

  it("says which strings other changes share", () => {
    const item = ctx.ws.items.get("C-A");
    expect(item && identifierFeature(ctx, item)?.note).toContain("also in other changes");
  });
});
