/**
 * Live pattern (c): new mid-market accounts on the self-serve onboarding track (made the default for
 * contracts under 150 seats) leave a trail of how-to tickets and unfinished setup, then escalate with an
 * onboarding gap. Guided accounts that started in the same months do not.
 */
import {
  dispatcherRole,
  importCustomers,
  importJobs,
  recurring,
  smsNotSent,
  taxZero,
  techsNoJobs,
  trail,
  walkthrough,
} from "./onboarding-trail.ts";
import { ago, agoDay } from "./time.ts";
import type { ChangeDraft, PatternInfo, Story } from "./types.ts";

export const ONBOARDING_CHANGES: ChangeDraft[] = [
  {
    key: "onboarding-self-serve",
    at: ago(132, 12, 0),
    source: "vendor_config",
    scope: "segment",
    segment: "mid_market",
    productArea: "onboarding",
    title: "Onboarding: new mid-market contracts under 150 seats moved to the self-serve track",
    description:
      "Implementation managers now start only with contracts of 150+ seats. Smaller mid-market customers get the self-serve track: in-app checklist (22 steps), two group webinars, help-center guides and a data-import template; an implementation manager only on request as a paid package.",
  },
];

const bluefen: Story = {
  key: "o-bluefen",
  account: "bluefen",
  openedAt: ago(46, 15, 0),
  resolvedAt: ago(33, 12, 0),
  category: "onboarding_gap",
  severity: "high",
  productArea: "data-import",
  summary:
    "Bluefen's ops director told their AE they are 'still running half the install jobs in spreadsheets' ten weeks after go-live; onboarding checklist at 9 of 22 steps and 3,400 open jobs failed to import. Mentioned the 90-day exit clause.",
  resolution:
    "The self-serve track left job import, tax setup and technician teams unfinished and nobody owned the implementation. Implementation manager assigned for four weeks: jobs imported, tax and teams configured, checklist at 22 of 22.",
  tickets: trail(
    118,
    { jobs: "install jobs", people: "installers", customers: "2,300", openJobs: "3,400", checklist: 9 },
    [
      [importCustomers, 6],
      [dispatcherRole, 12],
      [taxZero, 19],
      [techsNoJobs, 30],
      [walkthrough, 44],
      [smsNotSent, 58],
      [importJobs, 68, 330],
    ],
  ),
};

const emberly: Story = {
  key: "o-emberly",
  account: "emberly",
  openedAt: ago(25, 14, 0),
  resolvedAt: ago(12, 16, 0),
  category: "onboarding_gap",
  severity: "normal",
  productArea: "notifications-sms",
  summary:
    "Emberly's GM emailed our CEO: after three months they still can't send event reminders or invoice deposits from Lanternbay, and the only help offered was a group webinar. Asked for a refund of the implementation fee they 'never got'.",
  resolution:
    "Self-serve onboarding: SMS sender never registered, deposit invoice templates and tax never configured. Implementation manager assigned for three weeks; reminders live, deposit invoicing configured, one month credited.",
  tickets: trail(
    97,
    { jobs: "event bookings", people: "event staff", customers: "1,150", openJobs: "860", checklist: 11 },
    [
      [importCustomers, 5],
      [taxZero, 14],
      [recurring, 22],
      [walkthrough, 35],
      [techsNoJobs, 50],
      [smsNotSent, 64, 470],
    ],
  ),
};

const vantor: Story = {
  key: "o-vantor",
  account: "vantor",
  openedAt: ago(10, 16, 0),
  category: null,
  severity: "high",
  productArea: "data-import",
  summary:
    "Vantor's COO on a call with their CSM: eleven weeks in, rental deliveries are still planned in spreadsheets, drivers don't use the app and the job import has failed three times. Wants a named implementation contact or to pause the contract.",
  tickets: trail(
    83,
    { jobs: "rental deliveries", people: "drivers", customers: "4,800", openJobs: "2,100", checklist: 7 },
    [
      [dispatcherRole, 4],
      [importCustomers, 9],
      [taxZero, 18],
      [walkthrough, 31],
      [recurring, 45],
      [techsNoJobs, 60],
      [importJobs, 70],
    ],
    6,
  ),
};

export const ONBOARDING_STORIES: Story[] = [bluefen, emberly, vantor];

/** A self-serve account that started in the same months and is doing fine. */
export const ONBOARDING_QUIET_TICKETS = trail(
  62,
  { jobs: "bookings", people: "community managers", customers: "640", openJobs: "120", checklist: 18 },
  [
    [importCustomers, 5],
    [dispatcherRole, 16],
    [recurring, 40],
  ],
).map((t) => ({ accountKey: "driftwood", ...t }));

export const ONBOARDING_PATTERN: PatternInfo = {
  name: "Self-serve onboarding of new mid-market accounts stalls",
  attribute: `onboarding=self-serve, segment=mid_market (contract started after ${agoDay(120)})`,
  escalated: ["bluefen", "emberly", "brightwater", "kestrel", "hallam", "vantor"],
  quiet: ["driftwood"],
  changeKeys: ["onboarding-self-serve"],
  storyKeys: ["o-bluefen", "o-emberly", "o-brightwater", "o-kestrel", "o-hallam", "o-vantor"],
};
