/**
 * The catch-up for someone who joins a war-room late (or asks with `/escalate catchup`): what happened,
 * the account in one line, the hypotheses and their verdicts, who is on it, open follow-ups, what is
 * being checked now and the last 5 notable events. Built from warroom's own records only, so it works
 * offline and on any platform. It is composed as plain text with people written `<@id>` (the form the
 * LLM's rewording keeps), then handed to the platform as words and mentions: only the ids of people
 * warroom itself names (members, verdicts, follow-up owners, actors) become mentions, so a `<@…>` or
 * `<!channel>` someone typed into a summary or a task stays words (escaped by the platform).
 */
import { type CaseBundle, caseBundleSchema } from "../domain/case-bundle.ts";
import { mention, renderParts, type TextPart } from "../domain/message-text.ts";
import { formatAmount } from "../domain/money.ts";
import { listWarRoomMembers } from "../storage/catch-up-store.ts";
import { type EscalationRecord, getEscalation, listTimelineEvents } from "../storage/escalation-store.ts";
import { type HypothesisRecord, listHypotheses } from "../storage/hypothesis-store.ts";
import { latestEvidenceSnapshot } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { describeEvent, isNotable, who } from "./describe-events.ts";
import { describeTask, listOpenTasks } from "./follow-up-tasks.ts";
import { llmViewOf } from "./read-llm-view.ts";

const HOUR = 3_600_000;
const MARK = { proposed: "·", confirmed: "✅", rejected: "❌", disputed: "⚖️" } as const;
const ROLE: Readonly<Record<string, string>> = { requester: "requester", csm: "CSM", responder: "responder" };

/** "35 min", "5 h", "3 days". */
export function describeAge(ms: number): string {
  if (ms < HOUR) return `${Math.max(0, Math.round(ms / 60_000))} min`;
  if (ms < 48 * HOUR) return `${Math.round(ms / HOUR)} h`;
  return `${Math.round(ms / (24 * HOUR))} days`;
}

function accountLine(bundle: CaseBundle | null, escalation: EscalationRecord, now: Date): string {
  const a = bundle?.account;
  if (!a) return `${escalation.accountName} (${escalation.accountId})`;
  const renewal = a.renewalDate
    ? `renewal in ${Math.ceil((Date.parse(a.renewalDate) - now.getTime()) / (24 * HOUR))} days`
    : undefined;
  return [
    `${a.name} (${a.id})`,
    a.segment,
    a.arr !== undefined ? `ARR ${formatAmount(a.arr)}` : undefined,
    renewal,
    a.healthScore !== undefined ? `health ${a.healthScore}/100` : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
}

function hypothesisLine(h: HypothesisRecord): string {
  const by = (users: string[], verb: string) =>
    users.length ? `, ${verb} by ${users.map(who).join(" ")}` : "";
  return `${MARK[h.status]} #${h.hypothesis.rank} ${h.hypothesis.title} (${h.status}${by(h.confirmedBy, "confirmed")}${by(h.rejectedBy, "rejected")})`;
}

/** The checks of the latest round's hypotheses nobody has settled yet, most likely first. */
function beingChecked(escalation: EscalationRecord, latest: HypothesisRecord[]): string[] {
  if (escalation.status !== "open") return [`nothing: the escalation is ${escalation.status}`];
  const confirmed = latest.find((h) => h.status === "confirmed");
  if (confirmed) return [`nothing open: #${confirmed.hypothesis.rank} is confirmed; the resolution is next`];
  const open = latest.filter((h) => h.status === "proposed" || h.status === "disputed").slice(0, 3);
  return open.map((h) => `☐ ${h.hypothesis.checks[0]} (#${h.hypothesis.rank})`);
}

/** A catch-up as plain text, with the ids of the people it names (those its `<@id>` may mention). */
export interface ComposedCatchUp {
  text: string;
  people: string[];
}

/** The text of `composed` (or a rewording of it) as words and mentions of the people it names. */
export function withPeople(text: string, people: readonly string[]): TextPart[] {
  const known = new Set(people);
  return text
    .split(/(<@[^<>\s]+>)/)
    .filter(Boolean)
    .map((piece) => {
      const id = /^<@([^<>\s]+)>$/.exec(piece)?.[1];
      return id && known.has(id) ? mention(id) : piece;
    });
}

/** The catch-up of an escalation as words and mentions, or null when there is none. */
export async function buildCatchUp(escalationId: string, deps: WarRoomDeps): Promise<TextPart[] | null> {
  const composed = await composeCatchUp(escalationId, deps);
  return composed && withPeople(composed.text, composed.people);
}

/** The catch-up of an escalation as plain text, or null when there is none. */
export async function composeCatchUp(
  escalationId: string,
  deps: WarRoomDeps,
): Promise<ComposedCatchUp | null> {
  const escalation = await getEscalation(deps.db, escalationId);
  if (!escalation) return null;
  const now = deps.clock.now();
  const snapshot = await latestEvidenceSnapshot(deps.db, escalationId);
  const bundle = snapshot ? caseBundleSchema.parse(snapshot) : null;
  const all = await listHypotheses(deps.db, escalationId);
  const round = Math.max(0, ...all.map((h) => h.round));
  const latest = all.filter((h) => h.round === round);
  const view = await llmViewOf(escalationId, round, deps.db);
  const members = await listWarRoomMembers(deps.db, escalationId);
  const followUps = await listOpenTasks(deps.db, escalationId);
  const events = (await listTimelineEvents(deps.db, escalationId)).filter(isNotable).slice(-5);
  const list = (items: string[], none: string) => (items.length ? items.map((i) => `  ${i}`) : [`  ${none}`]);
  const people = [
    ...members.map((m) => m.userId),
    ...latest.flatMap((h) => [...h.confirmedBy, ...h.rejectedBy]),
    ...followUps.map((f) => f.owner),
    ...events.flatMap((e) => (e.actor ? [e.actor] : [])),
  ];
  const text = [
    `Catch-up on ${escalation.id} — opened ${describeAge(now.getTime() - escalation.openedAt.getTime())} ago · ${escalation.severity} · ${escalation.status}`,
    `What happened: ${escalation.summary}`,
    `Account: ${accountLine(bundle, escalation, now)}`,
    `Hypotheses${round > 1 ? ` (round ${round})` : ""}:`,
    ...list(latest.map(hypothesisLine), "none yet: the analysis is running"),
    ...(view?.note ? [`  ${view.note}`] : []),
    `Who is on it: ${members.map((m) => `${who(m.userId)}${ROLE[m.role] ? ` (${ROLE[m.role]})` : ""}`).join(", ") || "nobody yet"}`,
    "Open follow-ups:",
    ...list(
      followUps.map((task) =>
        renderParts(
          describeTask(task),
          (words) => words,
          (userId) => `<@${userId}>`,
        ),
      ),
      "none",
    ),
    "Being checked now:",
    ...list(beingChecked(escalation, latest), "nothing open"),
    "Last 5 notable events:",
    ...list(
      events.map((e) => describeEvent(e, all)),
      "none yet",
    ),
  ].join("\n");
  return { text, people: [...new Set(people)] };
}
