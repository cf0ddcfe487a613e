/**
 * The demo account (Halvard Field Services, HubSpot Pro): `warroom demo` opens a fresh escalation for it,
 * so nothing here is in escalations.json. Its history makes a clear case: an urgent open ticket carrying
 * the hubspot-sync 4.2.0 error, an earlier ticket misread as HubSpot congestion, and decoys (an invoice
 * numbering change, new dispatcher seats, old tickets about other things).
 */
import { HUBSPOT_ERROR, hubspotLogLine } from "./pattern-hubspot.ts";
import { accountTicket, agent, customer, eng } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { ChangeDraft, TicketDraft } from "./types.ts";

/** Key of the demo account. */
export const DEMO_ACCOUNT_KEY = "halvard";

const earlier: TicketDraft[] = [
  accountTicket(DEMO_ACCOUNT_KEY, {
    createdAt: ago(131, 14, 0),
    subject: "Invoice PDF still shows our old logo",
    description:
      "We uploaded the new logo under Branding last week but invoice PDFs still carry the old one.",
    priority: "low",
    tags: ["invoicing", "branding"],
    comments: [
      agent(
        ago(131, 15, 20),
        "The invoice template keeps its own copy of the logo. Settings > Invoicing > Templates > 'Standard v2' > Replace logo.",
      ),
      customer(ago(130, 9, 5), "That did it, thanks."),
    ],
    closedAt: ago(130, 10, 0),
    resolution: "Logo replaced in the invoice template (templates keep their own copy).",
  }),
  accountTicket(DEMO_ACCOUNT_KEY, {
    createdAt: ago(88, 15, 0),
    subject: "How do we map our 'Service Tier' property to HubSpot deals?",
    description:
      "We created a custom deal property 'service_tier' in HubSpot and want the job's tier to land there.",
    priority: "low",
    tags: ["hubspot-sync", "how-to", "mapping"],
    comments: [
      agent(
        ago(88, 16, 10),
        "Integrations > HubSpot > Field mapping > Deals > Add mapping: Job.Service tier → service_tier (single-line text or dropdown).",
      ),
    ],
    closedAt: ago(87, 9, 0),
    resolution: "Explained custom deal property mapping.",
  }),
  accountTicket(DEMO_ACCOUNT_KEY, {
    createdAt: ago(64, 16, 0),
    subject: "Dispatch board hides jobs without a skill tag",
    description:
      "12 emergency call-outs never appeared on the dispatch board yesterday; they had no skill tag.",
    priority: "normal",
    tags: ["scheduling", "dispatch-board"],
    comments: [
      agent(
        ago(64, 17, 0),
        "The board's default filter is 'matches technician skills'; untagged jobs match nobody. Switch the filter to 'All jobs' or set a default skill per job type.",
      ),
      customer(ago(63, 9, 40), "Set a default skill for 'Emergency' jobs, all visible now."),
    ],
    closedAt: ago(63, 11, 0),
    resolution: "Default skill set per job type; board filter explained.",
  }),
];

const recent: TicketDraft[] = [
  accountTicket(DEMO_ACCOUNT_KEY, {
    createdAt: ago(11, 15, 40),
    subject: "Some won jobs not showing in HubSpot",
    description:
      "Sales says 14 jobs we closed today are still at 'Scheduled' in HubSpot. Deal ids in the comment.",
    priority: "normal",
    tags: ["hubspot-sync", "sync"],
    comments: [
      customer(ago(11, 15, 45), "Deal ids: 18842, 18847, 18851, 18860 and 10 more in the attached sheet."),
      agent(
        ago(11, 17, 30),
        "Sync log shows a few 429 responses from HubSpot this morning. HubSpot throttles busy portals and our sync retries; the nightly reconciliation should catch these up.",
      ),
      agent(
        ago(10, 16, 50),
        "Checked this morning: the 14 deals are updated after the nightly reconciliation.",
      ),
    ],
    closedAt: ago(10, 17, 0),
    resolution: "Transient HubSpot rate limiting; deals caught up in the nightly reconciliation.",
  }),
  accountTicket(DEMO_ACCOUNT_KEY, {
    createdAt: ago(4, 13, 5),
    subject: "URGENT: a week of closed jobs missing from HubSpot, sales quoting from a stale pipeline",
    description:
      "Our sales team works entirely in HubSpot. Since last week a big share of the jobs we close in Lanternbay never update their deal in HubSpot (amount, stage, close date). Today our COO found 300+ deals still at 'Scheduled'. Last week we were told it was HubSpot congestion - it clearly isn't.",
    priority: "urgent",
    tags: ["hubspot-sync", "sync", "escalation"],
    comments: [
      agent(
        ago(4, 14, 20),
        `Pulled the sync log for your portal. Since Tuesday of last week, 13:2x UTC, 41 batches failed with "${hubspotLogLine(5)}". No dropped batches in the 30 days before that Tuesday.`,
      ),
      customer(
        ago(4, 15, 2),
        "So how many deals are wrong? Finance invoices off the HubSpot close date too.",
      ),
      agent(
        ago(4, 16, 45),
        `312 deals have at least one dropped update; 97 still differ from Lanternbay after the nightly reconciliation, which hits the same "${HUBSPOT_ERROR}" at 04:00 UTC. Handing over to the integrations team.`,
      ),
      eng(
        ago(3, 10, 15),
        "Integrations on-call: the failures all come from the batch upsert path, worker pool at 8 for this portal. Holding the replay until we know why reconciliation keeps failing here; update on Monday.",
      ),
    ],
  }),
  accountTicket(DEMO_ACCOUNT_KEY, {
    createdAt: ago(2, 17, 0),
    subject: "Can we get the list of deals that didn't sync?",
    description: "Finance wants to know which invoices went out with the wrong close date.",
    priority: "normal",
    tags: ["hubspot-sync"],
    comments: [
      agent(
        ago(2, 18, 10),
        "Yes - I'll attach the 97 deal ids that still differ once engineering confirms the list.",
      ),
    ],
  }),
];

export const DEMO_TICKETS: TicketDraft[] = [...earlier, ...recent];

export const DEMO_CHANGES: ChangeDraft[] = [
  {
    at: ago(18, 10, 0),
    source: "customer_org",
    scope: "account",
    accountKey: DEMO_ACCOUNT_KEY,
    productArea: "user-management",
    title: "Customer added 6 dispatcher seats for the winter season",
    description: "Seats 58 → 64; the new dispatchers got the 'Dispatcher' role and access to both depots.",
  },
  {
    at: ago(7, 15, 0),
    source: "customer_config",
    scope: "account",
    accountKey: DEMO_ACCOUNT_KEY,
    productArea: "invoicing",
    title: "Customer switched invoice numbering to HFS-YYYY-#####",
    description:
      "Settings > Invoicing > Numbering changed from INV-##### to HFS-YYYY-#####; applies to new invoices only, existing numbers unchanged.",
  },
];
