/**
 * /escalate in Slack, end to end against the fake Slack Web API:
 *  1. ack latency p50/p99 with 50 concurrent commands (the HTTP answer Slack waits 3 s for);
 *  2. command to hypotheses posted with 100 ms per Slack call and 200 ms per CRM call, beside the
 *     critical-path lower bound (the longest chain of calls that must wait for each other).
 *   node bench/slack-escalate.ts
 */
import { ACTIONS } from "../integrations/slack/ids.ts";
import { getWarRoom } from "../src/storage/war-room-store.ts";
import { startSlackHarness } from "../tests/support/slack-harness.ts";
import { slowCrm } from "./lib/slow-crm.ts";

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;

async function ackLatency(): Promise<void> {
  const h = await startSlackHarness();
  try {
    const accounts = (await h.services.crm.listAccounts()).slice(0, 50);
    const times = await Promise.all(
      accounts.map(async (a) => {
        const started = performance.now();
        const res = await h.command("U01ALICE0", `${a.id} "bench escalation"`);
        await res.text();
        return performance.now() - started;
      }),
    );
    console.log(
      `ack latency, 50 concurrent /escalate: p50 ${pct(times, 50).toFixed(0)} ms, p99 ${pct(times, 99).toFixed(0)} ms (Slack's limit 3000 ms)`,
    );
  } finally {
    await h.close();
  }
}

async function commandToHypotheses(runs: number): Promise<void> {
  const SLACK_MS = 100;
  const CRM_MS = 200;
  let crmCalls = 0;
  const h = await startSlackHarness({
    decorateCrm: (crm) => slowCrm(crm, CRM_MS),
    pollingIntervalSeconds: 0.5,
  });
  h.fake.setLatency(SLACK_MS);
  try {
    const accounts = (await h.services.crm.listAccounts()).slice(0, runs);
    const results: { ms: number; bound: number }[] = [];
    for (const account of accounts) {
      // One escalation at a time: the previous one's summary and follow-up invites finish first.
      await new Promise((r) => setTimeout(r, 2_000));
      const started = performance.now();
      await (await h.command("U01ALICE0", `${account.id} "bench escalation"`)).text();
      let id = "";
      while (!id) {
        const rows = await h.services.db.query<{ id: string }>(
          "SELECT id FROM escalations WHERE account_id = $1 AND status = 'open' AND origin <> 'dataset'",
          [account.id],
        );
        id = rows[0]?.id ?? "";
        if (!id) await new Promise((r) => setTimeout(r, 5));
      }
      let room = await getWarRoom(h.services.db, id);
      let posted = 0;
      const hypotheses = async () =>
        (
          await h.services.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM hypotheses WHERE escalation_id = $1",
            [id],
          )
        )[0]!.n;
      while (true) {
        room = await getWarRoom(h.services.db, id);
        if (room)
          posted = h.fake
            .messages(room.room.id)
            .filter((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.confirm)).length;
        const expected = await hypotheses();
        if (expected > 0 && posted >= expected) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const ms = performance.now() - started;
      // Must wait for each other: account search → bundle reads (parallel) → create channel → context card →
      // summary → each hypothesis in order (one message each; the summary precedes them so that no verdict
      // can race its first post).
      const bound = CRM_MS + CRM_MS + SLACK_MS + SLACK_MS + SLACK_MS + posted * SLACK_MS;
      results.push({ ms, bound });
    }
    crmCalls = 0;
    const ratio = results.map((r) => r.ms / r.bound);
    console.log(
      `command → hypotheses posted (Slack +${SLACK_MS} ms/call, CRM +${CRM_MS} ms/call), ${runs} runs: median ${pct(
        results.map((r) => r.ms),
        50,
      ).toFixed(0)} ms, lower bound median ${pct(
        results.map((r) => r.bound),
        50,
      ).toFixed(0)} ms, ratio median ${pct(ratio, 50).toFixed(2)}× (target ≤ 1.2×)${crmCalls ? "" : ""}`,
    );
  } finally {
    await h.close();
  }
}

await ackLatency();
await commandToHypotheses(5);
