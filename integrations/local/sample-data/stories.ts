/**
 * Every hand-written story (escalation) and the live patterns they form.
 */
import { EU_EXPORT_STORIES } from "./pattern-eu-exports.ts";
import { EU_CHANGES, EU_PATTERN, EU_QUIET_TICKETS, EU_STORIES } from "./pattern-eu-reporting.ts";
import {
  HUBSPOT_CHANGES,
  HUBSPOT_PATTERN,
  HUBSPOT_QUIET_TICKETS,
  HUBSPOT_STORIES,
} from "./pattern-hubspot.ts";
import {
  ONBOARDING_CHANGES,
  ONBOARDING_PATTERN,
  ONBOARDING_QUIET_TICKETS,
  ONBOARDING_STORIES,
} from "./pattern-onboarding.ts";
import { ONBOARDING_COHORT_STORIES } from "./pattern-onboarding-cohort.ts";
import { TILLHAVEN_PATTERN, TILLHAVEN_QUIET_TICKETS, TILLHAVEN_STORIES } from "./pattern-tillhaven.ts";
import { CUSTOMER_ORG_STORIES } from "./stories-customer-org.ts";
import { CUSTOMER_SYSTEM_STORIES } from "./stories-customer-systems.ts";
import { CORE_DEFECT_STORIES } from "./stories-defects-core.ts";
import { INTEGRATION_DEFECT_STORIES } from "./stories-defects-integrations.ts";
import { EXPECTATION_STORIES } from "./stories-expectations.ts";
import { OPEN_STORIES } from "./stories-open.ts";
import { PLATFORM_STORIES } from "./stories-platform.ts";
import { USAGE_BILLING_STORIES } from "./stories-usage-billing.ts";
import type { ChangeDraft, PatternInfo, Story, TicketDraft } from "./types.ts";

export const STORIES: Story[] = [
  ...HUBSPOT_STORIES,
  ...EU_STORIES,
  ...EU_EXPORT_STORIES,
  ...ONBOARDING_STORIES,
  ...ONBOARDING_COHORT_STORIES,
  ...TILLHAVEN_STORIES,
  ...CORE_DEFECT_STORIES,
  ...INTEGRATION_DEFECT_STORIES,
  ...CUSTOMER_SYSTEM_STORIES,
  ...CUSTOMER_ORG_STORIES,
  ...PLATFORM_STORIES,
  ...USAGE_BILLING_STORIES,
  ...EXPECTATION_STORIES,
  ...OPEN_STORIES,
];

export const PATTERNS: PatternInfo[] = [HUBSPOT_PATTERN, EU_PATTERN, ONBOARDING_PATTERN, TILLHAVEN_PATTERN];

/** Changes that belong to a pattern rather than to one story. */
export const PATTERN_CHANGES: ChangeDraft[] = [...HUBSPOT_CHANGES, ...EU_CHANGES, ...ONBOARDING_CHANGES];

/** Tickets of pattern members that show the symptom but did not escalate. */
export const PATTERN_QUIET_TICKETS: TicketDraft[] = [
  ...HUBSPOT_QUIET_TICKETS,
  ...EU_QUIET_TICKETS,
  ...ONBOARDING_QUIET_TICKETS,
  ...TILLHAVEN_QUIET_TICKETS,
];
