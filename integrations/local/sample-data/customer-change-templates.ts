/**
 * Everyday changes customers make in their own workspace or organisation ({n}, {m}, {person}, {field}
 * are filled by the generator). `requires` keeps them to accounts where they make sense.
 */
import type { AccountSeed } from "./types.ts";

/** One everyday customer change. */
export interface CustomerChangeTemplate {
  source: "customer_config" | "customer_org";
  productArea: string;
  title: string;
  description: string;
  requires?: (seed: AccountSeed) => boolean;
}

const uses = (module: string) => (seed: AccountSeed) => seed.modules.includes(module);

function c(
  source: CustomerChangeTemplate["source"],
  productArea: string,
  title: string,
  description: string,
  requires?: (seed: AccountSeed) => boolean,
): CustomerChangeTemplate {
  return requires
    ? { source, productArea, title, description, requires }
    : { source, productArea, title, description };
}

export const CUSTOMER_CHANGE_TEMPLATES: CustomerChangeTemplate[] = [
  c(
    "customer_org",
    "user-management",
    "Customer added {n} seats",
    "New users invited for seasonal work; seats within contract.",
  ),
  c(
    "customer_org",
    "user-management",
    "New operations director became workspace owner",
    "{person} took over as workspace owner; the previous owner was downgraded to admin.",
  ),
  c(
    "customer_org",
    "user-management",
    "Customer deactivated {n} users after a reorganisation",
    "Users deactivated by the customer's admin; their open jobs were reassigned.",
  ),
  c(
    "customer_config",
    "scheduling",
    "Customer added custom field '{field}' to work orders",
    "Optional text field shown on the job form and the technician app.",
  ),
  c(
    "customer_config",
    "scheduling",
    "Customer changed default job duration from 60 to 90 minutes",
    "Applies to new jobs of the 'Standard visit' type.",
  ),
  c(
    "customer_config",
    "scheduling",
    "Customer created {n} new job types",
    "Job types for a new service line, with checklists.",
  ),
  c(
    "customer_config",
    "invoicing",
    "Customer changed default payment terms from Net 30 to Net 45",
    "Applies to invoices created from now on.",
  ),
  c(
    "customer_config",
    "invoicing",
    "Customer uploaded a new invoice template",
    "New branding; template 'Standard v3' set as default.",
  ),
  c(
    "customer_config",
    "reporting",
    "Customer created {n} dashboards for regional managers",
    "Shared with the 'Regional managers' team.",
  ),
  c(
    "customer_config",
    "data-import",
    "Customer imported {m} historical jobs",
    "One-off import of completed jobs from the previous system.",
  ),
  c(
    "customer_config",
    "webhooks",
    "Customer registered a new webhook endpoint for job.completed",
    "Endpoint on the customer's integration platform; secret generated.",
    uses("webhooks"),
  ),
  c(
    "customer_config",
    "public-api",
    "Customer created an API key for a BI tool",
    "Read-only key with jobs:read and invoices:read scopes.",
    uses("public-api"),
  ),
  c(
    "customer_config",
    "salesforce-sync",
    "Customer connected a Salesforce sandbox for testing",
    "Sandbox connection runs separately from production.",
    uses("salesforce-sync"),
  ),
  c(
    "customer_config",
    "salesforce-sync",
    "Customer mapped '{field}' to a Salesforce custom field",
    "New field mapping on Accounts.",
    uses("salesforce-sync"),
  ),
  c(
    "customer_config",
    "hubspot-sync",
    "Customer enabled job-note sync to HubSpot deals",
    "Option 'Sync job notes as deal notes' switched on.",
    uses("hubspot-sync"),
  ),
  c(
    "customer_config",
    "payments",
    "Customer enabled autopay on the payment portal",
    "Customers can save a card for future invoices.",
    uses("payments"),
  ),
  c(
    "customer_config",
    "notifications-sms",
    "Customer changed SMS reminder lead time from 24 h to 48 h",
    "Applies to appointment reminders.",
    uses("notifications-sms"),
  ),
  c(
    "customer_config",
    "notifications-sms",
    "Customer added a second SMS sender number",
    "For a new region; registered with the carrier.",
    uses("notifications-sms"),
  ),
  c(
    "customer_config",
    "sso",
    "Customer enforced SSO for all users",
    "Password login disabled except for two break-glass admins.",
    uses("sso"),
  ),
  c(
    "customer_config",
    "analytics-exports",
    "Customer scheduled a weekly export to its data warehouse",
    "Jobs and invoices, Mondays 03:00 UTC.",
    uses("analytics-exports"),
  ),
  c(
    "customer_org",
    "scheduling",
    "Customer opened a new depot",
    "New territory and {n} technicians moved there.",
  ),
  c(
    "customer_org",
    "billing",
    "Customer changed its billing contact",
    "Invoices from Lanternbay now go to the customer's AP mailbox.",
  ),
];
