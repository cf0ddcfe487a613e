/**
 * Live pattern (c), the latest cohort: three more mid-market accounts that signed on the self-serve track
 * in the last four months. Each trail ends at a job import that keeps failing validation, and each
 * escalation was settled by assigning an implementation manager.
 */
import {
  dispatcherRole,
  importCustomers,
  importJobs,
  importSites,
  smsNotSent,
  taxZero,
  techsNoJobs,
  trail,
  walkthrough,
} from "./onboarding-trail.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const brightwater: Story = {
  key: "o-brightwater",
  account: "brightwater",
  openedAt: ago(21, 15, 0),
  resolvedAt: ago(7, 16, 0),
  category: "onboarding_gap",
  severity: "high",
  productArea: "data-import",
  summary:
    "Brightwater Pool Care's operations director told their AE the winter service contracts can't be loaded: the job import keeps failing validation, 2,600 open pool service visits live in spreadsheets and technicians work from printed lists. Checklist at 8 of 22 steps; asked for a named person or a refund of the setup fee.",
  resolution:
    "Self-serve onboarding: job types, technician accounts and customer external IDs were never set up, so every job import failed validation and nobody followed up. Implementation manager assigned for two weeks; customers re-imported with external IDs, 2,600 visits imported, checklist at 20 of 22.",
  tickets: trail(
    101,
    {
      jobs: "pool service visits",
      people: "pool technicians",
      customers: "3,100",
      openJobs: "2,600",
      checklist: 8,
    },
    [
      [importCustomers, 3],
      [dispatcherRole, 9],
      [taxZero, 17],
      [walkthrough, 30],
      [importSites, 44],
      [techsNoJobs, 58],
      [importJobs, 74, 486],
    ],
  ),
};

const kestrel: Story = {
  key: "o-kestrel",
  account: "kestrel",
  openedAt: ago(12, 14, 0),
  resolvedAt: ago(3, 15, 0),
  category: "onboarding_gap",
  severity: "normal",
  productArea: "data-import",
  summary:
    "Kestrel Roofing's owner emailed their CSM: eleven weeks after signing, the 740 open roofing jobs still aren't in Lanternbay, crews get their jobs by text message and two site visits were missed last week. Says they were sold 'live in two weeks' and wants someone to do the import with them.",
  resolution:
    "Self-serve track: the job import failed on missing job types and crew accounts, and the failed runs went unnoticed. An implementation manager ran the import with their office manager over two sessions; 740 jobs imported, crews assigned to teams, one month credited.",
  tickets: trail(
    89,
    { jobs: "roofing jobs", people: "crews", customers: "1,900", openJobs: "740", checklist: 10 },
    [
      [importCustomers, 4],
      [taxZero, 11],
      [walkthrough, 25],
      [dispatcherRole, 33],
      [importSites, 50],
      [importJobs, 68, 432],
      [techsNoJobs, 75],
    ],
  ),
};

const hallam: Story = {
  key: "o-hallam",
  account: "hallam",
  openedAt: ago(19, 11, 0),
  resolvedAt: ago(6, 15, 0),
  category: "onboarding_gap",
  severity: "high",
  productArea: "data-import",
  summary:
    "Hallam & Pryce's managing director: three months after go-live their planners still run 5,200 open maintenance work orders from the old system, the work-order import keeps failing and the only help offered was a group webinar. Their largest client audits the work-order history next month.",
  resolution:
    "Onboarding gap on the self-serve track: the work-order import was blocked by missing job types, engineer accounts and customer external IDs, and nobody owned the setup. Implementation manager assigned for three weeks; 5,200 work orders imported with their history, teams configured, checklist at 21 of 22.",
  tickets: trail(
    110,
    {
      jobs: "maintenance work orders",
      people: "engineers",
      customers: "420",
      openJobs: "5,200",
      checklist: 6,
    },
    [
      [importCustomers, 5],
      [dispatcherRole, 10],
      [smsNotSent, 21],
      [taxZero, 30],
      [walkthrough, 41],
      [techsNoJobs, 55],
      [importSites, 70],
      [importJobs, 86, 435.5],
    ],
  ),
};

export const ONBOARDING_COHORT_STORIES: Story[] = [brightwater, kestrel, hallam];
