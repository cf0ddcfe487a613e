/**
 * The radar's alert as an Adaptive Card: headline, one line per signal with its evidence, a short reason
 * choice, and `Action.Execute` buttons Open war-room and Not now (data: the alert id; Not now sends the
 * chosen reason with it). Once someone acted, the buttons give way to who did what.
 */
import { ActionSet, ChoiceSetInput, ExecuteAction } from "@microsoft/teams.cards";
import { alertHeadline, alertReasons, reasonWords } from "../../src/radar/describe-alert.ts";
import { DISMISS_REASONS, type RiskAlertView } from "../../src/radar/radar-types.ts";
import { VERBS } from "./ids.ts";
import { type AdaptiveCardJson, card, fitCard, literal, para } from "./render-parts.ts";

/** The id of the reason input; its value arrives in the invoke's data under this key. */
export const DISMISS_REASON_INPUT = "reason";

function outcomeText(view: RiskAlertView, names: (id: string) => string): string | null {
  const o = view.outcome;
  if (!o) return null;
  return o.kind === "acted"
    ? `${names(o.by)} opened a war-room${o.escalationId ? ` (${o.escalationId})` : ""}`
    : `${names(o.by)} said not now: ${reasonWords(o.reason)}`;
}

/** The alert card; `names` turns user ids into display names. */
export function riskAlertCard(view: RiskAlertView, names: (id: string) => string): AdaptiveCardJson {
  const a = view.assessment;
  const data = { alertId: view.alertId };
  const done = outcomeText(view, names);
  const choices = Object.entries(DISMISS_REASONS).map(([value, title]) => ({ title, value }));
  return fitCard([8, 3], (items) =>
    card([
      literal(`⚠️ Escalation risk — ${alertHeadline(a)}`, 400, { weight: "Bolder" }),
      ...alertReasons(a)
        .slice(0, items)
        .map((r) => literal(`• ${r}`, 500)),
      ...(done
        ? [literal(done, 700)]
        : [
            new ChoiceSetInput(...choices)
              .withId(DISMISS_REASON_INPUT)
              .withLabel("If not now, why?")
              .withStyle("compact")
              .withValue("handled"),
            new ActionSet(
              new ExecuteAction({
                title: "Open war-room",
                verb: VERBS.openFromAlert,
                data,
                style: "positive",
              }),
              new ExecuteAction({ title: "Not now", verb: VERBS.dismissAlert, data }),
            ),
          ]),
      literal(`Radar · ${a.accountId} · nothing was sent to the customer`, 300),
    ]),
  );
}
