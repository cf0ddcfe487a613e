/**
 * Resolved escalations caused by a change in the customer's own systems (customer_change).
 */
import { agent, customer, theirChange, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const quillfeather: Story = {
  key: "cc-quillfeather",
  account: "quillfeather",
  openedAt: ago(52, 10, 0),
  resolvedAt: ago(49, 15, 0),
  category: "customer_change",
  severity: "high",
  productArea: "salesforce-sync",
  summary:
    "Quillfeather's head of broker operations: 1,200 new policyholders missing from Salesforce for three days, so brokers can't see renewals. Blames our sync and wants an incident report.",
  resolution:
    "The customer's admin added a Salesforce validation rule requiring Region__c on EMEA accounts; our mapping didn't send Region. Region mapped to Region__c and 1,204 records replayed.",
  changes: [
    theirChange(
      "quillfeather",
      ago(56, 17, 0),
      "salesforce-sync",
      "Customer's Salesforce admin added validation rule Require_Region_on_Account",
      "Region__c is required on Account when Business_Unit__c = EMEA. Added in the customer's Salesforce org.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(53, 9, 0),
      subject: "New policyholders not syncing to Salesforce",
      description:
        "Since Tuesday new policyholder accounts created in Lanternbay don't appear in Salesforce.",
      priority: "high",
      tags: ["salesforce-sync", "sync"],
      comments: [
        agent(
          ago(53, 10, 30),
          "Sync log: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Region__c is required for accounts in Business Unit EMEA' on 1,204 upserts since Tuesday 07:10 UTC.",
        ),
        customer(ago(53, 14, 0), "Our admin did add a rule this week. Can your sync send the region?"),
        agent(
          ago(52, 9, 0),
          "Yes: map Lanternbay 'Region' to Region__c under Integrations > Salesforce > Field mapping, then replay the failed records.",
        ),
      ],
      closedAt: ago(49, 15, 0),
      resolution: "Region mapped to Region__c; 1,204 records replayed.",
    }),
  ],
};

const larchmont: Story = {
  key: "cc-larchmont",
  account: "larchmont",
  openedAt: ago(26, 15, 0),
  resolvedAt: ago(24, 11, 0),
  category: "customer_change",
  severity: "high",
  productArea: "salesforce-sync",
  summary:
    "Larchmont's COO: the treatment-plan pipeline in Salesforce has been frozen since Tuesday and the vets' commission report for the month is wrong. Wants 'the sync bug' fixed before payroll.",
  resolution:
    "The customer renamed restricted picklist stage values in Salesforce; our stage mapping still sent the old values. Mapping updated and 318 updates replayed.",
  changes: [
    theirChange(
      "larchmont",
      ago(28, 17, 0),
      "salesforce-sync",
      "Customer renamed Opportunity stage picklist values in Salesforce",
      "Restricted picklist: 'Proposal' → 'Proposal Sent', 'Negotiation' → 'In Negotiation'.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(27, 10, 0),
      subject: "Treatment plans not updating opportunities",
      description: "Opportunities in Salesforce stopped moving when treatment plans change in Lanternbay.",
      priority: "high",
      tags: ["salesforce-sync", "mapping"],
      comments: [
        agent(
          ago(27, 11, 0),
          "Sync errors: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Stage: bad value for restricted picklist field: Proposal' on 318 updates.",
        ),
        customer(ago(27, 13, 0), "We renamed the stages on Monday."),
        agent(
          ago(26, 16, 0),
          "Update the mapping under Integrations > Salesforce > Stage mapping; we'll replay the failed updates.",
        ),
      ],
      closedAt: ago(24, 11, 0),
      resolution: "Stage mapping updated; 318 updates replayed.",
    }),
  ],
};

const redfern: Story = {
  key: "cc-redfern",
  account: "redfern",
  openedAt: ago(31, 11, 0),
  resolvedAt: ago(29, 10, 0),
  category: "customer_change",
  severity: "high",
  productArea: "webhooks",
  summary:
    "Redfern's COO: two days of completed print jobs missing from their MIS, so they can't invoice or dispatch. Says 'your webhooks are broken'.",
  resolution:
    "The customer's new WAF blocked our webhook payloads (rule 942100 matched job notes). They allow-listed our IP ranges; 1,316 queued events delivered on retry.",
  changes: [
    theirChange(
      "redfern",
      ago(33, 18, 0),
      "webhooks",
      "Customer put its order-intake endpoint behind a new WAF",
      "The customer's IT moved its MIS intake endpoint behind a web application firewall with the default rule set.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(32, 9, 0),
      subject: "Completed jobs not arriving in our MIS",
      description: "Since early this morning completed-job events don't reach our MIS.",
      priority: "high",
      tags: ["webhooks", "delivery"],
      comments: [
        agent(
          ago(32, 10, 0),
          "Deliveries fail with 403 'Request blocked (rule 942100)' from your endpoint; 1,316 events are queued for retry.",
        ),
        customer(ago(32, 13, 0), "We did put in a new firewall yesterday."),
        agent(
          ago(32, 13, 30),
          "Allow-list our webhook IP ranges or disable rule 942100 for the Lanternbay path; retries continue for 72 hours.",
        ),
      ],
      closedAt: ago(29, 10, 0),
      resolution: "Customer allow-listed our IPs; queued events delivered.",
    }),
  ],
};

const corvane: Story = {
  key: "cc-corvane",
  account: "corvane",
  openedAt: ago(19, 1, 0),
  resolvedAt: ago(18, 5, 0),
  category: "customer_change",
  severity: "high",
  productArea: "public-api",
  summary:
    "Corvane's GM of field operations: no work orders reached their ERP for a day and crews stood idle at two sites. Demanded to know why our API 'rejected valid credentials'.",
  resolution:
    "The customer's security sweep revoked the ERP integration's API key. New scoped key issued; the ERP resynced 2,960 work orders.",
  changes: [
    theirChange(
      "corvane",
      ago(20, 2, 10),
      "public-api",
      "Customer's security team revoked 14 API keys older than 180 days",
      "Bulk revocation from the API keys page by the customer's security team.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(20, 23, 0),
      subject: "ERP integration down - 401 errors",
      description:
        "Our ERP integration stopped pulling work orders overnight. Its logs show 401 invalid_api_key.",
      priority: "urgent",
      tags: ["public-api", "auth"],
      comments: [
        agent(
          ago(20, 23, 40),
          "The requests use key 'erp-prod-2024', revoked on Tuesday 02:10 UTC by your admin (audit log: 14 keys revoked by your security team).",
        ),
        customer(ago(19, 0, 30), "That was our security sweep. The key wasn't documented as production."),
        agent(ago(19, 1, 10), "Create a key with the 'integration' scope and update the ERP configuration."),
      ],
      closedAt: ago(18, 5, 0),
      resolution: "New scoped key; ERP resynced.",
    }),
  ],
};

export const CUSTOMER_SYSTEM_STORIES: Story[] = [quillfeather, larchmont, redfern, corvane];
