/**
 * Resolved escalations caused by our own deploys in the core product (product_defect), each with
 * the deploy and its fix.
 */
import { agent, deploy, eng, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const lindqvist: Story = {
  key: "pd-lindqvist",
  account: "lindqvist",
  openedAt: ago(53, 11, 0),
  resolvedAt: ago(47, 16, 0),
  category: "product_defect",
  severity: "high",
  productArea: "invoicing",
  summary:
    "Lindqvist & Moor's finance controller: their ERP rejected 200+ of our invoices for VAT mismatches during their closing week and their auditors are asking questions. Wants corrected invoices and confirmation it won't recur.",
  resolution:
    "invoicing 5.3 ignored the workspace setting 'Round tax on invoice total' and rounded per line. Fixed in 5.3.1; 212 invoices re-issued with credit notes.",
  changes: [
    deploy(
      ago(56, 19, 0),
      "invoicing",
      "invoicing 5.3: line-level tax rounding",
      "Tax is rounded per line (half-even) instead of on the invoice total, to match e-invoicing rules in more countries. Applies to invoices created after the deploy.",
    ),
    deploy(
      ago(52, 18, 0),
      "invoicing",
      "invoicing 5.3.1: honour 'Round tax on invoice total'",
      "Workspaces with the setting enabled round on the total again.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(54, 10, 0),
      subject: "VAT totals off by a cent on multi-line invoices",
      description:
        "Our ERP rejects 37 invoices from yesterday: 'VAT amount does not equal 21% of net'. Multi-line invoices are 0.01-0.04 off.",
      priority: "high",
      tags: ["invoicing", "tax"],
      comments: [
        agent(
          ago(54, 11, 30),
          "Reproduced on invoice LM-08841: 14 lines, per-line VAT 4,812.37 vs 4,812.40 rounded on the total.",
        ),
        eng(
          ago(53, 9, 0),
          "Line-level rounding from invoicing 5.3 ignores the workspace setting 'Round tax on invoice total' - regression. Fix going out as 5.3.1.",
        ),
        agent(
          ago(48, 14, 0),
          "5.3.1 is live; 212 affected invoices re-issued with credit notes. List attached.",
        ),
      ],
      closedAt: ago(47, 16, 0),
      resolution: "Fixed in invoicing 5.3.1; 212 invoices re-issued.",
    }),
  ],
};

const pinecastle: Story = {
  key: "pd-pinecastle",
  account: "pinecastle",
  openedAt: ago(21, 15, 0),
  resolvedAt: ago(15, 12, 0),
  category: "product_defect",
  severity: "critical",
  productArea: "scheduling",
  summary:
    "Pinecastle's VP Operations: night shifts duplicated across 38 hotels after the clock change, staff turned up at the wrong hour and two properties were short-staffed overnight. Wants a root cause and a check of every recurring series.",
  resolution:
    "Recurrence engine v2 expanded series in UTC and re-applied local time after the DST change, creating a second occurrence an hour earlier. Hotfix 7.12.1 keeps local wall time; 1,409 duplicates removed.",
  changes: [
    deploy(
      ago(41, 14, 0),
      "scheduling",
      "scheduling: recurrence engine v2 (rolling 12-week expansion)",
      "Recurring shifts and jobs are expanded 12 weeks ahead by a nightly job instead of on read. Faster week views for large workspaces.",
    ),
    deploy(
      ago(18, 19, 0),
      "scheduling",
      "scheduling 7.12.1: recurrence keeps local wall time across DST changes",
      "Hotfix for duplicated occurrences after a daylight-saving change.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(21, 13, 0),
      subject: "Night shifts doubled on the rota since Sunday",
      description:
        "Every overnight recurring shift now shows twice, one of them an hour earlier. 38 hotels affected, staff turning up at the wrong time.",
      priority: "urgent",
      tags: ["scheduling", "recurring"],
      comments: [
        agent(
          ago(21, 14, 0),
          "Confirmed: 1,412 duplicate occurrences created by Sunday's nightly expansion, all in series with America/* timezones.",
        ),
        eng(
          ago(20, 10, 0),
          "Recurrence engine v2 expands occurrences in UTC and re-applies the series' local time after the clock change, which creates a second occurrence one hour earlier. Hotfix in progress; cleanup will delete duplicates without clock-ins.",
        ),
        agent(
          ago(16, 9, 0),
          "Hotfix deployed; 1,409 duplicates removed, 3 kept because staff clocked in on them.",
        ),
      ],
      closedAt: ago(15, 12, 0),
      resolution: "Hotfix 7.12.1; duplicates removed.",
    }),
  ],
};

const tidewell: Story = {
  key: "pd-tidewell",
  account: "tidewell",
  openedAt: ago(14, 4, 0),
  resolvedAt: ago(9, 3, 0),
  category: "product_defect",
  severity: "high",
  productArea: "reporting",
  summary:
    "Tidewell's MD: the revenue dashboard their board used last week double-counted part of every day, and they reported a 4% higher month to their bank. Wants corrected figures in writing.",
  resolution:
    "reporting 11.2 converted to the workspace timezone twice for UTC+ offsets, so day buckets overlapped. Fixed in 11.2.1; dashboards recomputed and corrected figures sent.",
  changes: [
    deploy(
      ago(20, 14, 0),
      "reporting",
      "reporting 11.2: day buckets in the workspace timezone",
      "Dashboards and reports group by day in the workspace's timezone instead of UTC.",
    ),
    deploy(
      ago(11, 15, 0),
      "reporting",
      "reporting 11.2.1: fix day buckets for UTC+ timezones",
      "Day buckets no longer overlap for workspaces east of UTC.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(14, 0, 30),
      subject: "Daily revenue doubled on Mondays?",
      description:
        "Since Wednesday the daily revenue dashboard shows far too much on Mondays and weekly totals are 4% above invoicing.",
      priority: "high",
      tags: ["reporting", "dashboards"],
      comments: [
        agent(
          ago(14, 2, 0),
          "Reproduced for Australia/Brisbane: each day bucket also includes 00:00-10:00 of the next day.",
        ),
        eng(
          ago(13, 9, 0),
          "Bucketing converts to the workspace timezone twice for UTC+ offsets, so orders near midnight count in two days. Fix in 11.2.1.",
        ),
        agent(ago(10, 1, 0), "Fixed and dashboards recomputed; corrected monthly figures attached."),
      ],
      closedAt: ago(9, 3, 0),
      resolution: "Fixed in reporting 11.2.1.",
    }),
  ],
};

const brackenridge: Story = {
  key: "pd-brackenridge",
  account: "brackenridge",
  openedAt: ago(31, 17, 0),
  resolvedAt: ago(24, 12, 0),
  category: "product_defect",
  severity: "critical",
  productArea: "user-management",
  summary:
    "Brackenridge's regional director: offboarded technicians kept receiving auto-assigned jobs for two days; 41 client site visits were missed, including two hospitals with SLA penalties.",
  resolution:
    "The async deactivation cleanup (user-management 4.8) failed for users with more than 500 future assignments and was never retried. Fixed in 4.8.2; cleanup run for 23 users, 41 jobs reassigned.",
  changes: [
    deploy(
      ago(34, 16, 0),
      "user-management",
      "user-management 4.8: deactivation handled by the job queue",
      "Deactivating a user (UI, SCIM or API) enqueues the cleanup of sessions, assignments and calendars instead of doing it in the request, to stop SCIM timeouts on large batches.",
    ),
    deploy(
      ago(26, 16, 0),
      "user-management",
      "user-management 4.8.2: chunked deactivation cleanup with retries",
      "Cleanup split into chunks of 200 assignments; failed chunks retried.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(31, 14, 0),
      subject: "Deactivated technicians still getting jobs",
      description:
        "We offboarded 23 technicians on Wednesday through Okta. Auto-assign keeps giving them jobs; 41 jobs were missed yesterday.",
      priority: "high",
      tags: ["user-management", "scim", "auto-assign"],
      comments: [
        agent(
          ago(31, 15, 0),
          "The 23 users are deactivated but still hold skills and territories, so auto-assign picks them.",
        ),
        eng(
          ago(30, 10, 0),
          "The async cleanup fails for users with more than 500 future assignments (queue message too large) and is never retried. Running it by hand now; fix in progress.",
        ),
        agent(
          ago(25, 11, 0),
          "Fixed in user-management 4.8.2; cleanup done for all 23 users and 41 jobs reassigned.",
        ),
      ],
      closedAt: ago(24, 12, 0),
      resolution: "Fixed in user-management 4.8.2.",
    }),
  ],
};

export const CORE_DEFECT_STORIES: Story[] = [lindqvist, pinecastle, tidewell, brackenridge];
