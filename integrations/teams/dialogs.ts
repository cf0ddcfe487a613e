/**
 * The dialogs (task modules) and reply cards of the escalation flow: opening an escalation (account
 * typeahead fed by CRM search, summary, severity, private), recording a resolution (pre-filled from the
 * analysis), and picking among similar accounts. Builders and zod readers live together so input ids
 * cannot drift apart; a submitted form that does not read is an InputError naming the field.
 */
import {
  ActionSet,
  ChoiceSetInput,
  ExecuteAction,
  QueryData,
  SubmitAction,
  TextInput,
  ToggleInput,
} from "@microsoft/teams.cards";
import { z } from "zod";
import { SEVERITIES, type Severity } from "../../src/domain/case-bundle.ts";
import { CATEGORIES } from "../../src/domain/categories.ts";
import { describeFirstIssue } from "../../src/domain/describe-issue.ts";
import { InputError } from "../../src/errors.ts";
import { accountChoiceQuestion } from "../../src/war-room/account-choice-question.ts";
import type { ResolutionDraft } from "../../src/war-room/resolve-escalation.ts";
import { ACCOUNT_SEARCH, DIALOGS, VERBS } from "./ids.ts";
import { type AdaptiveCardJson, card, cutWords, fitCard, literal, para } from "./render-parts.ts";

const choices = (values: readonly string[]) => values.map((v) => ({ title: v, value: v }));

/** The escalate form; `summary` pre-fills "what happened" (the message the action was used on). */
export function escalateDialog(summary = ""): AdaptiveCardJson {
  return fitCard([0], () =>
    card([
      new ChoiceSetInput()
        .withId("account")
        .withLabel("Account")
        .withIsRequired(true)
        .withStyle("filtered")
        .withPlaceholder("Type to search the CRM")
        .withOptions({ "choices.data": new QueryData({ dataset: ACCOUNT_SEARCH }) }),
      new TextInput({
        id: "summary",
        label: "What happened",
        isMultiline: true,
        maxLength: 2000,
        isRequired: true,
      }).withValue(cutWords(summary, 2000)),
      new ChoiceSetInput(...choices(SEVERITIES)).withId("severity").withLabel("Severity").withValue("high"),
      new ToggleInput("Private war-room").withId("private").withValueOn("true").withValueOff("false"),
      new ActionSet(new SubmitAction({ title: "Open war-room", data: { dialog: DIALOGS.escalate } })),
    ]),
  );
}

const escalateForm = z.object({
  account: z.string().trim().min(1, "choose an account"),
  summary: z.string().trim().min(1, "say what happened"),
  severity: z.enum(SEVERITIES).default("high"),
  private: z.enum(["true", "false"]).default("false"),
});

/** What the escalate form returned. */
export function readEscalateDialog(data: Record<string, unknown>): {
  accountId: string;
  summary: string;
  severity: Severity;
  private: boolean;
} {
  const form = escalateForm.safeParse(data);
  if (!form.success) throw new InputError(`the escalate form: ${describeFirstIssue(form.error)}`);
  return {
    accountId: form.data.account,
    summary: form.data.summary,
    severity: form.data.severity,
    private: form.data.private === "true",
  };
}

const area = (id: string, label: string, value: string, required = false) =>
  new TextInput({ id, label, isMultiline: true, maxLength: 3000, isRequired: required }).withValue(
    cutWords(value, 3000),
  );

/** The resolution form, pre-filled. */
export function resolutionDialog(draft: ResolutionDraft): AdaptiveCardJson {
  const meta = { escalationId: draft.escalationId, hypothesisId: draft.hypothesisId, title: draft.title };
  return fitCard([0], () =>
    card([
      literal(draft.title, 300, { weight: "Bolder" }),
      area("rootCause", "Root cause", draft.rootCause, true),
      new ChoiceSetInput(...choices(CATEGORIES))
        .withId("category")
        .withLabel("Category")
        .withValue(draft.category),
      area("factors", "Contributing factors (one per line)", draft.contributingFactors.join("\n")),
      area("steps", "Resolution steps", draft.resolutionSteps, true),
      area("prevention", "Preventive actions (one per line)", draft.preventiveActions.join("\n")),
      new TextInput({
        id: "productAreas",
        label: "Product areas (comma-separated)",
        maxLength: 500,
      }).withValue(draft.productAreas.join(", ")),
      ...(draft.rejectedNotes
        ? [area("rejected", "Why the rejected hypotheses were ruled out", draft.rejectedNotes)]
        : []),
      new ActionSet(
        new SubmitAction({ title: "Save finding", data: { dialog: DIALOGS.resolution, ...meta } }),
      ),
    ]),
  );
}

const lines = (v: string) =>
  v
    .split("\n")
    .map((l) => l.replace(/^[-•]\s*/, "").trim())
    .filter(Boolean);

const resolutionForm = z.object({
  escalationId: z.string().min(1),
  hypothesisId: z.string().min(1),
  title: z.string(),
  rootCause: z.string().trim().min(1, "say what the root cause was"),
  category: z.enum(CATEGORIES),
  factors: z.string().default(""),
  steps: z.string().default(""),
  prevention: z.string().default(""),
  productAreas: z.string().default(""),
  rejected: z.string().default(""),
});

/** The draft as the person edited it. */
export function readResolutionDialog(data: Record<string, unknown>): ResolutionDraft {
  const form = resolutionForm.safeParse(data);
  if (!form.success) throw new InputError(`the resolution form: ${describeFirstIssue(form.error)}`);
  const f = form.data;
  return {
    escalationId: f.escalationId,
    hypothesisId: f.hypothesisId,
    title: f.title,
    category: f.category,
    rootCause: f.rootCause,
    contributingFactors: lines(f.factors),
    resolutionSteps: f.steps,
    preventiveActions: lines(f.prevention),
    rejectedNotes: f.rejected,
    productAreas: f.productAreas
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
  };
}

/** A pending request a "choose account" button carries. */
export interface PendingChoice {
  accountId: string;
  summary: string;
  severity: Severity;
  private: boolean;
}

export const pendingChoice = z.object({
  accountId: z.string().min(1),
  summary: z.string(),
  severity: z.enum(SEVERITIES),
  private: z.boolean(),
});

/** "Which one?" with a button per account (`Action.Execute` verb chooseAccount). */
export function chooseAccountCard(
  query: string,
  matches: { accountId: string; name: string }[],
  pending: Omit<PendingChoice, "accountId">,
): AdaptiveCardJson {
  const summary = cutWords(pending.summary, 1500);
  return fitCard([0], () =>
    card([
      literal(accountChoiceQuestion(query, matches), 300),
      new ActionSet(
        ...matches.slice(0, 5).map(
          (m) =>
            new ExecuteAction({
              title: cutWords(m.name, 75),
              verb: VERBS.chooseAccount,
              data: { ...pending, summary, accountId: m.accountId } satisfies PendingChoice,
            }),
        ),
      ),
    ]),
  );
}

/** A card with one button that opens the resolution dialog for a hypothesis. */
export function resolveButtonCard(hypothesisId: string, title: string): AdaptiveCardJson {
  return fitCard([0], () =>
    card([
      literal(title, 300, { weight: "Bolder" }),
      para("Record the resolution to write the finding to the knowledge base."),
      new ActionSet(
        new SubmitAction({
          title: "Record resolution",
          data: { msteams: { type: "task/fetch" }, dialog: DIALOGS.resolution, hypothesisId },
        }),
      ),
    ]),
  );
}
