/**
 * `/escalate status`: where an escalation stands, in a few lines: hypotheses, the finding, follow-ups.
 */
import { getEscalation } from "../storage/escalation-store.ts";
import { type FindingRecord, getFinding } from "../storage/finding-store.ts";
import { listHypotheses } from "../storage/hypothesis-store.ts";
import { listTasks, type TaskRecord } from "../storage/task-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { describeTask } from "./follow-up-tasks.ts";

const MARK = { proposed: "·", confirmed: "✅", rejected: "❌", disputed: "⚖️" } as const;

/** Where the finding stands in the outbox. */
function syncState(finding: FindingRecord, kb: string): string {
  if (finding.kbSyncState === "synced")
    return `saved in the ${kb}${finding.kbUrl ? ` (${finding.kbUrl})` : ""}`;
  if (finding.kbAttempts === 0) return `waiting to be written to the ${kb}`;
  return `not yet in the ${kb}: ${finding.kbAttempts} attempt${finding.kbAttempts === 1 ? "" : "s"}, last error: ${finding.kbLastError ?? "unknown"}. It is kept here and retried (with a nightly sweep) until it lands.`;
}

/** One line per follow-up, with where it stands in the CRM when it goes there. */
function followUpLines(tasks: TaskRecord[], crm: string): string[] {
  return tasks.map((t) => {
    const state = t.status === "done" ? "done" : "open";
    const inCrm =
      t.crmSynced === "none"
        ? ""
        : t.crmSynced === "pending"
          ? `; not yet in ${crm}${t.crmError ? ` (${t.crmError})` : ""}`
          : `; in ${crm}`;
    return `Follow-up ${describeTask(t)} — ${state}${inCrm}`;
  });
}

/** A plain-text status report. */
export async function describeStatus(escalationId: string, deps: WarRoomDeps): Promise<string> {
  const escalation = await getEscalation(deps.db, escalationId);
  if (!escalation) return `No escalation ${escalationId}.`;
  const hypotheses = await listHypotheses(deps.db, escalationId);
  const finding = await getFinding(deps.db, escalationId);
  const age = Math.round((deps.clock.now().getTime() - escalation.openedAt.getTime()) / 3_600_000);
  const lines = [
    `${escalation.id} · ${escalation.accountName} · ${escalation.severity} · ${escalation.status} · opened ${age} h ago`,
    ...hypotheses.map(
      (h) =>
        `${MARK[h.status]} round ${h.round} #${h.hypothesis.rank} ${h.hypothesis.title} (${h.status}${h.confirmedBy.length ? `, confirmed by ${h.confirmedBy.map((u) => `<@${u}>`).join(" ")}` : ""}${h.rejectedBy.length ? `, rejected by ${h.rejectedBy.map((u) => `<@${u}>`).join(" ")}` : ""})`,
    ),
    finding ? `Finding: ${finding.title} — ${syncState(finding, deps.knowledge.name)}` : "No finding yet.",
    ...followUpLines(await listTasks(deps.db, escalationId), deps.crm.name),
  ];
  return lines.join("\n");
}
