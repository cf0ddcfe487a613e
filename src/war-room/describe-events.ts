/**
 * A war-room's timeline in words, for the catch-up: which events people care about when they arrive, and
 * one line for each. Bookkeeping events (a triage announcement, a link note posted) are left out.
 */
import type { HypothesisRecord } from "../storage/hypothesis-store.ts";
import { LLM_VIEW_EVENT } from "./read-llm-view.ts";

/** A timeline event as the store returns it. */
export interface TimelineEvent {
  at: Date;
  kind: string;
  actor: string | null;
  data: Record<string, unknown>;
}

const NOTABLE = new Set([
  "requested",
  "room-created",
  "invited",
  "analysed",
  LLM_VIEW_EVENT,
  "verdict-add",
  "verdict-withdraw",
  "resolved",
  "reopened",
  "closed",
  "finding-synced",
  "crm-case-linked",
]);

/** Whether the catch-up lists this event. */
export const isNotable = (event: TimelineEvent): boolean => NOTABLE.has(event.kind);

/** A user id as a mention; a CRM requester's email (or the terminal's) as it is. */
export const who = (actor: string | null): string =>
  !actor ? "someone" : actor.includes("@") ? actor : `<@${actor}>`;

function describeVerdict(event: TimelineEvent, hypotheses: HypothesisRecord[]): string {
  const h = hypotheses.find((x) => x.id === String(event.data.hypothesisId));
  const name = h ? `#${h.hypothesis.rank} ${h.hypothesis.title}` : "a hypothesis";
  const verb = event.data.verdict === "confirm" ? "confirmed" : "rejected";
  return event.kind === "verdict-add"
    ? `${who(event.actor)} ${verb} ${name}`
    : `${who(event.actor)} took back their "${verb}" on ${name}`;
}

function describeLlmView(data: Record<string, unknown>): string {
  if (data.outcome !== "answered")
    return "the LLM did not answer in time; the evidence engine's hypotheses stand";
  const added = Number(data.added ?? 0);
  return `the LLM ${data.agrees ? "agreed" : "differed"} on the top cause and added ${added} hypothesis${added === 1 ? "" : "es"}`;
}

/** One line: "2026-12-06 14:02 UTC — <@U1> confirmed #1 Renamed fields". */
export function describeEvent(event: TimelineEvent, hypotheses: HypothesisRecord[]): string {
  const d = event.data;
  const count = (key: string) => (Array.isArray(d[key]) ? (d[key] as unknown[]).length : 0);
  const lines: Record<string, () => string> = {
    requested: () => `${who(event.actor)} asked for the war-room`,
    "room-created": () => `the room ${String(d.name ?? "")} was opened`.replace("  ", " "),
    invited: () =>
      `${count("invited")} ${count("invited") === 1 ? "person" : "people"} invited${count("problems") ? `, ${count("problems")} could not be` : ""}`,
    analysed: () => `round ${String(d.round)} of hypotheses proposed (${String(d.engine)} engine)`,
    [LLM_VIEW_EVENT]: () => describeLlmView(d),
    resolved: () =>
      `${who(event.actor)} recorded the resolution${d.category ? ` (${String(d.category)})` : ""}`,
    reopened: () => `${who(event.actor)} reopened the escalation`,
    closed: () => `${who(event.actor)} closed the escalation`,
    "finding-synced": () => "the finding was saved in the knowledge base",
    "crm-case-linked": () => `CRM case ${String(d.caseNumber ?? d.caseId)} of the account was linked`,
  };
  const text = event.kind.startsWith("verdict-")
    ? describeVerdict(event, hypotheses)
    : (lines[event.kind]?.() ?? event.kind);
  return `${event.at.toISOString().slice(0, 16).replace("T", " ")} UTC — ${text}`;
}
