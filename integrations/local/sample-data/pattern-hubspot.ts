/**
 * Live pattern (a): HubSpot Pro portals lose deal updates since hubspot-sync 4.2.0 raised the worker pool
 * to 8, which overruns HubSpot Pro's 10-second burst limit. Busy Pro portals escalate, and so does a small
 * one after a bulk edit; other small Pro portals only see retries; HubSpot Enterprise portals (higher
 * limit) are untouched.
 */
import { accountTicket, agent, customer, eng, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { ChangeDraft, PatternInfo, Story, TicketDraft } from "./types.ts";

/** The error line the sync log shows for a dropped batch. */
export const HUBSPOT_ERROR = "429 TEN_SECONDLY_ROLLING on POST /crm/v3/objects/deals/batch/upsert";

/** The log line around it, as agents paste it. */
export function hubspotLogLine(worker: number): string {
  return `hubspot-sync worker ${worker}/8: batch of 100 deals rejected: ${HUBSPOT_ERROR}; retries exhausted (3), batch dropped`;
}

export const HUBSPOT_CHANGES: ChangeDraft[] = [
  {
    key: "hubspot-420",
    at: ago(14, 19, 30),
    source: "vendor_deploy",
    scope: "global",
    productArea: "hubspot-sync",
    title: "hubspot-sync 4.2.0: faster deal sync to HubSpot (batch upsert, worker pool 2 → 8)",
    description:
      "Deal updates (stage, amount, close date, owner) now go to HubSpot through POST /crm/v3/objects/deals/batch/upsert in batches of 100 instead of one PATCH per deal, and each HubSpot portal gets 8 sync workers instead of 2, to cut the sync lag after bulk edits. Retry budget per batch: 3 attempts with 2 s backoff; a batch that still fails is logged and skipped until the nightly reconciliation (04:00 UTC). Rolled out to all portals at once.",
  },
  {
    at: ago(76, 15, 30),
    source: "vendor_deploy",
    scope: "global",
    productArea: "hubspot-sync",
    title: "hubspot-sync 4.1.3: OAuth token refresh retried on 502",
    description:
      "Token refresh now retries twice on 502/503 from HubSpot's OAuth endpoint instead of pausing the sync.",
  },
  {
    at: ago(20, 17, 0),
    source: "third_party",
    scope: "global",
    productArea: "hubspot-sync",
    title: "HubSpot announced the retirement of the v1 Contact Lists API",
    description:
      "HubSpot will retire the legacy v1 lists endpoints next spring; apps must move to the v3 lists API. hubspot-sync reads lists only for the optional 'sync contacts from a list' feature.",
  },
];

const wrenfield: Story = {
  key: "h-wrenfield",
  account: "wrenfield",
  openedAt: ago(12, 16, 30),
  resolvedAt: ago(7, 11, 0),
  category: "product_defect",
  severity: "high",
  productArea: "hubspot-sync",
  summary:
    "Wrenfield's VP Sales called their CSM: the HubSpot sync has been dropping deal updates for two days. Loads marked won in Lanternbay still sit at 'Quote sent' in HubSpot, so reps are chasing customers who already signed. Wants an explanation and a date for the backfill.",
  resolution:
    "hubspot-sync 4.2.0 raised the worker pool to 8, which overruns HubSpot Pro's 10-second burst limit; batches of 100 deals were dropped after 3 retries. Portal pinned to 2 workers and 1,240 updates replayed. Tier-aware throttling tracked in ENG-4471.",
  tickets: [
    ticket({
      createdAt: ago(12, 14, 10),
      subject: "Loads marked Won not showing as Closed Won in HubSpot",
      description:
        "Since yesterday afternoon dispatch has marked 60+ loads as won in Lanternbay but the deals in HubSpot are still in 'Quote sent'. Nothing changed on our side.",
      priority: "high",
      tags: ["hubspot-sync", "sync", "deals"],
      comments: [
        agent(
          ago(12, 15, 5),
          `Sync log for your portal shows bursts of "${hubspotLogLine(7)}" starting Tuesday 13:20 UTC. About 1 batch in 4 is dropped.`,
        ),
        customer(
          ago(12, 15, 40),
          "How many deals are affected? Sales are calling customers with the wrong status.",
        ),
        eng(
          ago(11, 10, 20),
          "Counted 1,240 deal updates dropped since Tuesday 13:20 UTC (13 batches). The portal is on HubSpot Pro (190 calls per 10 s); with 8 workers we exceed it at your dispatch peaks. Pinning the portal to 2 workers and replaying the dropped batches.",
        ),
        agent(
          ago(8, 16, 0),
          "Replay finished: 1,240 updates applied, no dropped batches since the pin. Permanent fix tracked as ENG-4471.",
        ),
      ],
      closedAt: ago(7, 11, 0),
      resolution: "Portal pinned to 2 sync workers; 1,240 dropped deal updates replayed (ENG-4471).",
    }),
  ],
};

const copperline: Story = {
  key: "h-copperline",
  account: "copperline",
  openedAt: ago(10, 15, 0),
  resolvedAt: ago(4, 10, 0),
  category: "product_defect",
  severity: "high",
  productArea: "hubspot-sync",
  summary:
    "Copperline's owner: since last Tuesday the HubSpot sync has been dropping deal updates, so amounts and stages in HubSpot are stale and their sales team sent 30+ maintenance quotes built from stale HubSpot deals; two customers disputed. Our own contract with them is up in six weeks and he mentioned it twice.",
  resolution:
    "Same defect as ENG-4471: the 8-worker pool of hubspot-sync 4.2.0 exceeds the HubSpot Pro burst limit and drops deal batches. Portal pinned to 2 workers, 860 updates replayed in two passes, one month credited.",
  tickets: [
    ticket({
      createdAt: ago(11, 13, 0),
      subject: "Service agreement amounts not updating in HubSpot",
      description:
        "Renewal deals for maintenance agreements updated in Lanternbay yesterday still show the old amounts in HubSpot. Our renewals team works from HubSpot only.",
      priority: "normal",
      tags: ["hubspot-sync", "sync"],
      comments: [
        agent(
          ago(11, 14, 30),
          `I see "${HUBSPOT_ERROR}" in your sync log, 9 batches since Tuesday afternoon. Escalating to engineering.`,
        ),
        eng(
          ago(10, 11, 0),
          "Same signature as ENG-4471 (HubSpot Pro burst limit since hubspot-sync 4.2.0). Pinning the portal to 2 workers; replay queued.",
        ),
        customer(ago(9, 9, 10), "Amounts look right now but 14 deals still show the old stage."),
        agent(ago(5, 15, 0), "Second replay for the 14 deals done; all 860 updates applied."),
      ],
      closedAt: ago(4, 10, 0),
      resolution: "Portal pinned to 2 workers; 860 updates replayed in two passes.",
    }),
  ],
};

/** A small Pro portal: its daily trickle is fine, but one bulk edit trips the same burst limit. */
const juniper: Story = {
  key: "h-juniper",
  account: "juniper",
  openedAt: ago(10, 16, 0),
  resolvedAt: ago(4, 11, 0),
  category: "product_defect",
  severity: "normal",
  productArea: "hubspot-sync",
  summary:
    "Juniper Lane's owner called her CSM: after she bulk-updated holiday prices on 412 standing-order deals, HubSpot sent renewal quotes with last season's prices to 96 corporate clients. A small account, but she is the one taking the angry calls and asked whether the sync can be trusted before the holiday rush.",
  resolution:
    "Same defect as ENG-4471: the bulk edit queued all 412 deals at once and hubspot-sync 4.2.0's 8 workers (batch upserts plus a line-item call per deal) passed HubSpot Pro's 10-second burst limit; 2 batches (200 deals) were dropped. Portal pinned to 2 workers, 200 updates replayed; the customer resent the corrected quotes.",
  tickets: [
    ticket({
      createdAt: ago(11, 14, 30),
      subject: "Holiday prices updated in Lanternbay, old prices in HubSpot",
      description:
        "Yesterday I changed the prices on all our weekly standing orders for the holidays (412 deals, bulk edit). About half still show the old amount in HubSpot, and HubSpot has started sending renewal quotes with them.",
      priority: "high",
      tags: ["hubspot-sync", "sync", "deals"],
      comments: [
        agent(
          ago(11, 15, 20),
          `Your sync log shows "${hubspotLogLine(5)}" twice on Wednesday at 17:02 UTC, right after the bulk edit; 200 deals did not reach HubSpot.`,
        ),
        customer(ago(11, 15, 45), "Can you push them again? Quotes are going out every hour."),
        agent(
          ago(10, 13, 0),
          `A manual re-sync hit "${HUBSPOT_ERROR}" again and dropped the same batches. Escalating to engineering.`,
        ),
        eng(
          ago(10, 18, 30),
          "Same signature as ENG-4471: the bulk edit also rewrote the line items on each deal, and with 8 workers the portal passed HubSpot Pro's 190 calls per 10 s within seconds. Pinned the portal to 2 workers; replaying the 200 updates.",
        ),
        agent(
          ago(9, 14, 0),
          "Replay finished: all 412 deals show the holiday prices in HubSpot. No dropped batches since the pin.",
        ),
        customer(
          ago(5, 16, 0),
          "Resent the corrected quotes from HubSpot; all 96 clients have the right prices now.",
        ),
      ],
      closedAt: ago(4, 11, 0),
      resolution: "Portal pinned to 2 workers; 200 dropped deal updates replayed (ENG-4471).",
    }),
  ],
};

const saltmarsh: Story = {
  key: "h-saltmarsh",
  account: "saltmarsh",
  openedAt: ago(6, 4, 30),
  category: null,
  severity: "high",
  productArea: "hubspot-sync",
  summary:
    "Saltmarsh's managing director emailed: since last week the HubSpot sync misses deal updates, lease deals in HubSpot are stale and 40 landlord statements went out with wrong figures. Asked for a call with someone technical this week.",
  tickets: [
    ticket({
      createdAt: ago(7, 23, 10),
      subject: "Lease renewals not syncing to HubSpot",
      description:
        "Property managers updated 200+ lease renewal deals on Friday; HubSpot shows maybe half of them. The sync status page says 'Healthy'.",
      priority: "high",
      tags: ["hubspot-sync", "sync"],
      comments: [
        agent(
          ago(6, 1, 15),
          `Sync log shows "${hubspotLogLine(3)}" repeated Friday 06:00-08:30 UTC; 5 batches dropped.`,
        ),
        customer(ago(6, 1, 50), "Then why does the status page say healthy?"),
        agent(
          ago(6, 2, 20),
          "The status page reflects authentication and connection state only; dropped batches don't change it. Raising with engineering.",
        ),
      ],
    }),
    ticket({
      createdAt: ago(6, 3, 40),
      subject: "URGENT - landlord statements built from wrong HubSpot data",
      description:
        "We generate landlord statements from HubSpot deal amounts. 40 went out with stale rent figures. Need this fixed today.",
      priority: "urgent",
      tags: ["hubspot-sync", "escalation"],
      comments: [
        agent(
          ago(6, 4, 10),
          "Linked to the ticket above. Engineering is looking at HubSpot Pro portals that drop batches since the 4.2.0 connector release.",
        ),
      ],
    }),
  ],
};

export const HUBSPOT_STORIES: Story[] = [wrenfield, copperline, juniper, saltmarsh];

/** A small HubSpot Pro portal sees the same 429s but its retries succeed. */
export const HUBSPOT_QUIET_TICKETS: TicketDraft[] = [
  accountTicket("fennimore", {
    createdAt: ago(10, 15, 0),
    subject: "A couple of jobs took ~20 minutes to show in HubSpot",
    description:
      "Not a big deal, just checking: two jobs we closed this morning showed up in HubSpot 20 minutes late.",
    priority: "low",
    tags: ["hubspot-sync"],
    comments: [
      agent(
        ago(10, 16, 10),
        "Your sync log shows 2 batches that got a 429 from HubSpot and succeeded on the second attempt. Nothing was lost.",
      ),
    ],
    closedAt: ago(8, 12, 0),
    resolution: "Retries succeeded; no data lost.",
  }),
];

export const HUBSPOT_PATTERN: PatternInfo = {
  name: "HubSpot Pro deal sync broken by hubspot-sync 4.2.0",
  attribute: "crm=HubSpot Pro",
  escalated: ["wrenfield", "copperline", "juniper", "saltmarsh"],
  quiet: ["fennimore", "moonrise"],
  changeKeys: ["hubspot-420"],
  storyKeys: ["h-wrenfield", "h-copperline", "h-juniper", "h-saltmarsh"],
};
