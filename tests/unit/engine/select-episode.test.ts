import { describe, expect, it } from "vitest";
import { type CaseBundle, caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import { buildContext } from "../../../src/engine/build-context.ts";
import { buildEvidenceIndex } from "../../../src/engine/build-evidence-index.ts";
import { analyzeWithEvidence } from "../../../src/engine/evidence-engine.ts";
import { prepareWorkset } from "../../../src/engine/prepare-workset.ts";
import { scoreChangeCandidates } from "../../../src/engine/score-change-candidates.ts";
import { expandEpisode, selectCore } from "../../../src/engine/select-episode.ts";

/**
 * An account whose escalation summary is terse: the ticket worded most like it is a side question opened
 * after an unrelated config change, while the urgent ticket's comments hold the error string that names
 * the deploy's API path and the real start ("Tuesday of last week").
 */
const raw = {
  escalation: { id: "ESC-T", openedAt: "2026-05-15T12:00:00Z", summary: "Exports are broken" },
  account: { id: "A-ORCH", name: "Orchard Analytics", contractStart: "2025-06-01" },
  tickets: [
    {
      id: "T-HOWTO",
      subject: "How do I schedule an export?",
      description: "Where is the export scheduler?",
      status: "closed",
      priority: "low",
      createdAt: "2026-05-01T10:00:00Z",
      closedAt: "2026-05-01T12:00:00Z",
      resolution: "Pointed to Settings > Exports.",
      tags: ["how-to", "exports"],
    },
    {
      id: "T-URG",
      subject: "URGENT: a week of nightly reports never reached our data lake",
      description: "Our analysts have had no fresh data for days and the board pack is due.",
      status: "open",
      priority: "urgent",
      createdAt: "2026-05-13T08:00:00Z",
      tags: ["exports", "escalation"],
      comments: [
        {
          at: "2026-05-13T10:00:00Z",
          author: "agent",
          body: 'Job log: since Tuesday of last week, 02:10 UTC, every nightly run ends with "413 PAYLOAD_TOO_LARGE on PUT /v2/buckets/reports/objects" and the file is dropped.',
        },
      ],
    },
    {
      id: "T-SIDE",
      subject: "Can we get a list of the exports that did not arrive?",
      description: "Finance wants to know which exports are broken.",
      status: "open",
      priority: "normal",
      createdAt: "2026-05-14T15:00:00Z",
      tags: ["exports"],
    },
    {
      id: "T-BILL",
      subject: "Invoice shows the wrong seat count",
      description: "We are billed for 40 seats but have 32.",
      status: "open",
      priority: "normal",
      createdAt: "2026-05-12T09:00:00Z",
      tags: ["billing"],
    },
  ],
  changes: [
    {
      id: "C-UPLOAD",
      at: "2026-05-04T20:00:00Z",
      source: "vendor_deploy",
      scope: "global",
      title: "report-delivery 5.0: single-request uploads",
      description:
        "Finished files now go to customer storage in one PUT /v2/buckets/reports/objects request instead of chunks.",
      productArea: "report-delivery",
    },
    {
      id: "C-CACHE",
      at: "2026-05-14T09:00:00Z",
      source: "vendor_config",
      scope: "global",
      title: "Dashboards cache for 5 minutes instead of 15",
      description: "Fresher numbers on busy dashboards.",
      productArea: "dashboards",
    },
  ],
};
const bundle: CaseBundle = caseBundleSchema.parse(raw);
const withSummary = (summary: string): CaseBundle => ({
  ...bundle,
  escalation: { ...bundle.escalation, summary },
});
const ids = (tickets: readonly { id: string }[]) => tickets.map((t) => t.id).sort();

describe("episode selection", () => {
  it("widens the episode from a side question to the urgent ticket of the same product area", () => {
    const ws = prepareWorkset(bundle);
    const side = ws.tickets.filter((t) => t.id === "T-SIDE");
    expect(ids(expandEpisode(ws, side))).toEqual(["T-URG"]);
  });

  it("leaves out open tickets about something else", () => {
    const ws = prepareWorkset(bundle);
    const urgent = ws.tickets.filter((t) => t.id === "T-URG");
    expect(ids(expandEpisode(ws, urgent))).not.toContain("T-BILL");
  });

  it("falls back to the open urgent tickets when the summary matches no ticket", () => {
    const ws = prepareWorkset(withSummary("customer escalated, very unhappy"));
    expect(ids(selectCore(ws, new Map()))).toEqual(["T-URG"]);
  });

  it("keeps a closed ticket that says what the summary says over unrelated urgent ones", () => {
    const ws = prepareWorkset(withSummary("How do I schedule an export?"));
    expect(ids(selectCore(ws, new Map([["T-HOWTO", 1]])))).toEqual(["T-HOWTO"]);
  });
});

describe("terse summaries", () => {
  it("reads the onset and the error string from the urgent ticket's comments", () => {
    const { profile } = buildEvidenceIndex(bundle);
    expect(profile.focusIds).toEqual(expect.arrayContaining(["T-SIDE", "T-URG"]));
    expect(new Date(profile.onset).toISOString()).toBe("2026-05-05T02:10:00.000Z");
    expect(profile.identifiers.map((i) => i.text)).toContain("/v2/buckets/reports/objects");
  });

  it("scores the change named by the comments' API path, not the one before the side question", () => {
    const ctx = buildContext(buildEvidenceIndex(bundle), []);
    const upload = scoreChangeCandidates(ctx).find((c) => c.causalId === "C-UPLOAD");
    expect(upload?.features.find((f) => f.name === "change.identifiers")?.note).toContain(
      "/v2/buckets/reports/objects",
    );
    for (const summary of ["Exports are broken", "customer angry about reports", "it's broken again"]) {
      const [top] = analyzeWithEvidence(withSummary(summary)).hypotheses;
      expect(top?.evidence[0], summary).toBe("C-UPLOAD");
    }
  });
});
