/**
 * A war-room's whole history written to the database: opened, analysed (round 1), hypotheses confirmed
 * or rejected by people, resolved with a finding. What the outbox, the knowledge base and the digest read.
 */
import type { Hypothesis } from "../../src/domain/analysis.ts";
import type { Category } from "../../src/domain/categories.ts";
import type { Database } from "../../src/storage/database.ts";
import { openEscalation, setEscalationStatus } from "../../src/storage/escalation-store.ts";
import { saveFinding } from "../../src/storage/finding-store.ts";
import { addVerdict, refreshStatus, saveAnalysis } from "../../src/storage/hypothesis-store.ts";

/** What happened in the war-room. */
export interface WarRoomStory {
  accountId: string;
  accountName: string;
  openedAt: Date;
  /** Unresolved when absent. */
  resolvedAt?: Date;
  /** Round 1, best first. */
  hypotheses: { title: string; category: Category; evidence?: string[] }[];
  /** Index of the hypothesis people confirmed (its finding is recorded when resolved). */
  confirmed?: number;
  rejected?: number[];
  /** The validated finding's category (default: the confirmed hypothesis'). */
  findingCategory?: Category;
  rejectedNotes?: string;
  productAreas?: string[];
  /** Seconds from the command to the hypotheses (default: stored when seeded). */
  hypothesesAfterSeconds?: number;
}

/** Writes the story; returns the escalation id. */
export async function seedWarRoom(db: Database, story: WarRoomStory): Promise<string> {
  const opened = await openEscalation(db, {
    accountId: story.accountId,
    accountName: story.accountName,
    summary: `${story.accountName}: ${story.hypotheses[0]?.title ?? "escalation"}`,
    severity: "high",
    origin: "slack",
    requestedBy: "U01ALICE0",
    openedAt: story.openedAt,
  });
  const id = opened.escalation.id;
  const hypotheses: Hypothesis[] = story.hypotheses.map((h, i) => ({
    rank: i + 1,
    title: h.title,
    category: h.category,
    likelihood: 0.5 / (i + 1),
    evidence: h.evidence ?? [`T-${i + 1}`],
    against: [],
    rationale: "because",
    checks: ["look at the log"],
  }));
  const records = await saveAnalysis(db, id, 1, {
    escalationId: id,
    engine: "evidence",
    hypotheses,
    pattern: { verdict: "isolated", relatedEscalations: [], sharedAttributes: [] },
    timeline: [],
    talkingPoints: [],
    preventiveMeasures: [],
  });
  if (story.hypothesesAfterSeconds !== undefined)
    await db.query("UPDATE hypotheses SET created_at = $2 WHERE escalation_id = $1", [
      id,
      new Date(story.openedAt.getTime() + story.hypothesesAfterSeconds * 1000),
    ]);
  const verdict = async (index: number, kind: "confirm" | "reject", user: string) => {
    const record = records[index];
    if (!record) return;
    await addVerdict(db, { hypothesisId: record.id, userId: user, verdict: kind, via: "reaction" });
    await refreshStatus(db, record.id);
  };
  for (const index of story.rejected ?? []) await verdict(index, "reject", "U01BOB000");
  if (story.confirmed !== undefined) await verdict(story.confirmed, "confirm", "U01CAROL0");
  const confirmed = story.confirmed !== undefined ? records[story.confirmed] : undefined;
  if (story.resolvedAt && confirmed) {
    await saveFinding(db, {
      escalationId: id,
      title: confirmed.hypothesis.title,
      category: story.findingCategory ?? confirmed.hypothesis.category,
      rootCause: confirmed.hypothesis.title,
      contributingFactors: [],
      resolution: "fixed",
      prevention: [],
      metadata: {
        hypothesisId: confirmed.id,
        productAreas: story.productAreas ?? [],
        rejectedNotes: story.rejectedNotes ?? "",
      },
      confirmedBy: ["U01CAROL0"],
    });
    await db.query("UPDATE findings SET created_at = $2 WHERE escalation_id = $1", [id, story.resolvedAt]);
  }
  if (story.resolvedAt) await setEscalationStatus(db, id, "resolved", story.resolvedAt);
  return id;
}
