/**
 * The ticket trail a stalled self-serve onboarding leaves: how-tos, unfinished setup steps, a failed
 * import. Each step is written once and worded for the account through a small context.
 */
import { ticket } from "./story-helpers.ts";
import { ago, plusHours } from "./time.ts";
import type { CommentDraft, StoryTicket } from "./types.ts";

/** What differs between the trails: what the customer schedules and who does the work. */
export interface TrailContext {
  jobs: string;
  people: string;
  customers: string;
  openJobs: string;
  checklist: number;
}

interface TrailItem {
  subject: string;
  description: string;
  priority: StoryTicket["priority"];
  tags: string[];
  comments: [number, CommentDraft["author"], string][];
  closeAfter: number;
  resolution: string;
}

type TrailStep = (c: TrailContext) => TrailItem;

export const importCustomers: TrailStep = (c) => ({
  subject: "How do we import our customer list?",
  description: `We have ${c.customers} customers in a spreadsheet export. The import template has 40 columns - which ones are required?`,
  priority: "normal",
  tags: ["data-import", "how-to", "onboarding"],
  comments: [
    [
      2,
      "agent",
      "Required: Name, Billing email, Service address. Guide: 'Importing customers' in the help center.",
    ],
    [26, "customer", "Import says 'Row 18: address could not be geocoded' for 312 rows. What now?"],
    [
      30,
      "agent",
      "Those addresses lack a postcode. Fix them in the sheet, or tick 'Import without geocoding' and fix them on the map later.",
    ],
  ],
  closeAfter: 52,
  resolution: "Explained required columns and geocoding errors.",
});

export const dispatcherRole: TrailStep = (c) => ({
  subject: "Which role should our coordinators have?",
  description: `The coordinators who plan our ${c.jobs} can't see the dispatch board. We gave them the 'Member' role.`,
  priority: "low",
  tags: ["user-management", "how-to", "onboarding"],
  comments: [
    [
      3,
      "agent",
      "The dispatch board needs the 'Dispatcher' role (or a custom role with dispatch.view). Guide: 'Roles and permissions'.",
    ],
  ],
  closeAfter: 20,
  resolution: "Dispatcher role explained.",
});

export const taxZero: TrailStep = () => ({
  subject: "Invoices show 0% tax",
  description: "Every invoice we sent this month shows 0% tax. Our accountant noticed.",
  priority: "normal",
  tags: ["invoicing", "tax", "onboarding"],
  comments: [
    [
      4,
      "agent",
      "No tax rates are configured yet (Settings > Invoicing > Tax rates); the checklist step 'Set up tax' is still open.",
    ],
    [7, "customer", "Nobody told us that was a separate step. Do we have to re-issue 86 invoices?"],
    [22, "agent", "Yes: a credit note and a re-issue per invoice; bulk re-issue guide attached."],
  ],
  closeAfter: 48,
  resolution: "Tax rates configured; bulk re-issue explained.",
});

export const techsNoJobs: TrailStep = (c) => ({
  subject: `Our ${c.people} can't see their jobs in the app`,
  description: `Half our ${c.people} open the app and see no jobs today.`,
  priority: "high",
  tags: ["scheduling", "onboarding"],
  comments: [
    [
      1,
      "agent",
      "The jobs are assigned to teams, but those users are in no team (Settings > Teams). Checklist step 'Create teams' is not done.",
    ],
    [3, "customer", "Fixed for today. Is there a list of everything we still haven't set up?"],
    [5, "agent", `The in-app onboarding checklist: you're at ${c.checklist} of 22 steps.`],
  ],
  closeAfter: 26,
  resolution: "Users added to teams; pointed to the onboarding checklist.",
});

export const walkthrough: TrailStep = () => ({
  subject: "Can someone walk us through setup?",
  description: "We've been reading guides for weeks. Is there a person who can do a session with our team?",
  priority: "normal",
  tags: ["onboarding", "how-to"],
  comments: [
    [
      5,
      "agent",
      "Your plan includes the self-serve track: the next group webinar is Thursday 16:00 UTC. 1:1 implementation sessions are available as a paid package.",
    ],
    [20, "customer", "In the sales process we were told we'd be 'up and running in two weeks'."],
  ],
  closeAfter: 30,
  resolution: "Sent the webinar invite and the paid implementation package.",
});

export const importJobs: TrailStep = (c) => ({
  subject: `Import of open ${c.jobs} failed validation`,
  description: `We're trying to move ${c.openJobs} open ${c.jobs} from our spreadsheets. The import fails every time.`,
  priority: "high",
  tags: ["data-import", "onboarding"],
  comments: [
    [
      3,
      "agent",
      `Errors: 'Row 2-${c.openJobs}: unknown job type' (job types must exist before the import, Settings > Job types) and 'technician not found' on 600 rows.`,
    ],
    [27, "customer", `We're still running half our ${c.jobs} in spreadsheets. We can't keep doing this.`],
  ],
  closeAfter: 120,
  resolution: "Job types created and import re-run with the implementation manager.",
});

export const importSites: TrailStep = () => ({
  subject: "Service locations import says 'customer not found'",
  description:
    "We imported our customers last week. Now the service locations file fails with 'customer not found' on almost every row.",
  priority: "normal",
  tags: ["data-import", "onboarding"],
  comments: [
    [
      4,
      "agent",
      "Locations are matched to customers by the 'Customer external ID' column, and your customer import left it empty, so nothing matches. Re-import the customers in update mode with the IDs from your old system, then the locations.",
    ],
    [28, "customer", "Is this written down anywhere? The checklist only says 'Import locations'."],
    [
      31,
      "agent",
      "It's step 3 of the 'Importing locations' guide. I've passed your feedback to the onboarding team.",
    ],
  ],
  closeAfter: 72,
  resolution: "Explained customer external IDs; customers re-imported in update mode.",
});

export const smsNotSent: TrailStep = () => ({
  subject: "Appointment reminders aren't going out",
  description: "We switched on SMS reminders a week ago; customers say they never got one.",
  priority: "normal",
  tags: ["notifications-sms", "onboarding"],
  comments: [
    [
      2,
      "agent",
      "Reminders are on, but no sender number is registered (Settings > SMS > Sender). Registration takes 3-5 business days.",
    ],
    [4, "customer", "Why didn't the setup tell us that?"],
  ],
  closeAfter: 100,
  resolution: "Sender registered; reminders sending.",
});

export const recurring: TrailStep = (c) => ({
  subject: "How do recurring plans work?",
  description: `Some of our ${c.jobs} repeat every quarter. Can Lanternbay create them automatically?`,
  priority: "low",
  tags: ["scheduling", "how-to"],
  comments: [
    [4, "agent", "Yes: Scheduling > Recurring plans. Guide: 'Setting up recurring work' (video, 9 min)."],
  ],
  closeAfter: 30,
  resolution: "Pointed to the recurring plans guide.",
});

/**
 * Builds a trail of tickets, `[step, days after contract start, hours until closed?]`; steps from index
 * `openFrom` on stay open.
 */
export function trail(
  start: number,
  c: TrailContext,
  steps: [TrailStep, number, number?][],
  openFrom = Infinity,
): StoryTicket[] {
  return steps.map(([step, day, closeAfter], index) => {
    const item = step(c);
    const createdAt = ago(start - day, 9 + (index % 6), 10 * index);
    const open = index >= openFrom;
    return ticket({
      createdAt,
      subject: item.subject,
      description: item.description,
      priority: item.priority,
      tags: item.tags,
      comments: item.comments.map(([hours, author, body]) => ({
        at: plusHours(createdAt, hours),
        author,
        body,
      })),
      ...(open
        ? {}
        : { closedAt: plusHours(createdAt, closeAfter ?? item.closeAfter), resolution: item.resolution }),
    });
  });
}
