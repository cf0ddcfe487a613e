/**
 * Invites the war-room team: the requester, the account's CSM (by the CRM owner's email) and whoever the
 * routing rules name. One person who cannot be found or invited never stops the rest; the room is told.
 */
import type { CaseBundle } from "../domain/case-bundle.ts";
import type { RoomRef } from "../ports/chat-platform.ts";
import { type EscalationRecord, recordTimelineEvent } from "../storage/escalation-store.ts";
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
    const userId = await deps.chat.findUserByEmail(email).catch(() => null);
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
    const users = await deps.chat.usersInGroup(group).catch(() => null);
    if (users) found.push(...users.map((userId) => ({ userId, role: "responder" })));
    else missing.push(`group ${group} (not found)`);
  }
  return found;
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
  const invitees: Invitee[] = [
    ...(escalation.requestedBy && escalation.origin !== "terminal"
      ? [{ userId: escalation.requestedBy, role: "requester" }]
      : []),
    ...(account?.ownerEmail ? await lookUp([account.ownerEmail], "csm", deps, missing) : []),
    ...targets.users.map((userId) => ({ userId, role: "responder" })),
    ...(await lookUp(targets.emails, "responder", deps, missing)),
    ...(await expandGroups(targets.groups, deps, missing)),
  ];
  const unique = [...new Map(invitees.map((i) => [i.userId, i])).values()];
  if (unique.length === 0 && missing.length === 0) return;
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
    data: { invited: result.invited, problems, rules: targets.rules },
  });
  if (problems.length > 0) {
    await deps.chat.post(room, {
      kind: "text",
      text: `Could not invite: ${problems.join("; ")}. Add them by hand if they should be here.`,
    });
  }
}
