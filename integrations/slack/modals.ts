/**
 * The two modals: opening an escalation (account picker fed by CRM search, summary, severity, private)
 * and recording a resolution (pre-filled from the analysis). Builders and readers live together so the
 * block ids cannot drift apart.
 */
import type { ViewStateValue } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { SEVERITIES, type Severity } from "../../src/domain/case-bundle.ts";
import { CATEGORIES, type Category } from "../../src/domain/categories.ts";
import type { ResolutionDraft } from "../../src/war-room/resolve-escalation.ts";
import { ACTIONS, INPUTS, VIEWS } from "./ids.ts";
import { resolutionMetadataSchema } from "./payload-schemas.ts";

const text = (t: string) => ({ type: "plain_text" as const, text: t.slice(0, 150) });
const option = (value: string) => ({ text: text(value), value });
const input = (blockId: string, label: string, element: Record<string, unknown>, optional = false) => ({
  type: "input",
  block_id: blockId,
  label: text(label),
  optional,
  element: { action_id: blockId, ...element },
});

/** The /escalate modal; `channelId` is where the answer goes. */
export function escalateModal(channelId: string, summary = ""): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.escalate,
    private_metadata: JSON.stringify({ channelId }),
    title: text("Escalate an account"),
    submit: text("Open war-room"),
    close: text("Cancel"),
    blocks: [
      input(INPUTS.account, "Account", {
        type: "external_select",
        action_id: ACTIONS.accountPicker,
        min_query_length: 2,
        placeholder: text("Type to search the CRM"),
      }),
      input(INPUTS.summary, "What happened", {
        type: "plain_text_input",
        multiline: true,
        max_length: 2000,
        ...(summary ? { initial_value: summary.slice(0, 2000) } : {}),
      }),
      input(INPUTS.severity, "Severity", {
        type: "static_select",
        options: SEVERITIES.map(option),
        initial_option: option("high"),
      }),
      input(
        INPUTS.private,
        "Visibility",
        { type: "checkboxes", options: [option("private war-room")] },
        true,
      ),
    ],
  } as ModalView;
}

type Values = Record<string, Record<string, ViewStateValue>>;
const fieldOf = (values: Values, block: string, action = block) => values[block]?.[action];

/** What the escalate modal returned. */
export function readEscalateModal(values: Values): {
  accountId: string;
  summary: string;
  severity: Severity;
  private: boolean;
} {
  return {
    accountId: fieldOf(values, INPUTS.account, ACTIONS.accountPicker)?.selected_option?.value ?? "",
    summary: fieldOf(values, INPUTS.summary)?.value ?? "",
    severity: (fieldOf(values, INPUTS.severity)?.selected_option?.value ?? "normal") as Severity,
    private: (fieldOf(values, INPUTS.private)?.selected_options?.length ?? 0) > 0,
  };
}

/** The resolution modal, pre-filled. */
export function resolutionModal(draft: ResolutionDraft): ModalView {
  const area = (blockId: string, label: string, value: string, optional = false) =>
    input(
      blockId,
      label,
      {
        type: "plain_text_input",
        multiline: true,
        max_length: 3000,
        ...(value ? { initial_value: value.slice(0, 3000) } : {}),
      },
      optional,
    );
  return {
    type: "modal",
    callback_id: VIEWS.resolution,
    private_metadata: JSON.stringify({
      escalationId: draft.escalationId,
      hypothesisId: draft.hypothesisId,
      title: draft.title,
    }),
    title: text("Record the resolution"),
    submit: text("Save finding"),
    close: text("Cancel"),
    blocks: [
      area(INPUTS.rootCause, "Root cause", draft.rootCause),
      input(INPUTS.category, "Category", {
        type: "static_select",
        options: CATEGORIES.map(option),
        initial_option: option(draft.category),
      }),
      area(INPUTS.factors, "Contributing factors (one per line)", draft.contributingFactors.join("\n"), true),
      area(INPUTS.steps, "Resolution steps", draft.resolutionSteps),
      area(INPUTS.prevention, "Preventive actions (one per line)", draft.preventiveActions.join("\n"), true),
      input(
        INPUTS.productAreas,
        "Product areas (comma-separated)",
        {
          type: "plain_text_input",
          max_length: 500,
          ...(draft.productAreas.length ? { initial_value: draft.productAreas.join(", ") } : {}),
        },
        true,
      ),
      ...(draft.rejectedNotes
        ? [area(INPUTS.rejected, "Why the rejected hypotheses were ruled out", draft.rejectedNotes, true)]
        : []),
    ],
  } as ModalView;
}

const lines = (v: string | null | undefined) =>
  (v ?? "")
    .split("\n")
    .map((l) => l.replace(/^[-•]\s*/, "").trim())
    .filter(Boolean);

/** The draft as the person edited it. */
export function readResolutionModal(values: Values, privateMetadata: string): ResolutionDraft {
  const meta = resolutionMetadataSchema.parse(JSON.parse(privateMetadata));
  return {
    escalationId: meta.escalationId,
    hypothesisId: meta.hypothesisId,
    title: meta.title,
    category: (fieldOf(values, INPUTS.category)?.selected_option?.value ?? "product_defect") as Category,
    rootCause: fieldOf(values, INPUTS.rootCause)?.value ?? "",
    contributingFactors: lines(fieldOf(values, INPUTS.factors)?.value),
    resolutionSteps: fieldOf(values, INPUTS.steps)?.value ?? "",
    preventiveActions: lines(fieldOf(values, INPUTS.prevention)?.value),
    rejectedNotes: fieldOf(values, INPUTS.rejected)?.value ?? "",
    productAreas: (fieldOf(values, INPUTS.productAreas)?.value ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
  };
}
