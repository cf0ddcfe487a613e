/**
 * Requests for bench/slack-fuzz.ts: real shapes of what Slack posts to /slack/events (a slash command,
 * block_actions, view_submission, block_suggestion, a message shortcut, Events API callbacks), each aimed
 * at nothing that opens a war-room (unknown hypothesis ids and accounts), and seeded mutations of them:
 * nulls, missing fields, wrong types, huge strings, deep nesting, bad Unicode, repeated form fields.
 */
import { ACTIONS, COMMAND, INPUTS, SHORTCUT, VIEWS } from "../../integrations/slack/ids.ts";
import { isDeepMarker, type Json, mutateJson, stringifyFuzzed } from "../../tests/support/fuzz-json.ts";

export { seededRandom } from "../../tests/support/fuzz-json.ts";

/** One request body and its content type (the bench signs it). */
export interface SlackRequest {
  kind: string;
  body: string;
  contentType: "application/x-www-form-urlencoded" | "application/json";
}

/** What real payloads need from the fake Slack. */
export interface FuzzContext {
  teamId: string;
  botUserId: string;
  responseUrl(): string;
  issueTriggerId(): string;
}

const USER = "U01ALICE0";
/** Replaced by a fresh trigger id in the one request sent (the fake Slack checks them, once each). */
const TRIGGER = "__TRIGGER__";
/** Likewise a fresh response_url (Slack, and the fake, take five answers on one). */
const RESPONSE = "__RESPONSE__";

function interactive(ctx: FuzzContext): Record<string, Json> {
  return {
    user: { id: USER, username: "alice", team_id: ctx.teamId },
    team: { id: ctx.teamId, domain: "acme" },
    api_app_id: "A1",
    token: "x",
    trigger_id: TRIGGER,
  };
}

const button = (ctx: FuzzContext, actionId: string, value: string): Record<string, Json> => ({
  type: "block_actions",
  ...interactive(ctx),
  container: { type: "message", message_ts: "1700000000.000100", channel_id: "C0FUZZ001" },
  channel: { id: "C0FUZZ001", name: "fuzz" },
  response_url: RESPONSE,
  message: { type: "message", ts: "1700000000.000100", text: "" },
  actions: [{ action_id: actionId, block_id: "b", value, type: "button", action_ts: "1700000001.0001" }],
});

const escalateView = (ctx: FuzzContext): Record<string, Json> => ({
  type: "view_submission",
  ...interactive(ctx),
  view: {
    id: "V0FUZZ",
    callback_id: VIEWS.escalate,
    private_metadata: JSON.stringify({ channelId: "C0FUZZ001" }),
    state: {
      values: {
        [INPUTS.account]: {
          [ACTIONS.accountPicker]: { type: "external_select", selected_option: { value: "ACC-9999" } },
        },
        [INPUTS.summary]: { s: { type: "plain_text_input", value: "printer on fire" } },
        [INPUTS.severity]: { v: { type: "static_select", selected_option: { value: "high" } } },
      },
    },
  },
});

const event = (ctx: FuzzContext, inner: Record<string, Json>, n: number): Record<string, Json> => ({
  token: "x",
  team_id: ctx.teamId,
  api_app_id: "A1",
  type: "event_callback",
  event_id: `Ev0FUZZ${n}`,
  event_time: 1700000000,
  event: inner,
  authorizations: [{ team_id: ctx.teamId, user_id: ctx.botUserId, is_bot: true }],
});

/** The real payloads, as JSON values (forms as field maps, interactivity as its `payload`). */
export function basePayloads(ctx: FuzzContext, n: number): { kind: string; form?: boolean; value: Json }[] {
  const command = (text: string): Record<string, Json> => ({
    token: "x",
    team_id: ctx.teamId,
    team_domain: "acme",
    channel_id: "C0FUZZ001",
    channel_name: "general",
    user_id: USER,
    user_name: "alice",
    command: COMMAND,
    text,
    api_app_id: "A1",
    response_url: RESPONSE,
    trigger_id: TRIGGER,
  });
  const pending = JSON.stringify({ accountId: "ACC-9999", summary: "x", severity: "high", private: false });
  return [
    { kind: "command", form: true, value: command(n % 2 ? "help" : "status") },
    { kind: "block_actions", value: button(ctx, n % 2 ? ACTIONS.confirm : ACTIONS.reject, "999999") },
    { kind: "block_actions", value: button(ctx, `${ACTIONS.chooseAccount}_0`, pending) },
    { kind: "view_submission", value: escalateView(ctx) },
    {
      kind: "block_suggestion",
      value: {
        type: "block_suggestion",
        ...interactive(ctx),
        action_id: ACTIONS.accountPicker,
        block_id: INPUTS.account,
        value: "zzyzx",
      },
    },
    {
      kind: "message_action",
      value: {
        type: "message_action",
        ...interactive(ctx),
        callback_id: SHORTCUT,
        channel: { id: "C0FUZZ001" },
        message: { ts: "1700000000.000100", text: "printer on fire" },
      },
    },
    {
      kind: "event",
      value: event(
        ctx,
        {
          type: "reaction_added",
          user: USER,
          reaction: "white_check_mark",
          item: { type: "message", channel: "C0FUZZ001", ts: "1700000000.000100" },
          event_ts: "1.1",
        },
        n,
      ),
    },
    { kind: "event", value: event(ctx, { type: "app_home_opened", user: USER, tab: "messages" }, n) },
    {
      kind: "event",
      value: event(ctx, { type: "message", user: USER, channel: "C0FUZZ001", text: "hello", ts: "1.2" }, n),
    },
  ];
}

function render(kind: string, form: boolean | undefined, value: unknown, depth = 5000): SlackRequest {
  if (form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>))
      params.append(k, typeof v === "string" && !isDeepMarker(v) ? v : stringifyFuzzed(v, depth));
    return { kind, body: params.toString(), contentType: "application/x-www-form-urlencoded" };
  }
  if (kind === "event") return { kind, body: stringifyFuzzed(value, depth), contentType: "application/json" };
  const body = new URLSearchParams({ payload: stringifyFuzzed(value, depth) }).toString();
  return { kind, body, contentType: "application/x-www-form-urlencoded" };
}

/** A request: a real payload, or (when `fuzz`) a mutated one; a few are raw oddities. */
export function nextRequest(ctx: FuzzContext, n: number, random: () => number, fuzz: boolean): SlackRequest {
  const request = build(ctx, n, random, fuzz);
  const body = request.body
    .replace(TRIGGER, () => ctx.issueTriggerId())
    .replace(RESPONSE, () => encodeURIComponent(ctx.responseUrl()));
  return { ...request, body };
}

function build(ctx: FuzzContext, n: number, random: () => number, fuzz: boolean): SlackRequest {
  const bases = basePayloads(ctx, n);
  const base = bases[n % bases.length]!;
  if (!fuzz) return render(base.kind, base.form, base.value);
  const roll = random();
  if (roll < 0.03) return { kind: "raw", body: "null", contentType: "application/json" };
  if (roll < 0.06)
    return { kind: "raw", body: "payload=null", contentType: "application/x-www-form-urlencoded" };
  if (roll < 0.08)
    return {
      kind: "raw",
      body: `${base.form ? "command=%2Fescalate&" : ""}${render(base.kind, base.form, base.value).body}`,
      contentType: "application/x-www-form-urlencoded",
    };
  let value = mutateJson(base.value, random);
  if (random() < 0.3) value = mutateJson(value, random);
  return render(base.kind, base.form, value, random() < 0.5 ? 50 : 5000);
}
