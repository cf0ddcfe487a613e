/**
 * Resolved escalations about promises, documentation and our own handoffs.
 */
import { agent, customer, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const solenne: Story = {
  key: "em-solenne",
  account: "solenne",
  openedAt: ago(17, 2, 0),
  resolvedAt: ago(10, 5, 0),
  category: "expectation_mismatch",
  severity: "high",
  productArea: "public-api",
  summary:
    "Solenne's programme director: sales promised a native real-time two-way ERP connector; six weeks in they found it doesn't exist and go-live for 900 technicians is at risk.",
  resolution:
    "Pre-sales promised a native two-way ERP connector that is not on the roadmap. Agreed a partner-built integration funded by us; sales enablement corrected.",
  tickets: [
    ticket({
      createdAt: ago(18, 3, 0),
      subject: "How do we enable real-time two-way sync with our ERP?",
      description:
        "We were told during the sale that work-order changes in our ERP would appear in Lanternbay in real time.",
      priority: "normal",
      tags: ["public-api", "erp"],
      comments: [
        agent(
          ago(18, 5, 0),
          "The API supports webhooks from Lanternbay to your ERP; the other direction needs your ERP to call our API on change. There is no native connector for your ERP.",
        ),
        customer(ago(18, 6, 0), "That's not what we bought."),
      ],
      closedAt: ago(10, 5, 0),
      resolution: "Partner-built integration agreed.",
    }),
  ],
};

const cobaltine: Story = {
  key: "em-cobaltine",
  account: "cobaltine",
  openedAt: ago(38, 15, 0),
  resolvedAt: ago(31, 12, 0),
  category: "expectation_mismatch",
  severity: "normal",
  productArea: "reporting",
  summary:
    "Cobaltine's head of lab operations: the custom report builder shown in the demo isn't in their plan and they need it for sponsor reporting. Want it included or a price adjustment.",
  resolution:
    "The demo used an enterprise workspace; the builder is not in the scale plan. Builder enabled for 12 months at no charge; demo script updated.",
  tickets: [
    ticket({
      createdAt: ago(39, 14, 0),
      subject: "Where is the custom report builder?",
      description:
        "We need pivot-style reports across studies and sites; our AE showed us the custom report builder in the demo.",
      priority: "normal",
      tags: ["reporting", "plan"],
      comments: [
        agent(
          ago(39, 15, 0),
          "The custom report builder is part of the enterprise plan; scale includes standard reports and exports.",
        ),
        customer(ago(39, 16, 0), "The demo never mentioned plan limits."),
      ],
      closedAt: ago(31, 12, 0),
      resolution: "Builder enabled for 12 months.",
    }),
  ],
};

const quayle: Story = {
  key: "dg-quayle",
  account: "quayle",
  openedAt: ago(24, 14, 0),
  resolvedAt: ago(19, 11, 0),
  category: "documentation_gap",
  severity: "high",
  productArea: "webhooks",
  summary:
    "Quayle's CTO: 57 duplicate shipments went out because our webhooks fired twice, about $9k in freight. Points to our docs promising exactly-once delivery.",
  resolution:
    "The webhook docs still promised exactly-once delivery from v1; delivery is at-least-once. Customer made the handler idempotent on X-Lanternbay-Delivery-Id; docs corrected; goodwill credit.",
  tickets: [
    ticket({
      createdAt: ago(24, 10, 0),
      subject: "Duplicate orders created from your webhooks",
      description:
        "Our order system created 57 duplicate shipments yesterday from repeated job.completed webhooks.",
      priority: "high",
      tags: ["webhooks", "retries"],
      comments: [
        agent(
          ago(24, 11, 0),
          "The duplicates are retries: your endpoint took more than 10 s to answer, so we retried. Handlers should be idempotent on X-Lanternbay-Delivery-Id.",
        ),
        customer(ago(24, 12, 0), "Your docs say 'each event is delivered once'."),
        agent(ago(24, 13, 0), "That page is outdated (it still describes v1 delivery). Docs fix filed."),
      ],
      closedAt: ago(19, 11, 0),
      resolution: "Idempotent handler; docs corrected.",
    }),
  ],
};

const alderbankSupport: Story = {
  key: "pf-alderbank",
  account: "alderbank",
  openedAt: ago(10, 14, 0),
  resolvedAt: ago(6, 12, 0),
  category: "process_failure",
  severity: "normal",
  productArea: "invoicing",
  summary:
    "Alderbank's practice manager: six days without an answer on an invoice-template request needed for month end, and their CSM had no idea. Second issue this quarter; asked for a new CSM.",
  resolution:
    "After the support restructure the ticket landed in the unmonitored 'Billing-L2' queue with no SLA timer. Routing fixed, SLA timers added, template updated for all 12 practices.",
  changes: [
    {
      at: ago(19, 9, 0),
      source: "vendor_config",
      scope: "global",
      productArea: "billing",
      title: "Support: billing and invoicing tickets routed to the new Billing-L2 queue",
      description:
        "Part of the support team restructure; tickets tagged invoicing or billing skip the L1 queue.",
    },
  ],
  tickets: [
    ticket({
      createdAt: ago(17, 10, 0),
      subject: "Invoice template change request",
      description:
        "We need each practice's registration number on its invoices, for all 12 practices, before month end.",
      priority: "normal",
      tags: ["invoicing", "template"],
      comments: [
        customer(ago(13, 9, 0), "Any update? This is time-sensitive."),
        agent(
          ago(11, 9, 0),
          "Sorry for the delay - this ticket sat in an unassigned queue after our team restructure.",
        ),
        customer(ago(11, 10, 0), "Six days without a reply, and our CSM didn't know."),
        agent(ago(8, 15, 0), "Template updated for all 12 practices."),
      ],
      closedAt: ago(6, 12, 0),
      resolution: "Template updated.",
    }),
  ],
};

export const EXPECTATION_STORIES: Story[] = [solenne, cobaltine, quayle, alderbankSupport];
