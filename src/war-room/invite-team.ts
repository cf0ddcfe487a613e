/**
 * Invites the war-room team: the requester, the account's CSM (by the CRM owner's email) and whoever the
 * routing rules name. One person who cannot be found or invited never stops the rest; the room is told.
 */
import type { CaseBundle } from "../domain/case-bundle.ts";
import { NotFoundError } from "../errors.ts";
import type { RoomRef } from "../ports/chat-platform.ts";
import {
  type EscalationRecord,
  listTimelineEvents,
  recordTimelineEvent,
} from "../storage/escalation-store.ts";
import { addMembers } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { route } from "./routing-rules.ts";

interface Invitee {
  userId: string;
  role: string;
}

async function lookUp(
  emails: string[],
  role: string,
  deps: WarRoomDeps,
  missing: string[],
): Promise<Invitee[]> {
  const found: Invitee[] = [];
  for (const email of emails) {
    // Not found is an answer; any other failure (rate limit, auth, network) fails the job, which retries.
    const userId = await deps.chat.findUserByEmail(email);
    if (userId) found.push({ userId, role });
    else missing.push(`${email} (no ${deps.chat.kind} user with that email)`);
  }
  return found;
}

async function expandGroups(groups: string[], deps: WarRoomDeps, missing: string[]): Promise<Invitee[]> {
  const found: Invitee[] = [];
  for (const group of groups) {
    if (!deps.chat.usersInGroup) {
      missing.push(`group ${group} (${deps.chat.kind} has no user groups)`);
      continue;
    }
    const users = await deps.chat.usersInGroup(group).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (users) found.push(...users.map((userId) => ({ userId, role: "responder" })));
    else missing.push(`group ${group} (not found)`);
  }
  return found;
}

async function alreadyAsked(escalationId: string, deps: WarRoomDeps): Promise<Set<string>> {
  const events = await listTimelineEvents(deps.db, escalationId, "invited");
  return new Set(
    events.flatMap((e) => (Array.isArray(e.data.attempted) ? (e.data.attempted as string[]) : [])),
  );
}

/** Invites everyone who should be in the room; `productAreas` lets rules by product area apply. */
export async function inviteTeam(
  escalation: EscalationRecord,
  room: RoomRef,
  bundle: CaseBundle,
  productAreas: string[],
  deps: WarRoomDeps,
): Promise<void> {
  const targets = route(deps.routing, {
    segment: bundle.account.segment,
    severity: escalation.severity,
    arr: bundle.account.arr,
    productAreas,
  });
  const missing: string[] = [];
  const account = await deps.crm.getAccount(escalation.accountId);
  // Who was already asked for, by this job's earlier attempts or the first pass: not again, not reported again.
  const asked = await alreadyAsked(escalation.id, deps);
  const fresh = <T>(items: T[], key: (t: T) => string) => items.filter((t) => !asked.has(key(t)));
  // A CRM-triggered escalation knows its requester (the case owner) by email; chat requests by user id.
  const byEmail = escalation.origin === "salesforce";
  const requester =
    escalation.requestedBy && escalation.origin !== "terminal" && !byEmail ? [escalation.requestedBy] : [];
  const requesterEmails = fresh(
    byEmail && escalation.requestedBy ? [escalation.requestedBy] : [],
    (e) => `email:${e}`,
  );
  const csmEmails = fresh(account?.ownerEmail ? [account.ownerEmail] : [], (e) => `email:${e}`);
  const userIds = fresh([...requester, ...targets.users], (u) => `user:${u}`);
  const emails = fresh(targets.emails, (e) => `email:${e}`);
  const groups = fresh(targets.groups, (g) => `group:${g}`);
  const attempted = [
    ...userIds.map((u) => `user:${u}`),
    ...[...requesterEmails, ...csmEmails, ...emails].map((e) => `email:${e}`),
    ...groups.map((g) => `group:${g}`),
  ];
  if (attempted.length === 0) return;
  const invitees: Invitee[] = [
    ...userIds.map((userId) => ({ userId, role: requester.includes(userId) ? "requester" : "responder" })),
    ...(await lookUp(requesterEmails, "requester", deps, missing)),
    ...(await lookUp(csmEmails, "csm", deps, missing)),
    ...(await lookUp(emails, "responder", deps, missing)),
    ...(await expandGroups(groups, deps, missing)),
  ];
  const unique = [...new Map(invitees.map((i) => [i.userId, i])).values()];
  const result = await deps.chat.invite(
    room,
    unique.map((i) => i.userId),
  );
  await addMembers(
    deps.db,
    escalation.id,
    unique.filter((i) => result.invited.includes(i.userId)),
  );
  const problems = [...missing, ...result.failed.map((f) => `${f.user} (${f.reason})`)];
  await recordTimelineEvent(deps.db, {
    escalationId: escalation.id,
    kind: "invited",
    data: { invited: result.invited, problems, rules: targets.rules, attempted },
  });
  if (problems.length > 0) {
    await deps.chat.post(
      room,
      {
        kind: "text",
        text: `Could not invite: ${problems.join("; ")}. Add them by hand if they should be here.`,
      },
      // One note per round of invites (the team, then each set of product areas), posted once.
      { key: { escalationId: escalation.id, name: `invite-problems:${productAreas.join(",") || "team"}` } },
    );
  }
}
