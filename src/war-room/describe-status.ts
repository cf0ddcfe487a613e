/**
 * `/escalate status`: where an escalation stands, in a few lines: hypotheses, the finding, follow-ups.
 */
import { type Mention, mention, type TextPart, withMentions } from "../domain/message-text.ts";
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
  return `not yet in the ${kb}: ${finding.kbAttempts} attempt${finding.kbAttempts === 1 ? "" : "s"}, last error: ${(finding.kbLastError ?? "unknown").replace(/\.?$/, ".")} It is kept here and retried (with a nightly sweep) until it lands.`;
}

/** One line per follow-up, with where it stands in the CRM when it goes there. */
function followUpLines(tasks: TaskRecord[], crm: string): TextPart[][] {
  return tasks.map((t) => {
    const state = t.status === "done" ? "done" : "open";
    const inCrm =
      t.crmSynced === "none"
        ? ""
        : t.crmSynced === "pending"
          ? `; not yet in ${crm}${t.crmError ? ` (${t.crmError})` : ""}`
          : `; in ${crm}`;
    return withMentions`Follow-up ${describeTask(t)} — ${state}${inCrm}`;
  });
}

/** "confirmed by @a @b" as text with mentions. */
function people(label: string, userIds: string[]): TextPart[] {
  if (userIds.length === 0) return [];
  const mentions: TextPart[] = userIds.flatMap((u, i): (string | Mention)[] =>
    i ? [" ", mention(u)] : [mention(u)],
  );
  return [`, ${label} `, ...mentions];
}

/** A status report: lines of text, with the people who gave verdicts mentioned. */
export async function describeStatus(escalationId: string, deps: WarRoomDeps): Promise<TextPart[]> {
  const escalation = await getEscalation(deps.db, escalationId);
  if (!escalation) return [`No escalation ${escalationId}.`];
  const hypotheses = await listHypotheses(deps.db, escalationId);
  const finding = await getFinding(deps.db, escalationId);
  const age = Math.round((deps.clock.now().getTime() - escalation.openedAt.getTime()) / 3_600_000);
  const lines: TextPart[][] = [
    [
      `${escalation.id} · ${escalation.accountName} · ${escalation.severity} · ${escalation.status} · opened ${age} h ago`,
    ],
    ...hypotheses.map(
      (h) =>
        withMentions`${MARK[h.status]} round ${h.round} #${h.hypothesis.rank} ${h.hypothesis.title} (${h.status}${people("confirmed by", h.confirmedBy)}${people("rejected by", h.rejectedBy)})`,
    ),
    [finding ? `Finding: ${finding.title} — ${syncState(finding, deps.knowledge.name)}` : "No finding yet."],
    ...followUpLines(await listTasks(deps.db, escalationId), deps.crm.name),
  ];
  return lines.flatMap((line, i) => (i ? ["\n", ...line] : line));
}
