/**
 * The escalation `warroom demo` opens on the bundled sample dataset (integrations/local/sample-data).
 */

/** What the demo escalation says; the product gives it an id and openedAt when it opens it. */
export interface SampleDemoEscalation {
  /** An account in the sample dataset. */
  readonly accountId: string;
  readonly summary: string;
  readonly severity: "low" | "normal" | "high" | "critical";
  readonly reportedBy: string;
}

/**
 * Halvard Field Services (HubSpot Pro): deals stopped reaching HubSpot after hubspot-sync 4.2.0, the same
 * cause as other HubSpot Pro customers' escalations in the sample (see sample-data/README.md).
 */
export const SAMPLE_DEMO_ESCALATION: SampleDemoEscalation = {
  accountId: "ACC-0040",
  summary:
    "COO emailed our CEO: for over a week jobs closed in Lanternbay have not updated their HubSpot deals (stage, amount, close date), so sales is quoting from a stale pipeline and finance invoiced off wrong close dates. They were told last week it was HubSpot congestion. Wants an exec call today.",
  severity: "critical",
  reportedBy: "coo@halvard-field-services.example",
};
