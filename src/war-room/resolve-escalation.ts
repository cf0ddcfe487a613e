/**
 * Resolution: a confirmed hypothesis becomes a finding. The form is pre-filled from the analysis; the
 * finding is committed locally first and a job writes it to the knowledge base (retried until it lands).
 */

import { caseBundleSchema } from "../domain/case-bundle.ts";
import { CATEGORY_INFO, type Category } from "../domain/categories.ts";
import { lifecycleMonth } from "../domain/lifecycle.ts";
import { mention, withMentions } from "../domain/message-text.ts";
import { InputError } from "../errors.ts";
import { recordWarRoomResolved } from "../metrics/metrics.ts";
import {
  findOtherOpenEscalation,
  getEscalation,
  getKnowledgeMatches,
  recordTimelineEvent,
  setEscalationStatus,
} from "../storage/escalation-store.ts";
import { saveFinding } from "../storage/finding-store.ts";
import { getAnalysis, getHypothesis, listHypotheses } from "../storage/hypothesis-store.ts";
import { markEventProcessed } from "../storage/processed-events.ts";
import { getWarRoom, latestEvidenceSnapshot, markArchived } from "../storage/war-room-store.ts";
import { needsArticle } from "../use-cases/match-knowledge.ts";
import type { WarRoomDeps } from "./deps.ts";
import { evidenceNames } from "./hypothesis-views.ts";
import { SYNC_FINDING_JOB } from "./job-names.ts";
import { productAreasOf } from "./product-areas.ts";

/** What the resolution form shows and returns. */
export interface ResolutionDraft {
  escalationId: string;
  hypothesisId: string;
  title: string;
  category: Category;
  rootCause: string;
  contributingFactors: string[];
  resolutionSteps: string;
  preventiveActions: string[];
  /** Why the hypotheses the team rejected were ruled out: one "- title: why" line each. */
  rejectedNotes: string;
  /** The product areas the cause lives in (recurring patterns group by them); derived when empty. */
  productAreas: string[];
}

/**
 * The form, pre-filled from a hypothesis (given by id), or from the escalation's confirmed (else best)
 * hypothesis and its analysis.
 */
export async function draftResolution(
  target: { escalationId: string } | { hypothesisId: string },
  deps: WarRoomDeps,
): Promise<ResolutionDraft> {
  const given = "hypothesisId" in target ? await getHypothesis(deps.db, target.hypothesisId) : null;
  const escalationId = "escalationId" in target ? target.escalationId : given?.escalationId;
  if (!escalationId) throw new InputError("that hypothesis no longer exists");
  const all = await listHypotheses(deps.db, escalationId);
  const chosen =
    given ??
    all.find((h) => h.status === "confirmed") ??
    all.find((h) => h.status !== "rejected") ??
    all.at(-1);
  if (!chosen) throw new InputError(`escalation ${escalationId} has no hypotheses to resolve from yet`);
  const analysis = await getAnalysis(deps.db, escalationId, chosen.round);
  const bundle = caseBundleSchema.parse(await latestEvidenceSnapshot(deps.db, escalationId));
  const names = evidenceNames(bundle);
  const h = chosen.hypothesis;
  return {
    escalationId,
    hypothesisId: chosen.id,
    title: h.title,
    category: h.category,
    rootCause: `${h.title}. ${h.rationale}`.trim(),
    contributingFactors: h.evidence.slice(1).map((id) => names[id] ?? id),
    resolutionSteps: h.checks.map((c) => `- ${c}`).join("\n"),
    preventiveActions: analysis?.preventiveMeasures ?? [],
    rejectedNotes: all
      .filter((r) => r.status === "rejected")
      .map((r) => `- ${r.hypothesis.title}: `)
      .join("\n"),
    productAreas: productAreasOf(bundle, h.evidence),
  };
}

/**
 * Stores the finding, marks the escalation resolved and queues the knowledge-base write; with the
 * platform's `eventId`, a redelivered submission changes nothing.
 */
export async function resolveEscalation(
  draft: ResolutionDraft,
  confirmedBy: string,
  deps: WarRoomDeps,
  options: { eventId?: string } = {},
): Promise<"resolved" | "duplicate"> {
  const escalation = await getEscalation(deps.db, draft.escalationId);
  if (!escalation) throw new InputError(`no escalation ${draft.escalationId}`);
  const bundle = caseBundleSchema.parse(await latestEvidenceSnapshot(deps.db, draft.escalationId));
  const lifecycle = lifecycleMonth(bundle.account.contractStart, escalation.openedAt);
  const cited = (await getHypothesis(deps.db, draft.hypothesisId))?.hypothesis.evidence ?? [];
  const productAreas =
    draft.productAreas.length > 0
      ? draft.productAreas
      : productAreasOf(bundle, cited, draft.contributingFactors.join(" ") + draft.rootCause);
  const matches = await getKnowledgeMatches(deps.db, draft.escalationId);
  const done = await deps.db.transaction(async (tx) => {
    // A redelivered submission (the platform's delivery id seen before) saves nothing a second time.
    if (options.eventId && !(await markEventProcessed(tx, deps.chat.kind, options.eventId))) return false;
    await saveFinding(tx, {
      escalationId: draft.escalationId,
      title: draft.title,
      category: draft.category,
      rootCause: draft.rootCause,
      contributingFactors: draft.contributingFactors,
      resolution: draft.resolutionSteps,
      prevention: draft.preventiveActions,
      metadata: {
        hypothesisId: draft.hypothesisId,
        accountId: escalation.accountId,
        accountName: escalation.accountName,
        segment: bundle.account.segment ?? null,
        industry: bundle.account.industry ?? null,
        arr: bundle.account.arr ?? null,
        lifecycleMonth: lifecycle,
        productAreas,
        dimension: CATEGORY_INFO[draft.category].dimension,
        preventableBy: CATEGORY_INFO[draft.category].preventableBy,
        openedAt: escalation.openedAt.toISOString(),
        resolvedAt: deps.clock.now().toISOString(),
        rejectedNotes: draft.rejectedNotes,
      },
      confirmedBy: [confirmedBy],
      needsArticle: needsArticle(matches, draft.category),
    });
    await setEscalationStatus(tx, draft.escalationId, "resolved", deps.clock.now());
    await recordTimelineEvent(tx, {
      escalationId: draft.escalationId,
      kind: "resolved",
      actor: confirmedBy,
      data: { category: draft.category },
    });
    await deps.queue.send(SYNC_FINDING_JOB, { escalationId: draft.escalationId }, { tx });
    return true;
  });
  if (!done) return "duplicate";
  recordWarRoomResolved();
  const warRoom = await getWarRoom(deps.db, draft.escalationId);
  if (warRoom)
    await deps.chat.post(warRoom.room, {
      kind: "text",
      text: withMentions`Resolved by ${mention(confirmedBy)}: ${draft.title} (${draft.category}). Writing the finding to the knowledge base…`,
    });
  return "resolved";
}

/** Reopens a resolved escalation (unless the account has another open one). */
export async function reopenEscalation(
  escalationId: string,
  userId: string,
  deps: WarRoomDeps,
): Promise<void> {
  const escalation = await getEscalation(deps.db, escalationId);
  if (!escalation) throw new InputError(`no escalation ${escalationId}`);
  const other = await findOtherOpenEscalation(deps.db, escalation.accountId, escalationId);
  if (other)
    throw new InputError(
      `${escalation.accountName} already has an open escalation (${other}); work there instead`,
    );
  await deps.db.transaction(async (tx) => {
    await setEscalationStatus(tx, escalationId, "open", deps.clock.now());
    await recordTimelineEvent(tx, { escalationId, kind: "reopened", actor: userId });
  });
}

/** Closes an escalation; archives its room when configured. */
export async function closeEscalation(
  escalationId: string,
  userId: string,
  deps: WarRoomDeps,
): Promise<void> {
  await setEscalationStatus(deps.db, escalationId, "closed", deps.clock.now());
  await recordTimelineEvent(deps.db, { escalationId, kind: "closed", actor: userId });
  const warRoom = await getWarRoom(deps.db, escalationId);
  if (warRoom && deps.archiveOnClose && deps.chat.archive && !warRoom.archivedAt) {
    await deps.chat.archive(warRoom.room);
    await markArchived(deps.db, escalationId);
  }
}
