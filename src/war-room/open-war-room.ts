/**
 * The open-war-room job: create the room, invite people, post the context card, analyse, post each
 * hypothesis and the summary. Every step records what it did before the next starts, so a retry after a
 * failure (Slack down, a crash) resumes where it stopped instead of opening a second room.
 */
import { type CaseBundle, caseBundleSchema } from "../domain/case-bundle.ts";
import { formatAmount } from "../domain/money.ts";
import { recordWarRoomOpened } from "../metrics/metrics.ts";
import type { RoomRef } from "../ports/chat-platform.ts";
import { markWarRoomReady } from "../storage/catch-up-store.ts";
import {
  type EscalationRecord,
  getEscalation,
  getEscalationMetadata,
  listTimelineEvents,
  recordTimelineEvent,
  saveKnowledgeMatches,
} from "../storage/escalation-store.ts";
import { listHypotheses, saveAnalysis } from "../storage/hypothesis-store.ts";
import { createLocalEvidence } from "../storage/local-evidence.ts";
import { readTicketTriage } from "../storage/ticket-store.ts";
import {
  getWarRoom,
  latestEvidenceSnapshot,
  saveEvidenceSnapshot,
  saveStandingMessage,
  saveWarRoom,
} from "../storage/war-room-store.ts";
import { analyzeCase } from "../use-cases/analyze-case.ts";
import { buildCaseBundle } from "../use-cases/build-case-bundle.ts";
import { buildContextCard } from "../use-cases/build-context-card.ts";
import { matchKnowledge } from "../use-cases/match-knowledge.ts";
import { warRoomChannelName } from "./channel-name.ts";
import type { WarRoomDeps } from "./deps.ts";
import { inviteTeam } from "./invite-team.ts";
import { linkedCaseNote } from "./poll-escalated-cases.ts";
import { postUnpostedHypotheses, refreshSummary } from "./post-hypotheses.ts";
import { queueLlmView } from "./read-llm-view.ts";
import { messageKey, recoverPostedMessages } from "./recover-posted.ts";

const DAY = 24 * 3600 * 1000;

function topic(escalation: EscalationRecord, bundle: CaseBundle): string {
  const a = bundle.account;
  const arr = a.arr !== undefined ? `ARR ${formatAmount(a.arr)}` : "ARR n/a";
  const renewal = a.renewalDate
    ? `renewal in ${Math.ceil((Date.parse(a.renewalDate) - escalation.openedAt.getTime()) / DAY)} days`
    : "no renewal date";
  return `${escalation.severity.toUpperCase()} · ${a.name} · ${arr} · ${renewal} · ${escalation.summary}`.slice(
    0,
    250,
  );
}

/**
 * Who starts a private room (a platform may create private rooms with their members): the requester, by
 * user id when they asked from this platform, by email when a CRM case named them.
 */
async function startingMembers(escalation: EscalationRecord, deps: WarRoomDeps): Promise<string[]> {
  const by = escalation.requestedBy;
  if (!by) return [];
  if (escalation.origin === deps.chat.kind) return [by];
  if (escalation.origin !== "salesforce") return [];
  const userId = await deps.chat.findUserByEmail(by);
  return userId ? [userId] : [];
}

/**
 * The escalation's room: created (or found, after a lost answer) on a first run; on a resumed run the
 * recorded one, with the messages an interrupted run posted but did not record recovered first.
 */
async function ensureRoom(escalation: EscalationRecord, deps: WarRoomDeps): Promise<RoomRef> {
  const existing = await getWarRoom(deps.db, escalation.id);
  if (existing) {
    await recoverPostedMessages(escalation.id, existing.room, deps);
    return existing.room;
  }
  const isPrivate =
    escalation.severity === "critical" ||
    (await getEscalationMetadata(deps.db, escalation.id)).private === true;
  const room = await deps.chat.createRoom({
    name: warRoomChannelName(escalation.accountName, escalation.openedAt),
    private: isPrivate,
    key: escalation.id,
    members: isPrivate ? await startingMembers(escalation, deps) : [],
  });
  await saveWarRoom(deps.db, escalation.id, room, isPrivate);
  await recordTimelineEvent(deps.db, {
    escalationId: escalation.id,
    kind: "room-created",
    data: { room: room.id, name: room.name },
  });
  recordWarRoomOpened(deps.chat.kind, escalation.openedAt);
  return room;
}

/** Announces a war-room opened from a CRM case in the triage channel, once. */
async function ensureTriageAnnouncement(
  escalation: EscalationRecord,
  room: RoomRef,
  bundle: CaseBundle,
  deps: WarRoomDeps,
): Promise<void> {
  if (escalation.origin !== "salesforce" || !deps.triageChannel) return;
  if ((await listTimelineEvents(deps.db, escalation.id, "triage-announced")).length > 0) return;
  const { caseNumber, caseUrl } = await getEscalationMetadata(deps.db, escalation.id);
  const arr = bundle.account.arr !== undefined ? ` · ARR ${formatAmount(bundle.account.arr)}` : "";
  const source = `Salesforce case ${caseNumber ?? escalation.originRef}${caseUrl ? ` (${caseUrl})` : ""}`;
  await deps.chat.post(
    deps.chat.existingRoom(deps.triageChannel),
    {
      kind: "text",
      text: `New war-room ${room.name} (${room.url}) for ${escalation.accountName}, opened from ${source}: ${escalation.summary} · ${escalation.severity}${arr}`,
    },
    { key: { escalationId: escalation.id, name: "triage-announcement" } },
  );
  await recordTimelineEvent(deps.db, { escalationId: escalation.id, kind: "triage-announced" });
}

/** Notes about cases of the account escalated before this room existed (see poll-escalated-cases.ts). */
async function ensureLinkedCaseNotes(
  escalation: EscalationRecord,
  room: RoomRef,
  deps: WarRoomDeps,
): Promise<void> {
  const posted = new Set(
    (await listTimelineEvents(deps.db, escalation.id, "crm-case-link-posted")).map((e) => e.data.caseId),
  );
  const waiting = (await listTimelineEvents(deps.db, escalation.id, "crm-case-linked")).filter(
    (e) => e.data.posted === false && !posted.has(e.data.caseId),
  );
  for (const link of waiting) {
    const d = link.data as {
      caseId: string;
      caseNumber?: string | null;
      subject?: string;
      url?: string | null;
    };
    await deps.chat.post(
      room,
      { kind: "text", text: linkedCaseNote(d) },
      { key: messageKey.caseLink(escalation.id, d.caseId) },
    );
    await recordTimelineEvent(deps.db, {
      escalationId: escalation.id,
      kind: "crm-case-link-posted",
      data: { caseId: d.caseId },
    });
  }
}

async function ensureBundle(escalation: EscalationRecord, deps: WarRoomDeps): Promise<CaseBundle> {
  const stored = await latestEvidenceSnapshot(deps.db, escalation.id);
  if (stored) return caseBundleSchema.parse(stored);
  const bundle = await buildCaseBundle(
    {
      id: escalation.id,
      accountId: escalation.accountId,
      openedAt: escalation.openedAt,
      summary: escalation.summary,
      severity: escalation.severity,
    },
    { crm: deps.crm, knowledge: deps.knowledge, local: createLocalEvidence(deps.db) },
  );
  // What the knowledge base held for this problem as the room opens: kept for the finding (knowledge gaps).
  const matches = matchKnowledge(bundle.knowledge, { summary: escalation.summary, tickets: bundle.tickets });
  await saveKnowledgeMatches(deps.db, escalation.id, matches);
  await saveEvidenceSnapshot(deps.db, escalation.id, bundle);
  return bundle;
}

async function ensureContextCard(
  escalation: EscalationRecord,
  room: RoomRef,
  bundle: CaseBundle,
  deps: WarRoomDeps,
): Promise<void> {
  if ((await getWarRoom(deps.db, escalation.id))?.contextRef) return;
  const triage = await readTicketTriage(
    deps.db,
    bundle.tickets.map((t) => t.id),
  );
  const ref = await deps.chat.post(
    room,
    {
      kind: "context",
      escalationId: escalation.id,
      summary: escalation.summary,
      severity: escalation.severity,
      card: buildContextCard(bundle, undefined, triage),
    },
    { key: messageKey.context(escalation.id) },
  );
  await saveStandingMessage(deps.db, escalation.id, "context", ref);
}

async function ensureFirstAnalysis(
  escalation: EscalationRecord,
  bundle: CaseBundle,
  deps: WarRoomDeps,
): Promise<void> {
  if ((await listHypotheses(deps.db, escalation.id, 1)).length > 0) return;
  // The evidence engine only: the LLM's view follows as its own job (add-llm-view.ts), never waited for.
  const analysis = await analyzeCase(bundle, {
    engine: "evidence",
    llm: null,
    logger: deps.logger,
    evidence: deps.evidence,
  });
  await deps.db.transaction((tx) => saveAnalysis(tx, escalation.id, 1, analysis));
  await recordTimelineEvent(deps.db, {
    escalationId: escalation.id,
    kind: "analysed",
    data: { round: 1, engine: analysis.engine },
  });
}

/** No ticket, change, earlier escalation or knowledge item: the engine has nothing to cite. */
function hasNothingToAnalyse(bundle: CaseBundle): boolean {
  const { tickets, changes, relatedEscalations, knowledge } = bundle;
  return tickets.length + changes.length + relatedEscalations.length + knowledge.length === 0;
}

/** Tells the room there is nothing to analyse yet, what happens next and what people can do. */
export function nothingToAnalyseText(accountName: string): string {
  return [
    `Nothing to analyse yet: warroom has no tickets, changes, earlier escalations or findings for ${accountName}, so it proposes no hypotheses for now.`,
    "The room stays open: share what you know here (symptoms, ticket numbers, recent changes), log the tickets in the CRM and send changes through the change feed; the next escalation of this account will have them as evidence.",
  ].join("\n");
}

/**
 * A new customer's room (nothing in the CRM or warroom yet): the room, its topic and team, the context
 * card, and a message saying why there are no hypotheses; the engine is not run.
 */
async function openEmptyWarRoom(
  escalation: EscalationRecord,
  bundle: CaseBundle,
  deps: WarRoomDeps,
): Promise<RoomRef> {
  const room = await ensureRoom(escalation, deps);
  await Promise.all([
    deps.chat.setTopic(room, topic(escalation, bundle)),
    inviteTeam(escalation, room, bundle, [], deps),
    ensureTriageAnnouncement(escalation, room, bundle, deps),
    ensureContextCard(escalation, room, bundle, deps),
  ]);
  if ((await listTimelineEvents(deps.db, escalation.id, "nothing-to-analyse")).length === 0) {
    const ref = await deps.chat.post(
      room,
      { kind: "text", text: nothingToAnalyseText(escalation.accountName) },
      { key: messageKey.nothingToAnalyse(escalation.id) },
    );
    await recordTimelineEvent(deps.db, {
      escalationId: escalation.id,
      kind: "nothing-to-analyse",
      data: { ref },
    });
  }
  await markWarRoomReady(deps.db, escalation.id, deps.clock.now());
  await ensureLinkedCaseNotes(escalation, room, deps);
  return room;
}

/** Runs (or resumes) opening the war-room of an escalation. */
export async function openWarRoom(escalationId: string, deps: WarRoomDeps): Promise<RoomRef | null> {
  const escalation = await getEscalation(deps.db, escalationId);
  if (escalation?.status !== "open") return null;
  const bundle = await ensureBundle(escalation, deps);
  if (hasNothingToAnalyse(bundle)) return openEmptyWarRoom(escalation, bundle, deps);
  // The analysis needs only the bundle: it runs while the room is created and the context card posted.
  const analysed = ensureFirstAnalysis(escalation, bundle, deps);
  // Awaited below; handled now so a failure while the room is still being created is never "unhandled"
  // (which would take the process down).
  analysed.catch(() => undefined);
  // Never leave the analysis running detached: a failed room waits for it before the job fails.
  const room = await ensureRoom(escalation, deps).catch(async (error: unknown) => {
    await analysed.catch(() => undefined);
    throw error;
  });
  // Only the messages must wait for each other (the context card first, then each hypothesis in order);
  // the topic and the invites run beside them.
  const sideWork = Promise.all([
    deps.chat.setTopic(room, topic(escalation, bundle)),
    inviteTeam(escalation, room, bundle, [], deps),
    ensureTriageAnnouncement(escalation, room, bundle, deps),
  ]);
  const [views] = await Promise.all([
    // The summary goes before the hypotheses: no verdict can arrive before it exists, so none races its
    // first post (later it is edited in place).
    Promise.all([ensureContextCard(escalation, room, bundle, deps), analysed])
      .then(() => refreshSummary(escalation.id, room, bundle, deps))
      .then(() => postUnpostedHypotheses(escalation.id, room, bundle, deps)),
    sideWork,
  ]);
  // Routing by product area can only be decided once the analysis named one.
  const areas = views
    .flatMap((v) => v.hypothesis.evidence)
    .map((id) => bundle.changes.find((c) => c.id === id)?.productArea)
    .filter((a): a is string => !!a);
  if (areas.length > 0) await inviteTeam(escalation, room, bundle, [...new Set(areas)], deps);
  // From now on a person who joins gets a catch-up (send-catch-up.ts); before, they saw the room built.
  await markWarRoomReady(deps.db, escalation.id, deps.clock.now());
  await ensureLinkedCaseNotes(escalation, room, deps);
  await queueLlmView(escalation.id, 1, deps);
  return room;
}
