/**
 * War-rooms against crashes, lost answers and bursts: a real `warroom serve` on PostgreSQL (a throwaway
 * database per scenario) and the fake Slack Web API in this process, 150 ms per Slack call.
 *  1. SIGKILL at three points of a war-room (channel created, first hypothesis posted, first invite sent),
 *     then a restart: is the room completed without anyone asking again, how long after the restart, and
 *     how many channels and messages are duplicated; a second /escalate for the account right after the
 *     restart must not open another room.
 *  2. Lost answers (through tests/support/lossy-proxy.ts): conversations.create and the first three
 *     chat.postMessage reach Slack but their answers never come back: channels and messages duplicated.
 *  3. Ten /escalate at once until each room is ready, beside one alone on the same server (the peer).
 *   node bench/war-room-crash.ts [--runs 2] [--database-url postgres://…] [--only crashes|lost|burst] [--verbose]
 *   [--concurrency N] (WAR_ROOM_CONCURRENCY of the servers; their default when absent)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { ACTIONS } from "../integrations/slack/ids.ts";
import type { Database } from "../src/storage/database.ts";
import { openPostgresDatabase } from "../src/storage/postgres-database.ts";
import { isWarRoomReady } from "../src/storage/war-room-store.ts";
import { type FakeSlack, startFakeSlack } from "../tests/fakes/slack/slack-api-server.ts";
import { startLossyProxy } from "../tests/support/lossy-proxy.ts";
import { type ServeProcess, startServe as startWarroomServe } from "../tests/support/run-cli.ts";
import { SIGNING_SECRET, sign } from "../tests/support/slack-harness.ts";
import { adminQuery } from "./lib/pg-admin.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "2" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    only: { type: "string" },
    concurrency: { type: "string" },
    verbose: { type: "boolean", default: false },
  },
});
const SLACK_MS = 150;
const DONE_WITHIN_MS = 60_000;
const silent = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** A `warroom serve` process (tests/support/run-cli.ts starts it), with the bench's concurrency if given. */
function startServe(env: Record<string, string>): Promise<ServeProcess> {
  return startWarroomServe({
    ...(values.concurrency ? { WAR_ROOM_CONCURRENCY: values.concurrency } : {}),
    ...env,
  });
}

async function end(server: ServeProcess, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill(signal);
  await exited;
}

/** A signed /escalate; resolves with the ack's text. */
async function escalate(fake: FakeSlack, server: ServeProcess, user: string, text: string): Promise<string> {
  const body = new URLSearchParams({
    token: "x",
    team_id: fake.teamId,
    team_domain: "acme",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: user,
    user_name: user,
    command: "/escalate",
    text,
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: fake.responseUrl(),
    trigger_id: fake.issueTriggerId(),
  }).toString();
  const response = await fetch(`http://127.0.0.1:${server.port}/slack/events`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...sign(body) },
  });
  return response.text();
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(5);
  }
  return false;
}

/** A throwaway database, warroom's env for it, and a connection of the bench's own to read it. */
async function freshDatabase(tag: string) {
  const name = `warroom_bench_crash_${process.pid}_${tag}`;
  const admin = values["database-url"];
  await adminQuery(admin, `CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(join(tmpdir(), "warroom-bench-crash-"));
  let db: Database | null = null;
  return {
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    db: async () => {
      db ??= await openPostgresDatabase({ url: url.toString(), poolSize: 2, logger: silent });
      return db;
    },
    drop: async () => {
      await db?.close();
      await adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function roomReady(db: Database, accountId: string): Promise<boolean> {
  const rows = await db
    .query<{ id: string }>("SELECT id FROM escalations WHERE account_id = $1 AND origin = 'slack'", [
      accountId,
    ])
    .catch(() => []);
  return rows.length > 0 && (await isWarRoomReady(db, rows[0]!.id));
}

/** Channels and duplicated messages (the same content twice in one room) made since `since`. */
function duplicates(fake: FakeSlack, since: Set<string>) {
  const rooms = fake.channels.filter((c) => !since.has(c.id) && c.name.startsWith("esc-"));
  let repeated = 0;
  for (const room of rooms) {
    const seen = new Set<string>();
    for (const m of fake.messages(room.id)) {
      const content = JSON.stringify(m.blocks ?? m.text);
      if (seen.has(content)) {
        repeated++;
        if (values.verbose) console.log(`repeated in ${room.name}: ${content.slice(0, 200)}`);
      }
      seen.add(content);
    }
  }
  return { channels: rooms.length, repeated };
}

const POINTS = {
  "channel created": (fake: FakeSlack, since: Set<string>) =>
    fake.channels.some((c) => !since.has(c.id) && c.name.startsWith("esc-")),
  "first hypothesis posted": (fake: FakeSlack, since: Set<string>) =>
    fake.channels
      .filter((c) => !since.has(c.id))
      .some((c) => fake.messages(c.id).some((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.confirm))),
  "first invite sent": (fake: FakeSlack, _since: Set<string>, callsBefore = 0) =>
    fake.calls.slice(callsBefore).some((c) => c.method === "conversations.invite"),
} as const;

async function crashRun(fake: FakeSlack, point: keyof typeof POINTS, account: string, tag: string) {
  const database = await freshDatabase(tag);
  const slack = {
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
  const since = new Set(fake.channels.map((c) => c.id));
  const callsBefore = fake.calls.length;
  try {
    const first = await startServe({ ...slack, ...database.env });
    await escalate(fake, first, "U01ALICE0", `${account} "bench crash at ${point}"`);
    const hit = await waitFor(() => POINTS[point](fake, since, callsBefore), 30_000);
    await end(first, "SIGKILL");
    const killedAt = performance.now();
    const db = await database.db();
    const doneBeforeKill = await roomReady(db, account);
    const second = await startServe({ ...slack, ...database.env });
    const restartMs = performance.now() - killedAt;
    const responsesBefore = fake.responses.length;
    await escalate(fake, second, "U01BOB000", `${account} "is it open yet?"`);
    const done = await waitFor(() => roomReady(db, account), DONE_WITHIN_MS);
    const doneMs = performance.now() - killedAt;
    await waitFor(() => fake.responses.length > responsesBefore, 5_000);
    const answer = JSON.stringify(fake.responses.slice(responsesBefore).map((r) => r.body));
    await end(second, "SIGTERM");
    return { hit, doneBeforeKill, done, doneMs, restartMs, answer, ...duplicates(fake, since) };
  } finally {
    await database.drop();
  }
}

async function crashes(fake: FakeSlack): Promise<void> {
  let n = 0;
  for (const point of Object.keys(POINTS) as (keyof typeof POINTS)[]) {
    const results = [];
    for (let i = 0; i < Number(values.runs); i++) {
      n++;
      results.push(await crashRun(fake, point, `ACC-${String(n).padStart(4, "0")}`, `c${n}`));
    }
    const done = results.filter((r) => r.done);
    const secondOpened = results.filter((r) => !/already has an open war-room/.test(r.answer)).length;
    console.log(
      `SIGKILL after ${point}: ${done.length} of ${results.length} rooms completed alone within ${DONE_WITHIN_MS / 1000} s of the kill` +
        ` (median ${median(done.map((r) => r.doneMs)).toFixed(0)} ms after the kill, of which the restart to listening took ${median(results.map((r) => r.restartMs)).toFixed(0)} ms);` +
        ` point reached before the room was done: ${results.filter((r) => r.hit && !r.doneBeforeKill).length}/${results.length};` +
        ` channels ${results.map((r) => r.channels).join(",")} (1 each expected), duplicated messages ${results.reduce((s, r) => s + r.repeated, 0)};` +
        ` second /escalate after the restart answered other than "already has an open war-room": ${secondOpened}`,
    );
  }
}

async function lostAnswers(fake: FakeSlack): Promise<void> {
  const database = await freshDatabase("lost");
  const proxy = await startLossyProxy(new URL(fake.apiUrl).origin);
  const since = new Set(fake.channels.map((c) => c.id));
  try {
    const server = await startServe({
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${proxy.url}${new URL(fake.apiUrl).pathname}`,
      ...database.env,
    });
    proxy.loseAnswers("POST", /conversations\.create/, 1);
    proxy.loseAnswers("POST", /chat\.postMessage/, 3);
    const started = performance.now();
    await escalate(fake, server, "U01ALICE0", 'ACC-0031 "bench lost answers"');
    const db = await database.db();
    const done = await waitFor(() => roomReady(db, "ACC-0031"), DONE_WITHIN_MS);
    const ms = performance.now() - started;
    await end(server, "SIGTERM");
    const d = duplicates(fake, since);
    console.log(
      `lost answers (${proxy.lost} lost: conversations.create once, chat.postMessage ×3): room ${done ? `ready in ${ms.toFixed(0)} ms` : "NOT ready"};` +
        ` channels ${d.channels} (1 expected; before: a second "…-2"), duplicated messages ${d.repeated} (0 expected; before: the hypothesis posted twice)`,
    );
  } finally {
    await proxy.close();
    await database.drop();
  }
}

async function burst(fake: FakeSlack): Promise<void> {
  const database = await freshDatabase("burst");
  try {
    const server = await startServe({
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...database.env,
    });
    const db = await database.db();
    const timeRoom = async (account: string) => {
      const started = performance.now();
      await escalate(fake, server, "U01ALICE0", `${account} "bench burst"`);
      await waitFor(() => roomReady(db, account), 120_000);
      return performance.now() - started;
    };
    await timeRoom("ACC-0041"); // warm-up: the engine's worker thread starts on the first analysis
    const alone = await timeRoom("ACC-0042");
    const accounts = Array.from({ length: 10 }, (_, i) => `ACC-${String(43 + i).padStart(4, "0")}`);
    const ten = await Promise.all(accounts.map(timeRoom));
    await end(server, "SIGTERM");
    console.log(
      `ten /escalate at once (Slack +${SLACK_MS} ms/call, WAR_ROOM_CONCURRENCY ${values.concurrency ?? "default"}): rooms ready after median ${median(ten).toFixed(0)} ms, the last after ${Math.max(...ten).toFixed(0)} ms;` +
        ` peer: one alone on the same server ${alone.toFixed(0)} ms (before: one room every 2 s, the tenth after 16 s)`,
    );
  } finally {
    await database.drop();
  }
}

const fake = await startFakeSlack();
fake.setLatency(SLACK_MS);
try {
  const only = values.only;
  if (!only || only === "crashes") await crashes(fake);
  if (!only || only === "lost") await lostAnswers(fake);
  if (!only || only === "burst") await burst(fake);
} finally {
  await fake.close();
}
