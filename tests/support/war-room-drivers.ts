/**
 * The same war-room driven on Slack and on Teams: each driver starts warroom as `serve` does with its
 * platform's fake, and speaks to it the way that platform does (a slash command or an @mention, reaction
 * events, Block Kit buttons or Action.Execute invokes). Platform-neutral tests are written once against
 * this interface (tests/integration/war-room/).
 */
import { vi } from "vitest";
import {
  ACTIONS,
  INPUTS,
  VERDICT_REACTIONS as SLACK_REACTIONS,
  VIEWS,
} from "../../integrations/slack/ids.ts";
import { slackMessageRef } from "../../integrations/slack/message-ref.ts";
import { teamsMessageRef } from "../../integrations/teams/message-ref.ts";
import type { Services } from "../../src/app.ts";
import type { DatabaseConfig } from "../../src/config.ts";
import type { FakeUser } from "../fakes/teams/index.ts";
import { conversationMembers } from "../fakes/teams/teams-state.ts";
import { startSlackHarness } from "./slack-harness.ts";
import { startTeamsHarness } from "./teams-harness.ts";
import { databaseEnv } from "./warroom-harness.ts";

/** A message in a room as a test sees it. */
export interface DriverMessage {
  ref: string;
  /** Everything the platform holds of it (text, blocks or card), as JSON. */
  json: string;
  /** The hypothesis id its buttons carry, when it is a hypothesis. */
  hypothesisId?: string;
}

/** A warroom on one platform, driven like that platform's users drive it. */
export interface WarRoomDriver {
  platform: "slack" | "teams";
  services: Services;
  /** Platform user ids: the requester, a colleague, someone who is never invited, the sample CSM, the bot. */
  users: { alice: string; bob: string; outsider: string; csm: string; bot: string };
  /** How a person appears in "confirmed by" on this platform. */
  shown(userId: string): string;
  escalate(user: string, text: string): Promise<void>;
  /** Everything the platform told requesters so far, as JSON. */
  answers(): string;
  messages(roomId: string): DriverMessage[];
  isResolutionPrompt(message: DriverMessage): boolean;
  react(
    user: string,
    ref: string,
    verdict: "confirm" | "reject",
    change: "add" | "remove",
    deliveryId: string,
  ): Promise<void>;
  click(user: string, roomId: string, message: DriverMessage, verdict: "confirm" | "reject"): Promise<void>;
  members(roomId: string): string[];
  /** A channel that is not a war-room, where people ask for one. */
  lobby: string;
  /** A command typed in the war-room (`task …`, `done 1`, `catchup`, `close`), as the platform sends it. */
  say(user: string, roomId: string, text: string): Promise<void>;
  /**
   * The summary's "Add follow-up": opens the form as `user` and submits it; returns what the platform
   * answered to the opening and to the submission, as JSON (Slack: the form's field errors, if any).
   */
  addFollowUpByForm(
    user: string,
    roomId: string,
    escalationId: string,
    form: { owner: string; ownerEmail: string; text: string; due?: string },
  ): Promise<string>;
  /** Everything the people in a war-room were told so far (replies to them and the room's messages), as JSON. */
  heard(roomId: string): string;
  /** Everything the platform showed in answer to subcommands typed in a room, as JSON. */
  answersIn(roomId: string): string;
  /** The person joins the room (again: the platform redelivers a join of someone already in). */
  join(user: string, roomId: string): Promise<void>;
  /** Catch-ups the person got on joining the room, as text. */
  catchUps(roomId: string, user: string): string[];
  close(): Promise<void>;
}

const reactionOf = (table: Readonly<Record<string, "confirm" | "reject">>, verdict: string) =>
  Object.entries(table).find(([, v]) => v === verdict)![0];

/** What a test may change in the warroom a driver starts: where it keeps its state, more environment. */
export interface DriverOptions {
  database?: DatabaseConfig;
  /**
   * More environment variables (a `CRM_DATA_DIR`, `ADMIN_USERS`), or a function of the users' emails for
   * variables that name people (Teams makes its user ids at start).
   */
  env?: Record<string, string> | ((emails: { alice: string; bob: string }) => Record<string, string>);
}

const envOf = (options: DriverOptions, emails: { alice: string; bob: string }) =>
  typeof options.env === "function" ? options.env(emails) : (options.env ?? {});

/** Slack: /escalate, reaction events, Block Kit buttons. */
export async function slackDriver(options: DriverOptions = {}): Promise<WarRoomDriver> {
  const env = {
    ...(options.database ? databaseEnv(options.database) : {}),
    ...envOf(options, { alice: "alice@example.com", bob: "bob@example.com" }),
  };
  const h = await startSlackHarness({ env });
  const csm = h.fake.addUser({
    id: "U0CSMPRIY",
    name: "priya",
    real_name: "Priya Raman",
    email: "priya.raman@csm.warroom-demo.example",
  });
  return {
    platform: "slack",
    services: h.services,
    users: {
      alice: "U01ALICE0",
      bob: "U01BOB000",
      outsider: "U01CAROL0",
      csm: csm.id,
      bot: h.fake.botUserId,
    },
    shown: (u) => `<@${u}>`,
    escalate: async (user, text) => void (await (await h.command(user, text)).text()),
    answers: () => JSON.stringify(h.fake.responses),
    messages: (roomId) =>
      h.fake.messages(roomId).map((m) => {
        const json = JSON.stringify(m.blocks ?? m.text);
        return {
          ref: slackMessageRef(roomId, m.ts),
          json,
          hypothesisId: json.includes(ACTIONS.confirm) ? /"value":"(\d+)"/.exec(json)?.[1] : undefined,
        };
      }),
    isResolutionPrompt: (m) => m.json.includes(ACTIONS.recordResolution),
    async react(user, ref, verdict, change, deliveryId) {
      const [, channel, ts] = ref.split(":");
      const event = {
        type: change === "add" ? "reaction_added" : "reaction_removed",
        user,
        reaction: reactionOf(SLACK_REACTIONS, verdict),
        item: { type: "message", channel, ts },
        event_ts: "1.1",
      };
      await (await h.postEvent(event, deliveryId)).text();
    },
    async click(user, roomId, message, verdict) {
      const ts = message.ref.split(":")[2]!;
      const action = verdict === "confirm" ? ACTIONS.confirm : ACTIONS.reject;
      await (await h.postForm(h.button(user, action, message.hypothesisId ?? "", roomId, ts))).text();
    },
    members: (roomId) => h.fake.channel(roomId)?.members ?? [],
    lobby: "C-GENERAL",
    async addFollowUpByForm(user, roomId, escalationId, form) {
      const summary = h.fake
        .messages(roomId)
        .find((m) => JSON.stringify(m.blocks).includes(ACTIONS.addFollowUp))!;
      const [views, responses] = [h.fake.views.length, h.fake.responses.length];
      const clicked = await (
        await h.postForm(h.button(user, ACTIONS.addFollowUp, escalationId, roomId, summary.ts))
      ).text();
      // The form opens, or the person is told why not.
      const view = await vi.waitFor(
        () => {
          const opened = h.fake.views.slice(views).find((v) => v.callback_id === VIEWS.followUp);
          if (!opened && h.fake.responses.length === responses) throw new Error("no answer yet");
          return opened;
        },
        { timeout: 20_000, interval: 100 },
      );
      if (!view) return JSON.stringify({ clicked, responses: h.fake.responses.slice(responses) });
      const values = {
        [INPUTS.taskOwner]: { [INPUTS.taskOwner]: { type: "users_select", selected_user: form.owner } },
        [INPUTS.taskText]: { [INPUTS.taskText]: { type: "plain_text_input", value: form.text } },
        [INPUTS.taskDue]: { [INPUTS.taskDue]: { type: "datepicker", selected_date: form.due ?? null } },
      };
      const payload = {
        type: "view_submission",
        team: { id: h.fake.teamId, domain: "acme" },
        user: { id: user, team_id: h.fake.teamId },
        api_app_id: "A1",
        token: "x",
        trigger_id: h.fake.issueTriggerId(),
        view: { ...view, team_id: h.fake.teamId, state: { values } },
      };
      return (await h.postForm({ payload: JSON.stringify(payload) })).text();
    },
    say: async (user, roomId, text) => void (await (await h.command(user, text, roomId)).text()),
    heard: (roomId) => JSON.stringify([h.fake.responses, h.fake.messages(roomId)]),
    answersIn: () => JSON.stringify(h.fake.responses),
    async join(user, roomId) {
      if (!h.fake.channel(roomId)?.members.includes(user)) return h.fake.addMember(roomId, user);
      const event = {
        type: "member_joined_channel",
        user,
        channel: roomId,
        channel_type: "C",
        team: h.fake.teamId,
      };
      await (
        await h.postEvent({ ...event, event_ts: (Date.now() / 1000).toFixed(6) }, `Ev${Date.now()}`)
      ).text();
    },
    catchUps: (roomId, user) =>
      h.fake.ephemerals.filter((e) => e.channel === roomId && e.user === user).map((e) => e.text),
    close: () => h.close(),
  };
}

/** Teams: @mentions, messageReaction activities, Action.Execute invokes, all signed. */
export async function teamsDriver(options: DriverOptions = {}): Promise<WarRoomDriver> {
  const h = await startTeamsHarness({
    ...(options.database ? { database: options.database } : {}),
    env: (fake) => {
      const [alice, bob] = [...fake.state.users.values()];
      return envOf(options, { alice: alice!.email, bob: bob!.email });
    },
  });
  const csm = h.fake.addUser({ name: "Priya Raman", email: "priya.raman@csm.warroom-demo.example" });
  const outsider = h.fake.addUser({ name: "Oscar Outside", email: "oscar@example.com", inTeam: false });
  const bot: FakeUser = { aadObjectId: "", botId: `28:${h.fake.appId}`, name: "warroom", email: "" };
  const person = (id: string): FakeUser => (id === bot.botId ? bot : h.fake.state.users.get(id)!);
  const where = (roomId: string) => ({ conversationId: roomId, channelId: roomId });
  const sign = (activity: Record<string, unknown>, roomId: string) => {
    const a = activity as { from: { aadObjectId?: string }; conversation: { conversationType: string } };
    if (!a.from.aadObjectId) delete a.from.aadObjectId;
    if (roomId.endsWith("@thread.v2")) a.conversation.conversationType = "groupChat";
    return h.send(activity);
  };
  return {
    platform: "teams",
    services: h.services,
    users: {
      alice: h.alice.aadObjectId,
      bob: h.bob.aadObjectId,
      outsider: outsider.aadObjectId,
      csm: csm.aadObjectId,
      bot: bot.botId,
    },
    shown: (u) => person(u).name,
    escalate: async (user, text) => void (await (await h.mention(person(user), `escalate ${text}`)).text()),
    answers: () => JSON.stringify(h.fake.activities(h.general.conversationId)),
    messages: (roomId) =>
      h.fake.activities(roomId).map((a) => {
        const json = JSON.stringify({ text: a.text, card: a.attachments?.[0]?.content });
        return {
          ref: teamsMessageRef(roomId, a.id),
          json,
          hypothesisId: json.includes('"verb":"confirm"')
            ? /"hypothesisId":"(\d+)"/.exec(json)?.[1]
            : undefined,
        };
      }),
    isResolutionPrompt: (m) => m.json.includes("Record resolution"),
    async react(user, ref, verdict, change, deliveryId) {
      const [, conversation, activityId] = ref.split(":").map(decodeURIComponent);
      const reaction = verdict === "confirm" ? "2705_whiteheavycheckmark" : "274c_crossmark";
      const activity = h.activity("message-reaction", person(user), where(conversation!), {
        replyToId: activityId!,
        reaction,
        activityId: deliveryId,
      });
      if (change === "remove") {
        activity.reactionsRemoved = activity.reactionsAdded;
        delete activity.reactionsAdded;
      }
      await (await sign(activity, conversation!)).text();
    },
    async click(user, roomId, message, verdict) {
      const activityId = decodeURIComponent(message.ref.split(":")[2]!);
      const invoke = h.activity("invoke-card-action", person(user), where(roomId), {
        replyToId: activityId,
        verb: verdict,
        title: verdict,
      });
      (invoke.value as { action: { data: unknown } }).action.data = { hypothesisId: message.hypothesisId };
      await (await sign(invoke, roomId)).text();
    },
    members: (roomId) => conversationMembers(h.fake.state, roomId) ?? [],
    lobby: h.fake.state.team.generalChannelId,
    async addFollowUpByForm(user, roomId, escalationId, form) {
      const summary = h.fake
        .activities(roomId)
        .find((a) => JSON.stringify(a.attachments ?? []).includes("followUp"))!;
      const invoke = async (
        fixture: "invoke-task-fetch" | "invoke-task-submit",
        data: Record<string, unknown>,
      ) => {
        const activity = h.activity(fixture, person(user), where(roomId), { replyToId: summary.id });
        (activity.value as { data: unknown }).data = data;
        return (await sign(activity, roomId)).text();
      };
      const opened = await invoke("invoke-task-fetch", {
        msteams: { type: "task/fetch" },
        dialog: "followUp",
        escalationId,
      });
      const submitted = await invoke("invoke-task-submit", {
        dialog: "followUp",
        escalationId,
        owner: form.ownerEmail,
        text: form.text,
        due: form.due ?? "",
      });
      return JSON.stringify({ opened: JSON.parse(opened), submitted: JSON.parse(submitted) });
    },
    async say(user, roomId, text) {
      const activity = h.activity("message-channel-mention", person(user), where(roomId), { text });
      await (await sign(activity, roomId)).text();
    },
    heard: (roomId) =>
      JSON.stringify(
        h.fake.activities(roomId).map((a) => ({ text: a.text, card: a.attachments?.[0]?.content })),
      ),
    // Mentions read as the names people see, as `shown` gives them.
    answersIn: (roomId) =>
      JSON.stringify(h.fake.activities(roomId).map((a) => a.text)).replace(/<\/?at>/g, ""),
    async join(user, roomId) {
      const members = h.fake.state.chats.get(roomId)?.members ?? h.fake.state.team.members;
      if (user !== bot.botId && !members.includes(user)) members.push(user);
      const joiner = person(user);
      const added = h.activity("conversation-update-members-added", h.alice, where(roomId), {
        timestamp: new Date().toISOString(),
        memberBotId: joiner.botId,
        memberAadId: joiner.aadObjectId,
      });
      const entry = (added.membersAdded as Record<string, string>[])[0]!;
      if (!entry.aadObjectId) delete entry.aadObjectId;
      await (await sign(added, roomId)).text();
    },
    catchUps: (roomId, user) =>
      h.fake
        .activities(roomId)
        // Teams has no ephemeral messages: a joiner's catch-up is addressed to them first thing in the room.
        .filter((a) => a.text?.includes(", welcome.") && JSON.stringify(a.entities?.[0] ?? {}).includes(user))
        .map((a) => a.text ?? ""),
    close: () => h.close(),
  };
}
