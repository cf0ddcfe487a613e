/**
 * Resolved escalations caused by our own deploys in the integrations (product_defect), each with
 * the deploy and its fix.
 */
import { agent, customer, deploy, eng, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const falconridge: Story = {
  key: "pd-falconridge",
  account: "falconridge",
  openedAt: ago(38, 10, 0),
  resolvedAt: ago(33, 11, 0),
  category: "product_defect",
  severity: "high",
  productArea: "webhooks",
  summary:
    "Falconridge's CTO: their alarm-response system has rejected our job webhooks for three days; 140 guard visits were never logged as complete and client billing is off. Asked why a signature change wasn't announced.",
  resolution:
    "webhooks 3.4 signed the raw UTF-8 body but sent the \\u-escaped body, so signatures failed for payloads with non-ASCII characters. Fixed in 3.4.1; 1,118 failed deliveries re-sent.",
  changes: [
    deploy(
      ago(42, 19, 0),
      "webhooks",
      "webhooks 3.4: streaming JSON serializer",
      "Payloads are serialized with the streaming encoder (lower memory for large job payloads). Non-ASCII characters are escaped as \\uXXXX.",
    ),
    deploy(
      ago(38, 18, 0),
      "webhooks",
      "webhooks 3.4.1: sign the bytes that are sent",
      "Signature computed over the serialized body actually delivered.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(39, 15, 0),
      subject: "Webhook signature verification failing for some events",
      description:
        "Our receiver rejects about 3% of job.completed webhooks with 'invalid signature' since Tuesday. The failing ones all have names with accents (Désirée, Müller).",
      priority: "high",
      tags: ["webhooks", "signature"],
      comments: [
        agent(
          ago(39, 16, 30),
          "Confirmed with a test event: X-Lanternbay-Signature doesn't match the body for payloads with non-ASCII characters.",
        ),
        eng(
          ago(38, 11, 0),
          "The signature is computed over the raw UTF-8 body before escaping, but the body sent is the \\u-escaped one. Fix: sign the bytes we send. ETA today.",
        ),
        agent(ago(35, 10, 0), "Fixed in webhooks 3.4.1; 1,118 failed deliveries re-sent."),
      ],
      closedAt: ago(33, 11, 0),
      resolution: "Fixed in webhooks 3.4.1; deliveries re-sent.",
    }),
  ],
};

const stonecrop: Story = {
  key: "pd-stonecrop",
  account: "stonecrop",
  openedAt: ago(34, 13, 0),
  resolvedAt: ago(28, 10, 0),
  category: "product_defect",
  severity: "high",
  productArea: "public-api",
  summary:
    "Stonecrop's IT director: our API silently dropped work orders from their nightly MRP feed and planners scheduled two production lines against incomplete orders. Wants to know how many records were affected and why no error was returned.",
  resolution:
    "Keyset pagination on updated_at alone (public-api 2.19) skipped rows sharing a timestamp at page boundaries. Fixed in 2.19.1 with an (updated_at, id) keyset; 93 records re-delivered.",
  changes: [
    deploy(
      ago(35, 15, 0),
      "public-api",
      "public-api 2.19: keyset pagination for list endpoints",
      "List endpoints page by updated_at instead of offset, for stable pages on large collections.",
    ),
    deploy(
      ago(31, 16, 0),
      "public-api",
      "public-api 2.19.1: keyset on (updated_at, id)",
      "Fixes records skipped at page boundaries when several share an updated_at.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(34, 8, 0),
      subject: "API export missing work orders",
      description:
        "Our nightly pull from /v2/work-orders?updated_since=... returned 4,812 records; the UI shows 4,905 updated yesterday. The missing ones look random.",
      priority: "high",
      tags: ["public-api", "pagination"],
      comments: [
        agent(
          ago(34, 10, 0),
          "Confirmed 93 missing across 49 pages; each missing record shares its updated_at with the last record of the previous page.",
        ),
        eng(
          ago(33, 15, 0),
          "Keyset pagination on updated_at alone skips rows with an identical timestamp at page boundaries; bulk updates write many rows with the same timestamp. Fix: (updated_at, id) keyset.",
        ),
        customer(ago(33, 16, 0), "Our MRP has been planning from incomplete data for two days."),
        agent(ago(30, 9, 0), "Fixed in public-api 2.19.1; please re-run your pull from Monday."),
      ],
      closedAt: ago(28, 10, 0),
      resolution: "Fixed in public-api 2.19.1.",
    }),
  ],
};

const meridale: Story = {
  key: "pd-meridale",
  account: "meridale",
  openedAt: ago(47, 10, 0),
  resolvedAt: ago(40, 15, 0),
  category: "product_defect",
  severity: "critical",
  productArea: "salesforce-sync",
  summary:
    "Meridale's CIO: the Salesforce sync created 2,300 duplicate patient-contact records in a week, outreach campaigns double-messaged patients and compliance is involved. Wants cleanup help and a formal RCA.",
  resolution:
    "salesforce-sync 3.9.0 matched contacts by exact, case-sensitive email; Salesforce keeps emails as entered, so case differences created duplicates. Fixed in 3.9.1; merge list of 2,318 pairs delivered.",
  changes: [
    deploy(
      ago(53, 15, 0),
      "salesforce-sync",
      "salesforce-sync 3.9.0: contact matching by exact email",
      "Contact matching switched from fuzzy name + email to exact email match, to stop wrong merges reported by three customers.",
    ),
    deploy(
      ago(45, 17, 0),
      "salesforce-sync",
      "salesforce-sync 3.9.1: case-insensitive email matching",
      "Emails compared case-insensitively when matching contacts.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(48, 14, 0),
      subject: "Thousands of duplicate contacts in Salesforce",
      description:
        "Since Friday our Salesforce has 2,000+ duplicate patient-contact records created by the integration user.",
      priority: "high",
      tags: ["salesforce-sync", "duplicates"],
      comments: [
        agent(
          ago(48, 16, 0),
          "The duplicates differ from the originals only in email case (J.Okafor@... vs j.okafor@...).",
        ),
        eng(
          ago(47, 11, 0),
          "salesforce-sync 3.9.0 compares emails case-sensitively; Salesforce stores them as entered. Fix in 3.9.1. We'll prepare a merge list.",
        ),
        customer(ago(47, 12, 0), "Our data team has already spent two days merging by hand."),
        agent(
          ago(41, 10, 0),
          "3.9.1 is live; merge list of 2,318 pairs sent; no new duplicates since Friday.",
        ),
      ],
      closedAt: ago(40, 15, 0),
      resolution: "Fixed in salesforce-sync 3.9.1; merge list delivered.",
    }),
  ],
};

export const INTEGRATION_DEFECT_STORIES: Story[] = [falconridge, stonecrop, meridale];
