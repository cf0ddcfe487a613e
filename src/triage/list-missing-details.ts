/**
 * Missing details: what the agent should ask for once, so the customer is not asked piecemeal. Which details a
 * topic needs depends on its kind (a billing question needs ids and a time window, not an environment); the
 * ticket's words are checked for each.
 */
import * as chrono from "chrono-node/en";
import { extractIdentifiers } from "../engine/extract-identifiers.ts";
import type { MissingDetail, TriageField } from "./types.ts";

const ENVIRONMENT =
  /\b(?:production|prod|sandbox|staging|test (?:org|environment)|browser|chrome|firefox|safari|edge|ios|android|windows|macos|linux|version \d|v\d+(?:\.\d+)+|app|mobile|desktop|region|eu|us|apac|instance|tenant|org id)\b/i;
const IDS =
  /\b(?:[A-Z]{2,}-\d{2,}|\d{5,}|[0-9a-f]{8}-[0-9a-f]{4}-|inv[-_ ]?\d+|order (?:#|no\.? ?|number )?\w*\d|invoice (?:#|no\.? ?|number )?\w*\d|case (?:#|number )?\d+|account (?:#|id|number)|transaction (?:id|#)|[\w.+-]+@[\w-]+\.\w+)/i;
const ERROR_WORDS =
  /\b(?:error|exception|failed with|status (?:code )?\d{3}|\d{3} (?:error|response)|code \d+|says ")/i;

const MONEY_TOPIC =
  /bill|invoic|pay|credit|tax|refund|charge|card|fee|subscription|pricing|plan|transfer|top.?up|cash|atm|exchange|balance|account/i;
const HOW_TO_TOPIC = /how.?to|question|onboard|training|docs|documentation|feature.?request/i;

/** The details a topic needs: money topics need ids and a time window; how-to questions need little. */
export function detailsFor(topic: string | null): readonly MissingDetail[] {
  if (topic && HOW_TO_TOPIC.test(topic)) return ["environment"];
  if (topic && MONEY_TOPIC.test(topic)) return ["ids", "time_window"];
  return ["environment", "ids", "time_window", "error_text"];
}

const ASK: Record<MissingDetail, string> = {
  environment: "where it happens (environment, browser or app version)",
  ids: "the affected record or transaction ids",
  time_window: "since when and how often",
  error_text: "the exact error text",
};

function present(detail: MissingDetail, text: string): boolean {
  switch (detail) {
    case "environment":
      return ENVIRONMENT.test(text);
    case "ids":
      return IDS.test(text) || extractIdentifiers(text).some((i) => i.kind === "code");
    case "time_window":
      return (
        chrono.parse(text).length > 0 ||
        /\b(?:since|for (?:the last|\d+) (?:days?|hours?|weeks?)|every (?:day|night|morning)|intermittent)/i.test(
          text,
        )
      );
    case "error_text":
      return ERROR_WORDS.test(text) || extractIdentifiers(text).some((i) => i.kind !== "code");
  }
}

/** The details `topic` needs that the ticket's words (all messages) do not give yet. */
export function listMissingDetails(
  topic: string | null,
  text: string,
): TriageField<readonly MissingDetail[]> {
  const needed = detailsFor(topic);
  const missing = needed.filter((d) => !present(d, text));
  if (!missing.length) {
    return {
      value: [],
      confidence: 0.7,
      reason: `The ticket already gives what ${topic ?? "this kind of"} ticket needs.`,
    };
  }
  return {
    value: missing,
    confidence: 0.7,
    reason: `Ask once for ${missing.map((d) => ASK[d]).join(", ")}.`,
  };
}
