/**
 * Live pattern (b), continued: two more EU-hosted workspaces whose exports hit the 120 s statement timeout
 * on rpt-eu-2 after the migration, one still waiting for the move to the dedicated export queue, one whose
 * export is requested through the API and so never moved.
 */
import { EU_TIMEOUT } from "./pattern-eu-reporting.ts";
import { agent, customer, eng, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const lindqvist: Story = {
  key: "e-lindqvist",
  account: "lindqvist",
  openedAt: ago(20, 10, 0),
  resolvedAt: ago(13, 16, 0),
  category: "infrastructure",
  severity: "high",
  productArea: "analytics-exports",
  summary:
    "Lindqvist & Moor's group financial controller escalated through their CSM: the month-end project cost export that feeds their ERP has failed on every run since Monday, so 60 site projects cannot be closed for the month and subcontractor accruals are late. Asked why nobody warned them about a migration.",
  resolution:
    "Follow-up of INC-2291 on rpt-eu-2: the workspace's project-cost rollups were still queued for rebuild and its scheduled exports had not yet moved to the dedicated queue, so the 14-month cost export hit the 120 s statement timeout. Rollups rebuilt first, exports moved to the dedicated queue (600 s), the three failed runs re-delivered.",
  tickets: [
    ticket({
      createdAt: ago(24, 9, 30),
      subject: "Project cost dashboard shows 'Query timed out'",
      description:
        "Site managers can't open the 'Project cost vs budget' dashboard this morning; it spins for two minutes and then times out.",
      priority: "normal",
      tags: ["reporting", "performance"],
      comments: [
        agent(
          ago(24, 10, 15),
          "This is part of INC-2291 (slow reporting in the EU data region). I'll update you when it is resolved.",
        ),
        agent(
          ago(17, 9, 0),
          "Your project-cost rollups were rebuilt on Wednesday; the dashboard loads in 5 s.",
        ),
      ],
      closedAt: ago(17, 11, 0),
      resolution: "Resolved with INC-2291 and the rollup rebuild.",
    }),
    ticket({
      createdAt: ago(21, 7, 50),
      subject: "Month-end project cost export failed three times",
      description:
        "The scheduled 'Project costs to ERP' export failed overnight and on two manual runs this morning. Our ERP import for the month-end close depends on it.",
      priority: "urgent",
      tags: ["analytics-exports", "scheduled-export"],
      comments: [
        agent(ago(21, 8, 40), `All three runs failed with "${EU_TIMEOUT}".`),
        customer(ago(21, 13, 0), "Our month-end close is blocked until this file arrives."),
        eng(
          ago(19, 15, 0),
          "Your workspace was in the last group still waiting for the move to the dedicated export queue, and its project-cost rollups were at position 64 in the rebuild queue, so the 14-month query read raw events. Rebuilt your rollups first and moved your scheduled exports to the dedicated queue (600 s).",
        ),
        agent(ago(18, 8, 30), "Reran the three failed exports: 186,930 rows, delivered to your SFTP folder."),
        customer(
          ago(14, 9, 0),
          "The ERP import went through and the month is closed. The last four nightly runs arrived on time.",
        ),
      ],
      closedAt: ago(13, 16, 0),
      resolution:
        "Rollups rebuilt, scheduled exports moved to the dedicated queue; failed runs re-delivered.",
    }),
  ],
};

const ambercroft: Story = {
  key: "e-ambercroft",
  account: "ambercroft",
  openedAt: ago(17, 14, 0),
  resolvedAt: ago(10, 12, 0),
  category: "infrastructure",
  severity: "high",
  productArea: "analytics-exports",
  summary:
    "Ambercroft's head of client services: the nightly rent-roll export behind their landlord portal has failed on most nights since the EU migration, so 85 landlords have seen figures up to ten days old and two of their largest clients complained in writing. Wants a fix, not another status update.",
  resolution:
    "The landlord portal requested the rent roll through the API as an ad-hoc export, which on rpt-eu-2 keeps the interactive 120 s statement timeout and was never moved to the dedicated queue. Replaced it with a scheduled export on the dedicated queue (600 s) that the portal fetches from the export inbox; rollups rebuilt.",
  tickets: [
    ticket({
      createdAt: ago(25, 8, 10),
      subject: "Rent-roll export failing at night",
      description:
        "Our landlord portal requests the rent-roll export every night at 01:00 UTC. It failed the last two nights with an error.",
      priority: "high",
      tags: ["analytics-exports", "public-api"],
      comments: [
        agent(
          ago(25, 9, 0),
          `Both requests failed with "${EU_TIMEOUT}". Your reports run on rpt-eu-2 since Tuesday night's EU migration.`,
        ),
        agent(
          ago(21, 9, 30),
          "INC-2291 is resolved, but your export still fails about two nights in three: it is requested through the API, so it runs as an ad-hoc export with the interactive 120 s limit, not on the scheduled-export queue.",
        ),
        customer(ago(20, 8, 0), "So what do we do? Landlords log in every morning."),
        agent(
          ago(18, 10, 0),
          "Engineering is reviewing. Until then, running it by hand in the app usually finishes.",
        ),
        customer(
          ago(17, 9, 20),
          "We have done that for a week. Two clients have complained in writing; I'm raising this with our account manager.",
        ),
        eng(
          ago(14, 11, 0),
          "Set up a scheduled export 'Rent roll (nightly)' on the dedicated queue (600 s) at 00:30 UTC; your portal can fetch the finished file from the export inbox endpoint instead of requesting a new export. Rollups for your rent tables rebuilt.",
        ),
        customer(ago(11, 8, 30), "Portal switched to the inbox endpoint; four nights on time."),
      ],
      closedAt: ago(10, 12, 0),
      resolution: "API-requested export replaced by a scheduled export on the dedicated queue (600 s).",
    }),
    ticket({
      createdAt: ago(24, 10, 0),
      subject: "Portfolio dashboard very slow",
      description: "The portfolio occupancy dashboard takes about a minute to load today.",
      priority: "normal",
      tags: ["reporting", "performance"],
      comments: [
        agent(ago(24, 10, 40), "Part of INC-2291 (EU reporting). Will update you."),
        agent(ago(20, 9, 0), "Rollups for your workspace were rebuilt; the dashboard loads in 4 s."),
      ],
      closedAt: ago(20, 10, 0),
      resolution: "Resolved with INC-2291.",
    }),
  ],
};

export const EU_EXPORT_STORIES: Story[] = [lindqvist, ambercroft];
