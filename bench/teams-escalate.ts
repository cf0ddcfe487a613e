/**
 * "@warroom escalate" in Teams, end to end against the fake Microsoft through the real Teams SDK:
 *  1. ack time p50/p99 of 50 concurrent signed mentions (the HTTP answer Teams waits for), beside a peer:
 *     the same signed request for a message the bot ignores (token checks and the SDK, no work queued);
 *     on PGlite, and on PostgreSQL when WARROOM_TEST_DATABASE_URL is set;
 *  2. mention → first hypothesis card posted, with 100 ms per Microsoft call and 200 ms per CRM call,
 *     beside the critical-path lower bound (the calls that must wait for each other) and a peer: Slack's
 *     /escalate → first hypothesis message at the same latencies, the two taking turns;
 *  3. Connector and Graph calls per war-room, beside the floor (what a war-room cannot do without);
 *  4. mention → first hypothesis card with an LLM configured that never answers (the fake OpenAI hangs),
 *     beside the same without an LLM, the two taking turns at the same latencies: the LLM's view is its own
 *     job, so the first card must not wait for it.
 *   node bench/teams-escalate.ts [--hung-llm-only]   (WARROOM_TEST_DATABASE_URL=postgres://… for PostgreSQL)
 */
import { ACTIONS } from "../integrations/slack/ids.ts";
import { getWarRoom } from "../src/storage/war-room-store.ts";
import { startFakeOpenAi } from "../tests/fakes/openai-server.ts";
import type { FakeActivity } from "../tests/fakes/teams/index.ts";
import { type Backend, backends } from "../tests/support/databases.ts";
import { type SlackHarness, startSlackHarness } from "../tests/support/slack-harness.ts";
import { startTeamsHarness, type TeamsHarness } from "../tests/support/teams-harness.ts";
import { slowCrm } from "./lib/slow-crm.ts";

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;
const isHypothesis = (a: FakeActivity) => JSON.stringify(a.attachments ?? []).includes('"verb":"confirm"');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timed(send: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  await (await send()).text();
  return performance.now() - started;
}

async function ackTime(backend: Backend): Promise<void> {
  const db = await backend.create();
  const h = await startTeamsHarness({ database: db.config });
  try {
    const accounts = (await h.services.crm.listAccounts()).slice(0, 50);
    // Signed up front: signing is the Bot Framework's work, not warroom's.
    const mentions = await Promise.all(
      accounts.map(async (a) => ({
        body: h.activity("message-channel-mention", h.alice, h.general, { text: `escalate ${a.id} "bench"` }),
        token: `Bearer ${await h.fake.signInbound()}`,
      })),
    );
    const ignored = await Promise.all(
      accounts.map(async () => {
        const body = h.activity("message-channel-mention", h.alice, h.general, { text: "hello" });
        delete (body as { entities?: unknown }).entities;
        return { body, token: `Bearer ${await h.fake.signInbound()}` };
      }),
    );
    await timed(() => h.send(ignored[0]!.body, ignored[0]!.token));
    const peer = await Promise.all(ignored.slice(1).map((m) => timed(() => h.send(m.body, m.token))));
    const acks = await Promise.all(mentions.map((m) => timed(() => h.send(m.body, m.token))));
    console.log(
      `ack time on ${backend.name}, 50 concurrent signed mentions: p50 ${pct(acks, 50).toFixed(0)} ms, p99 ${pct(acks, 99).toFixed(0)} ms; peer (49 ignored messages, same checks, nothing queued): p50 ${pct(peer, 50).toFixed(0)} ms, p99 ${pct(peer, 99).toFixed(0)} ms (Teams waits 15000 ms)`,
    );
  } finally {
    await h.close();
    await db.dispose();
  }
}

interface Run {
  ms: number;
  bound: number;
  connector: number;
  graph: number;
  hypotheses: number;
}

async function oneWarRoom(h: TeamsHarness, accountId: string, msftMs: number, crmMs: number): Promise<Run> {
  const calls = { connector: h.fake.callsTo("connector").length, graph: h.fake.callsTo("graph").length };
  const started = performance.now();
  await (await h.mention(h.alice, `escalate ${accountId} "bench escalation"`)).text();
  let firstCard = 0;
  let id = "";
  for (;;) {
    if (!id) {
      const [row] = await h.services.db.query<{ id: string }>(
        "SELECT id FROM escalations WHERE account_id = $1 AND origin = 'teams'",
        [accountId],
      );
      id = row?.id ?? "";
    }
    const room = id ? await getWarRoom(h.services.db, id) : null;
    if (room && h.fake.activities(room.room.id).some(isHypothesis)) {
      firstCard = performance.now() - started;
      break;
    }
    await sleep(5);
  }
  // Let the war-room finish (every hypothesis, invites) before counting its calls.
  let settled = -1;
  for (;;) {
    await sleep(1_000);
    const now = h.fake.calls.length;
    if (now === settled) break;
    settled = now;
  }
  const room = (await getWarRoom(h.services.db, id))!;
  // Must wait for each other: account search → bundle reads (parallel) → the channel (Graph) → context
  // card → summary → first hypothesis card (Connector).
  const bound = crmMs + crmMs + msftMs + msftMs + msftMs + msftMs;
  return {
    ms: firstCard,
    bound,
    connector: h.fake.callsTo("connector").length - calls.connector,
    graph: h.fake.callsTo("graph").length - calls.graph,
    hypotheses: h.fake.activities(room.room.id).filter(isHypothesis).length,
  };
}

/** The same war-room on Slack (the peer): command → first hypothesis message. */
async function slackFirstCard(h: SlackHarness, accountId: string): Promise<number> {
  const started = performance.now();
  await (await h.command("U01ALICE0", `${accountId} "bench escalation"`)).text();
  for (;;) {
    const [row] = await h.services.db.query<{ id: string }>(
      "SELECT id FROM escalations WHERE account_id = $1 AND origin = 'slack'",
      [accountId],
    );
    const room = row ? await getWarRoom(h.services.db, row.id) : null;
    if (
      room &&
      h.fake.messages(room.room.id).some((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.confirm))
    )
      return performance.now() - started;
    await sleep(5);
  }
}

async function firstCard(runs: number): Promise<void> {
  const MSFT_MS = 100;
  const CRM_MS = 200;
  const h = await startTeamsHarness({ decorateCrm: (crm) => slowCrm(crm, CRM_MS) });
  const slack = await startSlackHarness({ decorateCrm: (crm) => slowCrm(crm, CRM_MS) });
  try {
    h.fake.setLatency(MSFT_MS);
    slack.fake.setLatency(MSFT_MS);
    const accounts = (await h.services.crm.listAccounts()).slice(10, 10 + 2 * runs);
    const results: Run[] = [];
    const peer: number[] = [];
    // Teams and Slack take turns, so both see the same machine.
    for (let i = 0; i < runs; i++) {
      results.push(await oneWarRoom(h, accounts[2 * i]!.id, MSFT_MS, CRM_MS));
      peer.push(await slackFirstCard(slack, accounts[2 * i + 1]!.id));
      await sleep(2_000);
    }
    const ratio = results.map((r) => r.ms / r.bound);
    console.log(
      `mention → first hypothesis card (Microsoft +${MSFT_MS} ms/call, CRM +${CRM_MS} ms/call), ${runs} runs: median ${pct(
        results.map((r) => r.ms),
        50,
      ).toFixed(0)} ms, lower bound ${pct(
        results.map((r) => r.bound),
        50,
      )} ms (ratio median ${pct(ratio, 50).toFixed(2)}×); peer, Slack /escalate → first hypothesis message at the same latencies, taking turns: median ${pct(peer, 50).toFixed(0)} ms`,
    );
    for (const r of results) {
      // Floor: the answer to the requester, the context card, the summary and one card per hypothesis;
      // Graph: create the channel and set its description. Above it: the "you are in this war-room" mention
      // and notes about people who could not be invited (Connector), the team's roster and the CSM's lookup
      // by email (Graph).
      const connectorFloor = 1 + 2 + r.hypotheses;
      console.log(
        `calls per war-room (${r.hypotheses} hypotheses): Connector ${r.connector} (floor ${connectorFloor}), Graph ${r.graph} (floor 2)`,
      );
    }
    console.log(
      `token requests over ${runs} war-rooms: ${h.fake.callsTo("token").length} (one per scope, cached)`,
    );
  } finally {
    await slack.close();
    await h.close();
  }
}

/** Mention → first hypothesis card with a hung LLM, beside no LLM, taking turns. */
async function hungLlm(runs: number): Promise<void> {
  const MSFT_MS = 100;
  const CRM_MS = 200;
  const llm = await startFakeOpenAi("sk-bench");
  llm.script({ kind: "hang" });
  const env = { OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "bench" };
  const plain = await startTeamsHarness({ decorateCrm: (crm) => slowCrm(crm, CRM_MS) });
  const hung = await startTeamsHarness({ env, decorateCrm: (crm) => slowCrm(crm, CRM_MS) });
  try {
    plain.fake.setLatency(MSFT_MS);
    hung.fake.setLatency(MSFT_MS);
    const accounts = (await plain.services.crm.listAccounts()).slice(30, 30 + 2 * runs);
    const without: number[] = [];
    const withHung: number[] = [];
    for (let i = 0; i < runs; i++) {
      without.push((await oneWarRoom(plain, accounts[2 * i]!.id, MSFT_MS, CRM_MS)).ms);
      withHung.push((await oneWarRoom(hung, accounts[2 * i + 1]!.id, MSFT_MS, CRM_MS)).ms);
    }
    const timeout = hung.services.config.llm?.timeoutMs ?? 20_000;
    console.log(
      `mention → first hypothesis card with an LLM that never answers (Microsoft +${MSFT_MS} ms/call, CRM +${CRM_MS} ms/call), ${runs} runs: median ${pct(withHung, 50).toFixed(0)} ms (max ${Math.max(...withHung).toFixed(0)}); without an LLM, taking turns: median ${pct(without, 50).toFixed(0)} ms (max ${Math.max(...without).toFixed(0)}); the LLM's timeout it no longer waits for: ${timeout} ms; LLM requests made: ${llm.requests.length}`,
    );
  } finally {
    await hung.close();
    await plain.close();
    await llm.close();
  }
}

if (!process.argv.includes("--hung-llm-only")) {
  for (const backend of backends) await ackTime(backend);
  await firstCard(5);
}
await hungLlm(5);
