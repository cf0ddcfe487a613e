/**
 * The shapes of what Slack posts to /slack/events, as far as Bolt's routing and warroom's listeners read
 * them: slash commands (a form), interactivity (a form whose `payload` is JSON) and Events API callbacks
 * (JSON). Extra fields pass; a missing or mistyped field that something reads is a 400 at the edge, never
 * a TypeError inside Bolt (which answered 500 or, for a `null` body, took the process down).
 */
import { z } from "zod";
import { SEVERITIES } from "../../src/domain/case-bundle.ts";
import { ACTIONS, COMMAND, SHORTCUT, VIEWS } from "./ids.ts";

const id = z.string().min(1).max(255);
const short = z.string().max(255);
const ref = z.looseObject({ id });
/** `team` and `enterprise` are null in org-wide installs. */
const nullableRef = z.looseObject({ id: id.optional(), enterprise_id: short.nullish() }).nullish();

/** The account choice a "choose account" button carries (handlers/slack/render-outcome.ts). */
export const pendingChoiceSchema = z.object({
  accountId: id,
  summary: z.string().max(3000),
  severity: z.enum(SEVERITIES),
  private: z.boolean(),
});

/** private_metadata of the escalate modal. */
export const escalateMetadataSchema = z.looseObject({ channelId: id });
/** private_metadata of the follow-up modal. */
export const followUpMetadataSchema = z.looseObject({ escalationId: id });
/** private_metadata of the resolution modal. */
export const resolutionMetadataSchema = z.looseObject({ escalationId: id, hypothesisId: id, title: short });

const hypothesisId = z.string().regex(/^\d{1,18}$/, "expected a hypothesis id (digits)");

function json<S extends z.ZodType>(schema: S) {
  return z.string().transform((text, ctx) => {
    try {
      return schema.parse(JSON.parse(text));
    } catch {
      ctx.addIssue({ code: "custom", message: "expected the JSON warroom put there" });
      return z.NEVER;
    }
  });
}

/** The radar alert's buttons carry the alert's id. */
const ALERT_ACTIONS = [ACTIONS.openFromAlert, ACTIONS.dismissAlert];
const alertId = z.string().regex(/^\d{1,18}$/, "expected an alert id");

/*
 * Only warroom's own ids: Bolt answers anything no listener acks with a 404 after holding the request
 * three seconds, and logs an error for each.
 */
const OUR_ACTIONS = new RegExp(
  `^(${[ACTIONS.confirm, ACTIONS.reject, ACTIONS.recordResolution, ACTIONS.addFollowUp, ...ALERT_ACTIONS].join("|")}|${ACTIONS.chooseAccount}_\\d+)$`,
);
const ourAction = short.regex(OUR_ACTIONS, "not one of warroom's buttons");
const ourView = z.enum(
  [VIEWS.escalate, VIEWS.resolution, VIEWS.followUp, VIEWS.dismissAlert],
  "not one of warroom's modals",
);

const action = z
  .looseObject({
    action_id: ourAction,
    block_id: short.optional(),
    type: short,
    value: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    const check = (schema: z.ZodType) => {
      const parsed = schema.safeParse(a.value);
      if (!parsed.success)
        ctx.addIssue({ code: "custom", path: ["value"], message: parsed.error.issues[0]?.message ?? "" });
    };
    if ([ACTIONS.confirm, ACTIONS.reject, ACTIONS.recordResolution].includes(a.action_id as never))
      check(hypothesisId);
    if (a.action_id.startsWith(ACTIONS.chooseAccount)) check(json(pendingChoiceSchema));
    if (a.action_id === ACTIONS.addFollowUp) check(id);
    if (ALERT_ACTIONS.includes(a.action_id as never)) check(alertId);
  });

const interactive = {
  user: z.looseObject({ id, team_id: short.optional() }),
  team: nullableRef,
  enterprise: nullableRef,
  channel: ref.optional(),
  trigger_id: id.optional(),
  response_url: z.url().optional(),
  is_enterprise_install: z.boolean().optional(),
};

const option = z.looseObject({ value: z.string().max(2000) });
/** One input's state in a submitted modal: what readEscalateModal, readResolutionModal and readFollowUpModal read. */
const inputState = z.looseObject({
  type: short.optional(),
  value: z.string().max(3000).nullish(),
  selected_option: option.nullish(),
  selected_options: z.array(option).max(100).nullish(),
  selected_user: short.nullish(),
  selected_date: short.nullish(),
});

const view = z
  .looseObject({
    id: short.optional(),
    callback_id: ourView,
    private_metadata: z.string().max(3000),
    app_installed_team_id: short.nullish(),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), inputState)) }),
  })
  .superRefine((v, ctx) => {
    const meta =
      v.callback_id === VIEWS.escalate
        ? json(escalateMetadataSchema)
        : v.callback_id === VIEWS.resolution
          ? json(resolutionMetadataSchema)
          : v.callback_id === VIEWS.followUp
            ? json(followUpMetadataSchema)
            : v.callback_id === VIEWS.dismissAlert
              ? alertId
              : undefined;
    if (meta && !meta.safeParse(v.private_metadata).success)
      ctx.addIssue({
        code: "custom",
        path: ["private_metadata"],
        message: "expected the JSON warroom put there",
      });
  });

/** An interactivity payload (the `payload` field of the form, parsed). */
export const interactivePayloadSchema = z.discriminatedUnion("type", [
  z.looseObject({
    type: z.literal("block_actions"),
    ...interactive,
    // warroom's buttons are all on messages, which always carry a response_url (the listeners answer there).
    response_url: z.url(),
    actions: z.array(action).min(1).max(25),
  }),
  z.looseObject({
    type: z.literal("block_suggestion"),
    ...interactive,
    action_id: z.literal(ACTIONS.accountPicker),
    block_id: short,
    value: z.string().max(2000),
  }),
  z.looseObject({ type: z.literal("view_submission"), ...interactive, view }),
  z.looseObject({
    type: z.literal("message_action"),
    ...interactive,
    callback_id: z.literal(SHORTCUT),
    trigger_id: id,
    channel: ref,
    message: z.looseObject({ ts: short, text: z.string().optional() }),
  }),
]);

/** A slash command as the form fields Slack sends (each a single string). */
export const slashCommandSchema = z.looseObject({
  command: z.literal(COMMAND),
  text: z.string().max(4000),
  user_id: id,
  channel_id: id,
  team_id: id,
  response_url: z.url(),
  trigger_id: id,
  enterprise_id: short.optional(),
  is_enterprise_install: z.enum(["true", "false"]).optional(),
});

const event = z
  .looseObject({
    type: short,
    user: z.union([short, ref]).optional(),
    channel: z.union([short, ref]).optional(),
    channel_id: short.optional(),
    item: z
      .looseObject({ type: short.optional(), channel: short.optional(), ts: short.optional() })
      .optional(),
    reaction: short.optional(),
    tab: short.optional(),
  })
  .superRefine((e, ctx) => {
    const isReaction = e.type === "reaction_added" || e.type === "reaction_removed";
    if (isReaction && (typeof e.user !== "string" || typeof e.reaction !== "string" || !e.item))
      ctx.addIssue({ code: "custom", message: "a reaction event needs user, reaction and item" });
    if (isReaction && e.item?.type === "message" && (!e.item.channel || !e.item.ts))
      ctx.addIssue({
        code: "custom",
        path: ["item"],
        message: "a reaction on a message needs its channel and ts",
      });
    if (e.type === "app_home_opened" && typeof e.user !== "string")
      ctx.addIssue({ code: "custom", path: ["user"], message: "app_home_opened needs the user" });
  });

/** An Events API request body. */
export const eventsBodySchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("url_verification"), challenge: z.string().max(1000) }),
  z.looseObject({
    type: z.literal("event_callback"),
    event_id: short,
    team_id: short.optional(),
    enterprise_id: short.nullish(),
    authorizations: z
      .array(
        z.looseObject({
          team_id: short.nullish(),
          enterprise_id: short.nullish(),
          user_id: short.optional(),
        }),
      )
      .optional(),
    event,
  }),
  z.looseObject({ type: z.literal("app_rate_limited") }),
]);
