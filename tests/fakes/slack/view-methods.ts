/** views.open / views.push / views.update of the fake Slack: trigger ids, view limits and view stacks. */
import {
  fail,
  invalidArguments,
  isRecord,
  type MethodContext,
  type MethodHandler,
  ok,
  readJson,
  readString,
  type SlackReply,
} from "./slack-args.ts";
import { type FakeView, nextId, type SlackState, unixNow } from "./slack-state.ts";
import { checkString, checkText, validateBlocks } from "./validate-blocks.ts";

const MAX_VIEW_BLOCKS = 100;
const MAX_STACK = 3;

/** Problems with a modal view (empty when valid), as Slack lists them under `/view`. */
export function validateView(view: Record<string, unknown>): string[] {
  const issues: string[] = [];
  if (view.type !== "modal") issues.push("must be one of modal [json-pointer:/view/type]");
  checkText(issues, view.title, "/view/title", { max: 24, plainOnly: true });
  checkText(issues, view.submit, "/view/submit", { max: 24, plainOnly: true, required: false });
  checkText(issues, view.close, "/view/close", { max: 24, plainOnly: true, required: false });
  checkString(issues, view.private_metadata, "/view/private_metadata", 3000);
  checkString(issues, view.callback_id, "/view/callback_id", 255);
  checkString(issues, view.external_id, "/view/external_id", 255);
  issues.push(...validateBlocks(view.blocks, "/view/blocks", MAX_VIEW_BLOCKS));
  if (view.submit === undefined && Array.isArray(view.blocks)) {
    const input = view.blocks.findIndex((b) => isRecord(b) && b.type === "input");
    if (input >= 0) {
      issues.push(
        `must define \`submit\` to use an \`input\` block in modals [json-pointer:/view/blocks/${input}]`,
      );
    }
  }
  return issues;
}

/** The view argument, or Slack's reply when it is missing or invalid. */
function readView(ctx: MethodContext): Record<string, unknown> | SlackReply {
  const arg = readJson(ctx.args, "view");
  if (!arg) return invalidArguments("missing required field: view");
  if ("invalid" in arg || !isRecord(arg.value))
    return invalidArguments("must provide an object [json-pointer:/view]");
  const issues = validateView(arg.value);
  return issues.length > 0 ? invalidArguments(...issues) : arg.value;
}

/** Exchanges a trigger id once, within its lifetime. */
function useTrigger(state: SlackState, triggerId: string | undefined): { viewId?: string } | SlackReply {
  if (!triggerId) return invalidArguments("missing required field: trigger_id");
  const trigger = state.triggers.get(triggerId);
  if (!trigger) return fail("invalid_trigger_id");
  if (trigger.used) return fail("exchanged_trigger_id");
  if (Date.now() - trigger.issuedAt > state.triggerTtlMs) return fail("expired_trigger_id");
  trigger.used = true;
  return trigger.viewId ? { viewId: trigger.viewId } : {};
}

function isReply(value: object): value is SlackReply {
  return "ok" in value && typeof value.ok === "boolean";
}

function newHash(state: SlackState): string {
  return `${unixNow()}.${nextId(state, "").replace(/^0+/, "").padStart(8, "0")}`;
}

/** A view as the Web API returns it. */
export function viewJson(state: SlackState, view: FakeView): Record<string, unknown> {
  return {
    ...view.view,
    id: view.id,
    team_id: state.team.id,
    type: view.type,
    blocks: view.blocks,
    private_metadata: view.private_metadata,
    callback_id: view.callback_id,
    external_id: view.external_id,
    state: { values: {} },
    hash: view.hash,
    root_view_id: view.root_view_id,
    previous_view_id: view.previous_view_id,
    app_id: "A0000000001",
    bot_id: state.bot.bot_id,
  };
}

function storeView(
  ctx: MethodContext,
  body: Record<string, unknown>,
  stack: { triggerId?: string; parent?: FakeView },
): FakeView {
  const id = nextId(ctx.state, "V");
  const view: FakeView = {
    id,
    ...(stack.triggerId ? { trigger_id: stack.triggerId } : {}),
    type: typeof body.type === "string" ? body.type : "modal",
    callback_id: typeof body.callback_id === "string" ? body.callback_id : "",
    external_id: typeof body.external_id === "string" ? body.external_id : "",
    private_metadata: typeof body.private_metadata === "string" ? body.private_metadata : "",
    title: body.title,
    blocks: Array.isArray(body.blocks) ? body.blocks : [],
    hash: newHash(ctx.state),
    root_view_id: stack.parent?.root_view_id ?? id,
    previous_view_id: stack.parent?.id ?? null,
    view: body,
    versions: 1,
  };
  ctx.state.views.set(id, view);
  return view;
}

const open: MethodHandler = (ctx) => {
  const body = readView(ctx);
  if (isReply(body)) return body;
  const triggerId = readString(ctx.args, "trigger_id") ?? readString(ctx.args, "interactivity_pointer");
  const trigger = useTrigger(ctx.state, triggerId);
  if (isReply(trigger)) return trigger;
  const view = storeView(ctx, body, triggerId ? { triggerId } : {});
  return ok({ view: viewJson(ctx.state, view) });
};

const push: MethodHandler = (ctx) => {
  const body = readView(ctx);
  if (isReply(body)) return body;
  const triggerId = readString(ctx.args, "trigger_id") ?? readString(ctx.args, "interactivity_pointer");
  const trigger = useTrigger(ctx.state, triggerId);
  if (isReply(trigger)) return trigger;
  // A trigger from a modal interaction names its view; otherwise the latest modal is the one on screen.
  const parent = trigger.viewId ? ctx.state.views.get(trigger.viewId) : [...ctx.state.views.values()].at(-1);
  if (!parent) return fail("not_found");
  const depth = [...ctx.state.views.values()].filter((v) => v.root_view_id === parent.root_view_id).length;
  if (depth >= MAX_STACK) return fail("push_limit_reached");
  const view = storeView(ctx, body, { parent, ...(triggerId ? { triggerId } : {}) });
  return ok({ view: viewJson(ctx.state, view) });
};

const update: MethodHandler = (ctx) => {
  const viewId = readString(ctx.args, "view_id");
  const externalId = readString(ctx.args, "external_id");
  if (!viewId && !externalId) return invalidArguments("must provide view_id or external_id");
  const body = readView(ctx);
  if (isReply(body)) return body;
  const view = viewId
    ? ctx.state.views.get(viewId)
    : [...ctx.state.views.values()].find((v) => v.external_id === externalId);
  if (!view) return fail("not_found");
  const hash = readString(ctx.args, "hash");
  if (hash && hash !== view.hash) return fail("hash_conflict");
  Object.assign(view, {
    view: body,
    title: body.title,
    blocks: Array.isArray(body.blocks) ? body.blocks : [],
    callback_id: typeof body.callback_id === "string" ? body.callback_id : view.callback_id,
    private_metadata: typeof body.private_metadata === "string" ? body.private_metadata : "",
    hash: newHash(ctx.state),
    versions: view.versions + 1,
  });
  return ok({ view: viewJson(ctx.state, view) });
};

/** views.publish: a user's App Home tab (type home, at most 100 blocks). */
const publish: MethodHandler = (ctx) => {
  const userId = readString(ctx.args, "user_id");
  if (!userId) return invalidArguments("missing required field: user_id");
  if (!ctx.state.users.has(userId)) return fail("user_not_found");
  const arg = readJson(ctx.args, "view");
  if (!arg || "invalid" in arg || !isRecord(arg.value))
    return invalidArguments("must provide an object [json-pointer:/view]");
  const view = arg.value;
  const issues =
    view.type === "home"
      ? validateBlocks(view.blocks, "/view/blocks", MAX_VIEW_BLOCKS)
      : ["must be one of home [json-pointer:/view/type]"];
  if (issues.length > 0) return invalidArguments(...issues);
  ctx.state.homes.set(userId, view);
  return ok({ view: { id: `VH${userId}`, type: "home", blocks: view.blocks } });
};

/** The views methods by name. */
export const viewMethods: Record<string, MethodHandler> = {
  "views.publish": publish,
  "views.open": open,
  "views.push": push,
  "views.update": update,
};
