/**
 * Live pattern (b): EU-hosted workspaces with slow reports and failing exports since the EU reporting
 * warehouse moved to rpt-eu-2 (fewer nodes, cold rollups, a 120 s statement timeout), then an incident.
 */
import { accountTicket, agent, customer, eng, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { ChangeDraft, PatternInfo, Story, TicketDraft } from "./types.ts";

/** What a failed query says. */
export const EU_TIMEOUT = "ERROR 57014: canceling statement due to statement timeout (120000 ms) on rpt-eu-2";

export const EU_CHANGES: ChangeDraft[] = [
  {
    key: "eu-rpt-migration",
    at: ago(27, 20, 0),
    source: "vendor_config",
    scope: "segment",
    region: "eu",
    productArea: "reporting",
    title: "EU data region: reporting warehouse moved to cluster rpt-eu-2",
    description:
      "Dashboards, saved reports and analytics exports of EU-hosted workspaces now query rpt-eu-2 (new storage tier, 3 nodes instead of 5). Monthly rollup tables are rebuilt in the background; until then queries read raw events. Statement timeout on the new cluster: 120 s (was 300 s).",
  },
  {
    key: "eu-rpt-incident",
    at: ago(24, 7, 40),
    source: "incident",
    scope: "segment",
    region: "eu",
    productArea: "reporting",
    title: "INC-2291: slow reports and failing exports in the EU data region",
    description:
      "p95 report latency in the EU region 38 s (normal 4 s) from 07:40 UTC; scheduled exports failing with statement timeouts. Rollup rebuild prioritised and 2 nodes added back at 16:10 UTC; resolved 18:30 UTC. Large ad-hoc exports remain slower than before the migration.",
  },
];

const harrowgate: Story = {
  key: "e-harrowgate",
  account: "harrowgate",
  openedAt: ago(25, 11, 0),
  resolvedAt: ago(17, 12, 0),
  category: "infrastructure",
  severity: "critical",
  productArea: "analytics-exports",
  summary:
    "Harrowgate's CFO: the carrier settlement export failed two nights running, so 340 carrier payments are late, and the depot dashboards have been unusable since Wednesday morning. Wants a written RCA and assurance before their quarter close.",
  resolution:
    "The EU reporting warehouse migration to rpt-eu-2 (fewer nodes, cold rollups, 120 s statement timeout) slowed EU reports and timed out large exports (INC-2291). Rollups rebuilt, nodes added back, scheduled exports moved to a dedicated queue with a 600 s timeout.",
  tickets: [
    ticket({
      createdAt: ago(26, 8, 30),
      subject: "Depot dashboard takes over a minute to load",
      description:
        "Since this morning the Depot Performance dashboard takes 60-90 s and sometimes shows 'Query timed out'. It runs on the big screen in every depot.",
      priority: "high",
      tags: ["reporting", "performance"],
      comments: [
        agent(
          ago(26, 9, 40),
          "Reproduced: 74 s. Your workspace's reports run on rpt-eu-2 since last night's EU migration.",
        ),
        eng(
          ago(25, 14, 0),
          "Rollups for this workspace are not rebuilt yet (queue position 112), so the dashboard reads raw events: 41M rows for 90 days.",
        ),
        agent(ago(17, 11, 0), "Rollups rebuilt; the dashboard loads in 4 s."),
      ],
      closedAt: ago(17, 12, 0),
      resolution: "Rollups rebuilt after the EU warehouse migration; dashboard back to 4 s.",
    }),
    ticket({
      createdAt: ago(25, 7, 15),
      subject: "Nightly carrier settlement export failed two nights in a row",
      description:
        "Scheduled export 'Carrier settlements (daily)' failed at 02:00 UTC on Wednesday and Thursday. Finance pays carriers from this file.",
      priority: "urgent",
      tags: ["analytics-exports", "scheduled-export"],
      comments: [
        agent(ago(25, 8, 0), `Both runs failed with "${EU_TIMEOUT}".`),
        eng(
          ago(24, 17, 55),
          "After the INC-2291 mitigation the export ran manually: 212,406 rows, file delivered. Moving scheduled exports for EU workspaces to a dedicated queue with a 600 s timeout.",
        ),
        customer(ago(22, 9, 0), "Last two nights' files arrived on time. Thanks."),
      ],
      closedAt: ago(17, 12, 0),
      resolution: "Export rerun after INC-2291; scheduled exports moved to a dedicated queue (600 s).",
    }),
  ],
};

const northcairn: Story = {
  key: "e-northcairn",
  account: "northcairn",
  openedAt: ago(21, 12, 0),
  resolvedAt: ago(13, 15, 0),
  category: "infrastructure",
  severity: "high",
  productArea: "analytics-exports",
  summary:
    "Northcairn's COO: the regulator waiting-times submission is due Friday and the export keeps failing; clinic managers have had no utilisation reports for a week. Asked whether their data is safe after 'the migration'.",
  resolution:
    "Same cause as INC-2291: EU reporting on rpt-eu-2 with a 120 s statement timeout while rollups were still rebuilding. Export run on the dedicated queue, the workspace's rollups rebuilt first; utilisation report back to 5 s. No data was lost.",
  tickets: [
    ticket({
      createdAt: ago(24, 13, 0),
      subject: "Clinic utilisation report won't load",
      description:
        "The weekly utilisation report spins and then says 'Query timed out'. 14 clinic managers use it on Friday afternoons.",
      priority: "normal",
      tags: ["reporting", "performance"],
      comments: [
        agent(
          ago(24, 14, 10),
          "We have an open incident for slow reporting in the EU region (INC-2291). I'll update you when it is resolved.",
        ),
        customer(ago(21, 8, 30), "Still timing out this morning."),
      ],
      closedAt: ago(13, 15, 0),
      resolution: "Rollups rebuilt; report loads in 5 s.",
    }),
    ticket({
      createdAt: ago(21, 8, 10),
      subject: "Regulator submission export failing",
      description:
        "The quarterly waiting-times export for the health authority fails every time. It's due on Friday.",
      priority: "high",
      tags: ["analytics-exports"],
      comments: [
        agent(
          ago(21, 9, 0),
          `Error on each run: "Export failed: query exceeded the 120 s limit (rpt-eu-2)". Engineering is on it.`,
        ),
        eng(
          ago(19, 10, 30),
          "Ran the export on the dedicated queue; file delivered to the export inbox (48,112 rows).",
        ),
      ],
      closedAt: ago(13, 15, 0),
      resolution: "Export delivered via the dedicated queue.",
    }),
  ],
};

const thornvale: Story = {
  key: "e-thornvale",
  account: "thornvale",
  openedAt: ago(7, 16, 20),
  category: null,
  severity: "high",
  productArea: "analytics-exports",
  summary:
    "Thornvale's finance director escalated through their exec sponsor: the board-pack sales export has failed on every run since last Friday and our 'split it by quarter' workaround went down badly. Renewal is due in seven weeks and they are evaluating a BI vendor.",
  tickets: [
    ticket({
      createdAt: ago(12, 10, 0),
      subject: "Scheduled exports arriving hours late",
      description: "Our 02:00 store-sales export has been arriving around 07:00.",
      priority: "normal",
      tags: ["analytics-exports", "scheduled-export"],
      comments: [
        agent(
          ago(11, 9, 0),
          "Scheduled exports for EU workspaces moved to a dedicated queue; yours ran at 02:04 this morning.",
        ),
      ],
      closedAt: ago(10, 12, 0),
      resolution: "Moved to the dedicated export queue.",
    }),
    ticket({
      createdAt: ago(10, 9, 0),
      subject: "13-month sales-by-store export fails every time",
      description:
        "Finance exports 13 months of sales by store for the board pack. It fails after about two minutes with an error. It worked fine two months ago.",
      priority: "high",
      tags: ["analytics-exports"],
      comments: [
        agent(
          ago(10, 10, 30),
          `The error is "${EU_TIMEOUT}". Ad-hoc exports still run with the interactive 120 s limit.`,
        ),
        customer(ago(10, 11, 0), "The board pack is due next Thursday. We need this working."),
        eng(
          ago(7, 11, 0),
          "Ad-hoc exports on rpt-eu-2 keep the 120 s limit; raising it needs a config review. Workaround: export by quarter.",
        ),
        customer(
          ago(7, 15, 0),
          "Exporting five files and stitching them by hand for 140 stores is not a workaround.",
        ),
      ],
    }),
  ],
};

export const EU_STORIES: Story[] = [harrowgate, northcairn, thornvale];

export const EU_QUIET_TICKETS: TicketDraft[] = [
  accountTicket("kinloch", {
    createdAt: ago(24, 11, 0),
    subject: "Reports slower this week?",
    description: "The bottling schedule report takes 30 s instead of a few seconds. Not urgent.",
    priority: "low",
    tags: ["reporting", "performance"],
    comments: [
      agent(
        ago(20, 10, 0),
        "Rollups for your workspace were rebuilt this morning after the EU migration; the report runs in 6 s now.",
      ),
    ],
    closedAt: ago(20, 12, 0),
    resolution: "Rollups rebuilt after the EU migration.",
  }),
  accountTicket("mapleward", {
    createdAt: ago(20, 9, 0),
    subject: "Weekly attendance export failed once",
    description: "Monday's attendance export email said 'failed'. Re-ran it by hand and it worked.",
    priority: "normal",
    tags: ["analytics-exports"],
    comments: [
      agent(
        ago(20, 11, 0),
        "Monday's run hit the statement timeout on the new EU cluster; the rerun succeeded. It now runs on the dedicated export queue.",
      ),
    ],
    closedAt: ago(19, 9, 0),
    resolution: "Statement timeout on rpt-eu-2; moved to the dedicated queue.",
  }),
  accountTicket("glenmoor", {
    createdAt: ago(24, 15, 0),
    subject: "Dashboard 'Plant utilisation' timing out",
    description:
      "Since yesterday the plant utilisation dashboard shows 'Query timed out' about half the time.",
    priority: "normal",
    tags: ["reporting", "performance"],
    comments: [
      agent(ago(24, 15, 40), "Part of INC-2291 (EU reporting). Will update you."),
      agent(ago(18, 10, 0), "Rollups rebuilt; the dashboard loads in 3 s."),
    ],
    closedAt: ago(18, 10, 30),
    resolution: "Resolved with INC-2291.",
  }),
];

export const EU_PATTERN: PatternInfo = {
  name: "EU reporting and exports degraded after the rpt-eu-2 migration",
  attribute: "region=eu",
  escalated: ["harrowgate", "northcairn", "lindqvist", "ambercroft", "thornvale"],
  quiet: ["kinloch", "mapleward", "glenmoor"],
  changeKeys: ["eu-rpt-migration", "eu-rpt-incident"],
  storyKeys: ["e-harrowgate", "e-northcairn", "e-lindqvist", "e-ambercroft", "e-thornvale"],
};
