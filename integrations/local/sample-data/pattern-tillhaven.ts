/**
 * A small live pattern: Tillhaven (a payment provider) began requiring a mandate reference on recurring
 * charges, which hit every account charging through it; two escalated, the others only filed tickets.
 */
import { accountTicket, agent, eng, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { PatternInfo, Story, TicketDraft } from "./types.ts";

const orchardrow: Story = {
  key: "tp-orchardrow",
  account: "orchardrow",
  openedAt: ago(47, 15, 0),
  resolvedAt: ago(42, 11, 0),
  category: "third_party",
  severity: "high",
  productArea: "payments",
  summary:
    "Orchard Row's finance lead: a third of this week's subscription charges were declined and customers are getting 'payment failed' emails; box deliveries are on hold. Wants to know whether it is us or Tillhaven.",
  resolution:
    "Tillhaven began requiring a mandate reference on recurring card-on-file charges. payments 2.8.1 sends it; 1,372 declined charges retried successfully.",
  changes: [
    {
      key: "tillhaven-mandate",
      at: ago(49, 23, 0),
      source: "third_party",
      scope: "global",
      productArea: "payments",
      title: "Tillhaven requires a mandate reference on recurring card-on-file charges",
      description:
        "From Monday 23:00 UTC Tillhaven rejects merchant-initiated recurring charges without mandate_reference, decline code 'mandate_required'. Applies to all API versions.",
    },
    {
      at: ago(45, 17, 0),
      source: "vendor_deploy",
      scope: "global",
      productArea: "payments",
      title: "payments 2.8.1: send mandate_reference on recurring Tillhaven charges",
      description:
        "Stores the mandate from the first customer-initiated charge and sends it on recurring ones.",
    },
  ],
  tickets: [
    ticket({
      createdAt: ago(47, 13, 0),
      subject: "Autopay card charges declined 'mandate_required'",
      description:
        "Weekly grocery-box subscriptions: 1,380 of 4,100 card charges were declined this morning with 'mandate_required'.",
      priority: "high",
      tags: ["payments", "declines"],
      comments: [
        agent(
          ago(47, 14, 0),
          "The declines come from Tillhaven: since Monday night they reject recurring charges without a mandate reference. Our payments team is adding it.",
        ),
        eng(
          ago(45, 18, 0),
          "payments 2.8.1 sends mandate_reference for recurring Tillhaven charges; retrying this week's declines.",
        ),
        agent(ago(43, 9, 0), "1,372 charges retried successfully; 8 genuine declines remain."),
      ],
      closedAt: ago(42, 11, 0),
      resolution: "payments 2.8.1; declined charges retried.",
    }),
  ],
};

const marlow: Story = {
  key: "tp-marlow",
  account: "marlow",
  openedAt: ago(46, 11, 0),
  resolvedAt: ago(42, 12, 0),
  category: "third_party",
  severity: "normal",
  productArea: "payments",
  summary:
    "Marlow's owner: every service-plan renewal failed this week and customers are cancelling; for a small shop that is a third of monthly revenue.",
  resolution:
    "Same Tillhaven mandate requirement as Orchard Row; fixed by payments 2.8.1, 64 renewals retried.",
  tickets: [
    ticket({
      createdAt: ago(46, 10, 0),
      subject: "Service-plan renewals failing",
      description: "All our service-plan renewals failed yesterday with error mandate_required.",
      priority: "normal",
      tags: ["payments", "declines"],
      comments: [
        agent(
          ago(46, 10, 40),
          "This is a known Tillhaven change affecting recurring charges; the fix ships tomorrow and we'll retry your renewals.",
        ),
        agent(ago(43, 10, 0), "64 renewals retried successfully."),
      ],
      closedAt: ago(42, 12, 0),
      resolution: "Fixed by payments 2.8.1.",
    }),
  ],
};

export const TILLHAVEN_STORIES: Story[] = [orchardrow, marlow];

export const TILLHAVEN_QUIET_TICKETS: TicketDraft[] = [
  accountTicket("larchmont", {
    createdAt: ago(47, 14, 0),
    subject: "A handful of autopay charges declined",
    description: "12 wellness-plan charges declined with 'mandate_required'. Is that the card or you?",
    priority: "normal",
    tags: ["payments", "declines"],
    comments: [
      agent(ago(47, 15, 0), "A Tillhaven change; our fix ships Friday and we'll retry the 12 charges."),
    ],
    closedAt: ago(42, 13, 0),
    resolution: "Retried after payments 2.8.1.",
  }),
  accountTicket("cinderford", {
    createdAt: ago(46, 16, 0),
    subject: "Monthly service club payments failed",
    description: "Our 9 service club members' payments failed this month.",
    priority: "low",
    tags: ["payments"],
    comments: [agent(ago(46, 16, 30), "Known Tillhaven change; we'll retry them after Friday's fix.")],
    closedAt: ago(42, 14, 0),
    resolution: "Retried after payments 2.8.1.",
  }),
];

export const TILLHAVEN_PATTERN: PatternInfo = {
  name: "Tillhaven recurring charges declined (mandate_required)",
  attribute: "paymentProvider=Tillhaven",
  escalated: ["orchardrow", "marlow"],
  quiet: ["larchmont", "cinderford", "juniper", "quarryhill"],
  changeKeys: ["tillhaven-mandate"],
  storyKeys: ["tp-orchardrow", "tp-marlow"],
};
