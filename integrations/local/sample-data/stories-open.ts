/**
 * Open escalations outside the live patterns (rootCauseCategory still null).
 */
import { agent, customer, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const pinecastleRefunds: Story = {
  key: "open-pinecastle",
  account: "pinecastle",
  openedAt: ago(3, 17, 0),
  category: null,
  severity: "high",
  productArea: "payments",
  summary:
    "Pinecastle's director of finance: 214 guest refunds stuck as 'pending' since Thursday, chargebacks starting and front desks fielding angry calls. Wants to know who owns this, us or Ferrypay.",
  changes: [
    {
      at: ago(5, 20, 0),
      source: "third_party",
      scope: "global",
      productArea: "payments",
      title: "Ferrypay reports degraded refund settlement",
      description:
        "Ferrypay status page: refunds are accepted but settlement is delayed; refunds may show 'pending' for up to 72 h. Investigating.",
    },
  ],
  tickets: [
    ticket({
      createdAt: ago(3, 14, 0),
      subject: "Guest refunds stuck in 'pending' for two days",
      description: "Refunds issued from the front desk since Thursday morning all show 'pending'.",
      priority: "high",
      tags: ["payments", "refunds"],
      comments: [
        agent(
          ago(3, 15, 0),
          "All 214 refunds since Thursday 09:00 UTC were accepted by Ferrypay but not settled; Ferrypay's status page reports degraded refunds.",
        ),
        customer(ago(3, 16, 0), "Guests are disputing the charges with their banks."),
      ],
    }),
  ],
};

const meridaleRenewal: Story = {
  key: "open-meridale",
  account: "meridale",
  openedAt: ago(3, 18, 0),
  category: null,
  severity: "high",
  productArea: "billing",
  summary:
    "Meridale's CFO: the renewal quote is 38% above this year with no warning. After last month's duplicate-contacts escalation they are 'reviewing alternatives'.",
  changes: [
    {
      at: ago(24, 9, 0),
      source: "vendor_config",
      scope: "global",
      productArea: "billing",
      title: "billing: 2027 price book applies to renewals quoted from today",
      description: "SMS bundles and API overage re-priced; multi-year discounts capped at 10%.",
    },
  ],
  tickets: [
    ticket({
      createdAt: ago(3, 15, 0),
      subject: "Renewal quote 38% higher than this year",
      description: "Our renewal quote arrived and it is 38% higher for the same seats.",
      priority: "normal",
      tags: ["billing", "renewal"],
      comments: [
        agent(
          ago(3, 16, 0),
          "The quote uses the 2027 price book: SMS bundle +22%, multi-year discount capped at 10% (you had 18%).",
        ),
        customer(ago(3, 17, 0), "Nobody mentioned a price change in our last business review."),
      ],
    }),
  ],
};

const stonecropTeams: Story = {
  key: "open-stonecrop",
  account: "stonecrop",
  openedAt: ago(4, 12, 0),
  category: null,
  severity: "high",
  productArea: "user-management",
  summary:
    "Stonecrop's plant operations lead: 64 planners lost sight of 300 jobs at two depots since Wednesday and the maintenance backlog is growing. Wants an engineer on a call today.",
  changes: [
    {
      at: ago(6, 18, 0),
      source: "customer_org",
      scope: "account",
      accountKey: "stonecrop",
      productArea: "user-management",
      title: "Customer merged depots North and East into one team",
      description: "Customer admin merged two teams into 'North-East'; 64 planners moved.",
    },
  ],
  tickets: [
    ticket({
      createdAt: ago(4, 8, 0),
      subject: "Planners can't see jobs for two depots",
      description: "Since yesterday planners at North and East see an empty board.",
      priority: "high",
      tags: ["user-management", "visibility"],
      comments: [
        agent(
          ago(4, 9, 0),
          "The visibility rule 'Depot = North or East' references teams that no longer exist since Tuesday evening's merge.",
        ),
        customer(ago(4, 10, 0), "Can't you just fix it? We have 300 jobs unassigned."),
      ],
    }),
  ],
};

export const OPEN_STORIES: Story[] = [pinecastleRefunds, meridaleRenewal, stonecropTeams];
