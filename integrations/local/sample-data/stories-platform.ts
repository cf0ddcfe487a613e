/**
 * Resolved escalations from our infrastructure, our intended changes, a third party and bad data.
 */
import { agent, customer, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const hollins: Story = {
  key: "in-hollins",
  account: "hollins",
  openedAt: ago(46, 17, 0),
  resolvedAt: ago(45, 12, 0),
  category: "infrastructure",
  severity: "high",
  productArea: "notifications-sms",
  summary:
    "Hollins' operations manager: same-day appointment texts arrived after technicians had already knocked; 180 missed appointments and a day of re-booking. Asked for credits and whether it is fixed.",
  resolution:
    "INC-2240: a stuck consumer on the US notification queue delayed messages by up to 3 hours. Consumer restarted, queue-lag alerting added, one week credited.",
  changes: [
    {
      at: ago(46, 12, 50),
      source: "incident",
      scope: "global",
      productArea: "notifications-sms",
      title: "INC-2240: notification queue backlog in the US region",
      description:
        "A stuck consumer let 410k messages back up from 12:50 to 16:05 UTC; SMS and email reminders went out up to 3 h late and same-day reminders past their slot were dropped.",
    },
  ],
  tickets: [
    ticket({
      createdAt: ago(46, 14, 10),
      subject: "Reminder texts going out hours late",
      description: "Customers are getting 'your technician arrives at 10:00' texts at 13:00.",
      priority: "urgent",
      tags: ["notifications-sms", "delay"],
      comments: [
        agent(
          ago(46, 14, 40),
          "We have an incident open for delayed notifications in the US region (INC-2240).",
        ),
        agent(
          ago(46, 16, 30),
          "Queue drained at 16:05 UTC; new reminders are on time. 1,940 of your reminders were late, 212 dropped.",
        ),
      ],
      closedAt: ago(45, 12, 0),
      resolution: "INC-2240 resolved.",
    }),
  ],
};

const velloran: Story = {
  key: "in-velloran",
  account: "velloran",
  openedAt: ago(35, 13, 0),
  resolvedAt: ago(32, 15, 0),
  category: "infrastructure",
  severity: "high",
  productArea: "public-api",
  summary:
    "Velloran's head of operations control: two depots ran Sunday on stale crew rosters after our API outage and six services were delayed. Wants an incident report and our failover RTO in writing.",
  resolution:
    "INC-2256: a database failover took 38 minutes instead of under 2 because the connection pooler kept stale primaries. Pooler health checks fixed; incident report with RTO commitments sent.",
  changes: [
    {
      at: ago(36, 3, 10),
      source: "incident",
      scope: "global",
      productArea: "public-api",
      title: "INC-2256: database failover in us-east, public API returned 503 for 38 minutes",
      description:
        "Primary database failover at 03:12 UTC; the connection pooler kept routing to the old primary until 03:50 UTC.",
    },
  ],
  tickets: [
    ticket({
      createdAt: ago(35, 8, 0),
      subject: "API 503s during our overnight crew roster sync",
      description:
        "Our roster sync got 503 Service Unavailable from 03:12 to 03:50 UTC on Sunday, hit its retry limit, and two depots started Sunday with last week's rosters.",
      priority: "high",
      tags: ["public-api", "outage"],
      comments: [
        agent(ago(35, 9, 0), "That window matches INC-2256 (database failover)."),
        customer(ago(35, 10, 0), "Why was there no status page notice?"),
        agent(
          ago(35, 11, 0),
          "The status page was updated at 03:31; checking why your subscription didn't notify you.",
        ),
      ],
      closedAt: ago(32, 15, 0),
      resolution: "Explained INC-2256; status subscription fixed.",
    }),
  ],
};

const harborlights: Story = {
  key: "tp-harborlights",
  account: "harborlights",
  openedAt: ago(31, 15, 0),
  resolvedAt: ago(27, 10, 0),
  category: "third_party",
  severity: "normal",
  productArea: "notifications-sms",
  summary:
    "Harbor Lights' owner: a quarter of patients didn't get appointment reminders this week; 30 no-shows in two days for a four-chair practice.",
  resolution:
    "A US carrier began filtering messages with public URL shorteners (Signalhop notice). Template switched to the branded link domain; delivery back to 99%.",
  changes: [
    {
      at: ago(34, 15, 0),
      source: "third_party",
      scope: "global",
      productArea: "notifications-sms",
      title: "Signalhop: a US carrier filters messages with public URL shorteners",
      description:
        "SMS aggregator Signalhop notified that one major US carrier blocks A2P messages containing public link shorteners; they fail with error 30007 (carrier filtering).",
    },
  ],
  tickets: [
    ticket({
      createdAt: ago(32, 15, 0),
      subject: "Appointment reminders not delivered to some patients",
      description: "About a quarter of reminders show 'undelivered' since yesterday.",
      priority: "high",
      tags: ["notifications-sms", "delivery"],
      comments: [
        agent(
          ago(32, 16, 0),
          "The failed messages all contain a shortened booking link and fail with 30007 (carrier filtering) on one carrier.",
        ),
        customer(ago(32, 17, 0), "We added the short link last month to save characters."),
        agent(
          ago(31, 10, 0),
          "Switch to your branded link domain (Settings > SMS > Links); tested, it delivers.",
        ),
      ],
      closedAt: ago(27, 10, 0),
      resolution: "Branded link domain in the template.",
    }),
  ],
};

const quillfeatherExports: Story = {
  key: "vc-quillfeather",
  account: "quillfeather",
  openedAt: ago(56, 11, 0),
  resolvedAt: ago(53, 15, 0),
  category: "vendor_change",
  severity: "high",
  productArea: "analytics-exports",
  summary:
    "Quillfeather's data platform lead: a week of claims exports landed in their warehouse as garbage and regulatory reporting ran on incomplete data. Angry that a format change went out without an opt-in.",
  resolution:
    "Our locale-based CSV change made EU-locale exports semicolon-delimited; their loader expected commas. Export pinned to the comma format; export admins will be told of format changes directly.",
  changes: [
    {
      at: ago(66, 10, 0),
      source: "vendor_config",
      scope: "global",
      productArea: "analytics-exports",
      title: "analytics-exports: CSV delimiter follows the workspace locale",
      description:
        "Workspaces with decimal-comma locales get semicolon-delimited CSV with decimal commas. Announced in the release notes.",
    },
  ],
  tickets: [
    ticket({
      createdAt: ago(56, 8, 0),
      subject: "Claims export broken in our warehouse load",
      description:
        "Since last Monday our nightly claims export loads into the warehouse with every row in one column.",
      priority: "high",
      tags: ["analytics-exports", "csv"],
      comments: [
        agent(
          ago(56, 9, 0),
          "Exports for your locale (de-DE) use ';' and decimal commas since our change last Friday.",
        ),
        customer(ago(56, 10, 0), "Nobody asked us. Our loader has expected commas for four years."),
        agent(
          ago(55, 9, 0),
          "You can pin the old format: Export settings > Format > 'CSV (comma, decimal point)'.",
        ),
      ],
      closedAt: ago(53, 15, 0),
      resolution: "Export pinned to the comma format.",
    }),
  ],
};

const greenreed: Story = {
  key: "dq-greenreed",
  account: "greenreed",
  openedAt: ago(41, 16, 0),
  resolvedAt: ago(38, 12, 0),
  category: "data_quality",
  severity: "normal",
  productArea: "data-import",
  summary:
    "Greenreed's owner: the seasonal clean-up reminders missed 4,000 customers and bookings are down 30% this week; thinks our SMS 'is broken'.",
  resolution:
    "The imported list had 4,120 phone numbers without a country code, which SMS rejects as invalid. Re-imported with default country US; numbers normalised.",
  tickets: [
    ticket({
      createdAt: ago(41, 14, 0),
      subject: "Half our customers not getting texts",
      description: "We imported our customer list last week and reminders reach only about half of them.",
      priority: "normal",
      tags: ["notifications-sms", "data-import"],
      comments: [
        agent(
          ago(41, 15, 0),
          "4,120 of 9,300 imported numbers have no country code and a leading 0; they fail with 'invalid destination number'.",
        ),
        customer(ago(41, 15, 30), "The list came from our old booking tool."),
        agent(ago(40, 9, 0), "Re-import with 'Default country: US'; the numbers normalise to +1."),
      ],
      closedAt: ago(38, 12, 0),
      resolution: "Re-imported with a default country.",
    }),
  ],
};

export const PLATFORM_STORIES: Story[] = [hollins, velloran, harborlights, quillfeatherExports, greenreed];
