/**
 * Resolved escalations about plan limits (usage_growth) and money (billing).
 */
import { agent, customer, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const greywick: Story = {
  key: "ug-greywick",
  account: "greywick",
  openedAt: ago(39, 14, 0),
  resolvedAt: ago(36, 16, 0),
  category: "usage_growth",
  severity: "high",
  productArea: "public-api",
  summary:
    "Greywick's COO: their ATS can't fill holiday shifts because our API keeps throttling it; 300 placements delayed this week. Wants the limit lifted today.",
  resolution:
    "Seasonal volume tripled their API calls past the scale plan's 600 requests/min. Limit raised to 1,500/min for eight weeks, ATS moving to webhooks, enterprise API tier quoted.",
  tickets: [
    ticket({
      createdAt: ago(40, 15, 0),
      subject: "API 429s from our ATS integration",
      description: "Our applicant-tracking integration gets 429 Too Many Requests most afternoons this week.",
      priority: "high",
      tags: ["public-api", "rate-limit"],
      comments: [
        agent(
          ago(40, 16, 0),
          "You are at the scale plan limit of 600 requests/min: peaks of 1,450/min between 14:00 and 16:00 UTC while the ATS polls /v2/shifts for 3,200 open placements.",
        ),
        customer(ago(40, 17, 0), "We tripled placements for the holiday season."),
        agent(
          ago(39, 10, 0),
          "Options: webhooks instead of polling, or the enterprise API tier (3,000/min).",
        ),
      ],
      closedAt: ago(36, 16, 0),
      resolution: "Temporary limit raise; moving to webhooks.",
    }),
  ],
};

const parchment: Story = {
  key: "ug-parchment",
  account: "parchment",
  openedAt: ago(17, 14, 0),
  resolvedAt: ago(15, 11, 0),
  category: "usage_growth",
  severity: "high",
  productArea: "data-import",
  summary:
    "Parchment & Pine's circulation director: the annual renewal run for 1.9M subscribers is blocked by our import limit and the print deadline is Monday.",
  resolution:
    "Their subscriber base grew fivefold with two acquired titles, past the 50 MB / 500k-row import limit. File split into four parts with our help; bulk import API trial enabled.",
  tickets: [
    ticket({
      createdAt: ago(17, 10, 0),
      subject: "Subscriber import rejected - file too large",
      description: "Our annual subscriber renewal file (212 MB, 1.9M rows) fails at upload.",
      priority: "high",
      tags: ["data-import", "limits"],
      comments: [
        agent(ago(17, 11, 0), "Imports are limited to 50 MB / 500k rows per file on your plan."),
        customer(ago(17, 11, 30), "Last year's file was 38 MB. We acquired two titles this year."),
        agent(ago(17, 13, 0), "Split it into parts or use the bulk import API; we can enable a trial."),
      ],
      closedAt: ago(15, 11, 0),
      resolution: "Split into four files; bulk API trial.",
    }),
  ],
};

const sablewood: Story = {
  key: "ug-sablewood",
  account: "sablewood",
  openedAt: ago(10, 15, 0),
  resolvedAt: ago(6, 14, 0),
  category: "usage_growth",
  severity: "high",
  productArea: "notifications-sms",
  summary:
    "Sablewood's director of care: visit reminders stopped for 600 home-care clients mid-month and carers arrived to locked doors. Wants quota alerts to go to the right people.",
  resolution:
    "Three new branches pushed SMS volume from ~22k to ~38k a month, past the 25k plan quota; alerts went to a departed billing contact. Quota raised, plan upgraded, alert recipients updated.",
  tickets: [
    ticket({
      createdAt: ago(10, 13, 0),
      subject: "Reminders stopped: 'monthly SMS quota reached'",
      description:
        "No visit reminders have gone out since this morning; the SMS page says 'monthly quota reached'.",
      priority: "urgent",
      tags: ["notifications-sms", "quota"],
      comments: [
        agent(
          ago(10, 13, 30),
          "You have sent 25,000 of 25,000 SMS this month; since the three new branches your volume runs at about 38k a month.",
        ),
        customer(ago(10, 14, 0), "Nobody warned us we were close."),
        agent(
          ago(10, 16, 0),
          "Quota alerts go to the billing contact, your former office manager. Raised to 45k for this month; a plan change is needed.",
        ),
      ],
      closedAt: ago(6, 14, 0),
      resolution: "Quota raised; alert recipients updated.",
    }),
  ],
};

const brackenridgeBilling: Story = {
  key: "b-brackenridge",
  account: "brackenridge",
  openedAt: ago(52, 14, 0),
  resolvedAt: ago(45, 12, 0),
  category: "billing",
  severity: "normal",
  productArea: "billing",
  summary:
    "Brackenridge's procurement lead: billed twice ($18,900) for the quarterly seat true-up, both paid by AP, and they want a refund, not a credit. Procurement is now reviewing all our invoices.",
  resolution:
    "The true-up invoice was generated twice after a billing job retry. Refund issued; idempotency key added to the true-up job.",
  tickets: [
    ticket({
      createdAt: ago(52, 9, 0),
      subject: "Invoiced twice for the seat true-up",
      description: "Invoices LB-10418 and LB-10433 both charge the quarterly true-up of 140 seats ($18,900).",
      priority: "normal",
      tags: ["billing", "invoice"],
      comments: [
        agent(
          ago(52, 11, 0),
          "Confirmed: the true-up ran twice after a retry in our billing job. Finance will issue a credit note.",
        ),
        customer(ago(49, 10, 0), "Our AP already paid both. We need a refund, not a credit."),
        agent(ago(46, 15, 0), "Refund of $18,900 issued."),
      ],
      closedAt: ago(45, 12, 0),
      resolution: "Refund issued.",
    }),
  ],
};

const rookwood: Story = {
  key: "b-rookwood",
  account: "rookwood",
  openedAt: ago(27, 18, 0),
  resolvedAt: ago(20, 10, 0),
  category: "billing",
  severity: "normal",
  productArea: "billing",
  summary:
    "Rookwood's managing partner: charged a full year ($7,200) for a mid-term upgrade; calls it 'bait and switch' and asked how to cancel.",
  resolution:
    "The mid-term upgrade was billed as a new annual term instead of prorated. $4,200 refunded; billing ops fixed the self-serve upgrade flow.",
  tickets: [
    ticket({
      createdAt: ago(27, 16, 0),
      subject: "Charged a full year after upgrading",
      description:
        "We moved from growth to scale mid-term and were charged $7,200 for a full year instead of the remaining five months.",
      priority: "normal",
      tags: ["billing", "proration"],
      comments: [
        agent(
          ago(27, 17, 0),
          "The upgrade was processed as a new annual term; it should have been prorated. Passing to billing ops.",
        ),
        agent(ago(21, 10, 0), "Refund of $4,200 issued; your renewal date is unchanged."),
      ],
      closedAt: ago(20, 10, 0),
      resolution: "Prorated; $4,200 refunded.",
    }),
  ],
};

const littleowl: Story = {
  key: "b-littleowl",
  account: "littleowl",
  openedAt: ago(13, 17, 0),
  resolvedAt: ago(7, 12, 0),
  category: "billing",
  severity: "low",
  productArea: "billing",
  summary:
    "Little Owl's owner disputes a $1,840 SMS overage: a staff member sent the parent newsletter as SMS four times. Says she will leave if it stands.",
  resolution:
    "The overage was valid (61k SMS against 10k included) but came from a mis-sent newsletter. One-off waiver; SMS spend cap enabled.",
  tickets: [
    ticket({
      createdAt: ago(13, 15, 0),
      subject: "SMS overage charge of $1,840?",
      description: "Our invoice has an SMS overage of $1,840. We normally never go over.",
      priority: "normal",
      tags: ["billing", "notifications-sms"],
      comments: [
        agent(
          ago(13, 16, 0),
          "Last month you sent 61k SMS against 10k included; overage at $0.036 per message.",
        ),
        customer(
          ago(13, 16, 30),
          "The parents' newsletter went out by SMS by mistake - four times, to 12k parents.",
        ),
        agent(ago(8, 11, 0), "Finance approved a one-off waiver; we've enabled a monthly SMS spend cap."),
      ],
      closedAt: ago(7, 12, 0),
      resolution: "Overage waived; spend cap on.",
    }),
  ],
};

export const USAGE_BILLING_STORIES: Story[] = [
  greywick,
  parchment,
  sablewood,
  brackenridgeBilling,
  rookwood,
  littleowl,
];
