/**
 * Hand-written changes outside the stories: our configuration changes, third parties and incidents that
 * hurt nobody in particular (candidates the engine has to rule out).
 */
import { ago } from "./time.ts";
import type { ChangeDraft } from "./types.ts";

function ours(days: number, productArea: string, title: string, description: string): ChangeDraft {
  return { at: ago(days, 10, 0), source: "vendor_config", scope: "global", productArea, title, description };
}

function theirs(days: number, productArea: string, title: string, description: string): ChangeDraft {
  return { at: ago(days, 14, 0), source: "third_party", scope: "global", productArea, title, description };
}

function incident(
  days: number,
  hour: number,
  productArea: string,
  title: string,
  description: string,
): ChangeDraft {
  return { at: ago(days, hour, 0), source: "incident", scope: "global", productArea, title, description };
}

export const VENDOR_CONFIG_CHANGES: ChangeDraft[] = [
  ours(
    250,
    "payments",
    "payments: Ferrypay payouts moved to a daily schedule",
    "Payouts for Ferrypay workspaces run daily instead of twice a week.",
  ),
  ours(
    226,
    "scheduling",
    "scheduling: travel-time estimates use the new routing provider",
    "Typical-traffic estimates now come from the new provider; expect 5-10% longer estimates in cities.",
  ),
  ours(
    199,
    "reporting",
    "reporting: default dashboard range changed from 30 to 90 days",
    "Applies to dashboards without a saved range.",
  ),
  ours(
    171,
    "public-api",
    "public-api: burst limit 900 requests/min for the scale plan",
    "Sustained limit unchanged at 600/min; short bursts up to 900/min allowed.",
  ),
  {
    ...ours(
      158,
      "user-management",
      "user-management: session timeout 12 h → 8 h for enterprise workspaces",
      "Security baseline for enterprise; workspace owners can extend it up to 24 h.",
    ),
    scope: "segment",
    segment: "enterprise",
  },
  ours(
    141,
    "data-import",
    "data-import: 50 MB file limit enforced at upload",
    "Previously files over 50 MB failed during parsing; now rejected at upload with a clear message.",
  ),
  ours(
    116,
    "webhooks",
    "webhooks: retry schedule 1 min / 5 min / 30 min / 2 h / 6 h",
    "Replaces the fixed 10-minute retry; endpoints are disabled after 3 days of failures.",
  ),
  ours(
    97,
    "notifications-sms",
    "notifications-sms: STOP/START keywords handled for all senders",
    "Opt-outs now apply per workspace instead of per sender number.",
  ),
  {
    ...ours(
      84,
      "billing",
      "billing: new invoice layout for annual plans",
      "Annual invoices list seats and add-ons separately.",
    ),
    scope: "segment",
    segment: "mid_market",
  },
  ours(
    70,
    "salesforce-sync",
    "salesforce-sync: API budget alert at 80% of the org's daily limit",
    "Workspace admins get an email when the org is close to its daily API limit.",
  ),
  ours(
    58,
    "analytics-exports",
    "analytics-exports: export files kept 14 days instead of 30",
    "Older files are deleted from the export history; schedules unaffected.",
  ),
  ours(
    44,
    "hubspot-sync",
    "hubspot-sync: nightly reconciliation rescheduled to 04:00 UTC",
    "Moved from 02:00 to stay clear of HubSpot's weekly maintenance window; what is reconciled is unchanged.",
  ),
  ours(
    30,
    "sso",
    "sso: SAML clock-skew tolerance reduced from 5 to 2 minutes",
    "Aligns with our security baseline; assertions older than 2 minutes are rejected.",
  ),
  {
    ...ours(
      16,
      "scheduling",
      "scheduling: auto-assign weights travel time higher for smb workspaces",
      "Experiment for workspaces under 20 technicians.",
    ),
    scope: "segment",
    segment: "smb",
  },
  ours(
    9,
    "notifications-sms",
    "notifications-sms: delivery receipts shown on the job timeline",
    "Display only; no change to sending.",
  ),
  ours(
    2,
    "reporting",
    "reporting: dashboards cache for 5 minutes instead of 15",
    "Fresher numbers on busy dashboards.",
  ),
];

export const THIRD_PARTY_CHANGES: ChangeDraft[] = [
  theirs(
    233,
    "payments",
    "Tillhaven released API version 2026-04 (optional)",
    "New optional fields for card-on-file charges; the previous version stays supported.",
  ),
  theirs(
    188,
    "sso",
    "Google Workspace rotated its SAML signing certificates",
    "Customers using Google Workspace SAML needed to refresh IdP metadata within 30 days.",
  ),
  theirs(
    152,
    "notifications-sms",
    "Parrotline introduced new 10DLC throughput tiers",
    "Throughput per sender number now depends on the brand's trust score.",
  ),
  theirs(
    104,
    "salesforce-sync",
    "Salesforce seasonal release reached production instances",
    "New API version available; no retirements affecting our integration.",
  ),
  theirs(
    64,
    "payments",
    "Ferrypay maintenance window: payouts delayed 6 hours",
    "Planned maintenance on Ferrypay's payout system; all payouts sent later the same day.",
  ),
  theirs(
    26,
    "notifications-sms",
    "Parrotline: delivery delays to one APAC carrier",
    "Messages to one APAC carrier queued up to 20 minutes for 3 hours.",
  ),
  theirs(
    11,
    "sso",
    "Okta announced a change to default session policies",
    "New Okta orgs default to 12-hour sessions; existing orgs unchanged.",
  ),
];

export const INCIDENT_CHANGES: ChangeDraft[] = [
  incident(
    214,
    14,
    "user-management",
    "INC-2088: login failures for 25 minutes",
    "A bad configuration push to the auth service rejected valid sessions between 14:05 and 14:30 UTC.",
  ),
  incident(
    163,
    9,
    "webhooks",
    "INC-2141: webhook deliveries delayed up to 2 hours",
    "Delivery workers stalled on a poison message; deliveries caught up by 11:10 UTC.",
  ),
  incident(
    92,
    16,
    "notifications-sms",
    "INC-2198: SMS via Parrotline delayed 40 minutes",
    "Parrotline API latency; messages queued and delivered late.",
  ),
  incident(
    57,
    11,
    "invoicing",
    "INC-2227: invoice PDF generation slow for 1 hour",
    "PDF renderer pool exhausted by a large batch; scaled out at 12:05 UTC.",
  ),
];
