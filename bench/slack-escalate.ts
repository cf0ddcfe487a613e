/**
 * /escalate in Slack, end to end against the fake Slack Web API:
 *  1. ack latency p50/p99 of 50 concurrent commands for 50 accounts (the HTTP answer Slack waits 3 s for),
 *     sent by a client process of its own to a real `warroom serve` (PGlite, then PostgreSQL), beside the
 *     floor: a bare Bolt app that only acks, measured in the same round by the same client;
 *  2. command to hypotheses posted with 100 ms per Slack call and 200 ms per CRM call, beside the
 *     critical-path lower bound (the longest chain of calls that must wait for each other).
 *   node bench/slack-escalate.ts [--rounds 5] [--databases pglite,postgres] [--database-url postgres://…] [--skip-e2e]
 * BENCH_NODE_OPTIONS is passed to the warroom process as NODE_OPTIONS (e.g. --cpu-prof).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { ACTIONS } from "../integrations/slack/ids.ts";
import { getWarRoom } from "../src/storage/war-room-store.ts";
import { type FakeSlack, startFakeSlack } from "../tests/fakes/slack/slack-api-server.ts";
import { SIGNING_SECRET, startSlackHarness } from "../tests/support/slack-harness.ts";
import { adminQuery } from "./lib/pg-admin.ts";
import { slowCrm } from "./lib/slow-crm.ts";
import { settled, type ThreadCpu } from "./lib/thread-cpu.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    "skip-e2e": { type: "boolean", default: false },
    databases: { type: "string", default: "pglite,postgres" },
  },
});
const ROOT = join(import.meta.dirname, "..");
const BURST = 50;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;
const median = (xs: number[]) => pct(xs, 50);

/** Starts a server process and resolves with its port once it says where it listens. */
function startServer(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: "warn",
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
      ...env,
    },
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const seen = (d: Buffer) => {
      out += d;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    };
    child.stdout!.on("data", seen);
    child.stderr!.on("data", (d) => (out += d));
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}:\n${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

/** What one burst measured: each request's milliseconds to its answer, and the server's CPU meanwhile. */
interface Burst {
  ms: number[];
  cpu?: ThreadCpu;
}

/** Sends `texts` at once from the client process to the server `pid` listening at `url`. */
async function burst(fake: FakeSlack, url: string, pid: number, texts: string[]): Promise<Burst> {
  const input = JSON.stringify({ url, responseUrl: fake.responseUrl(), teamId: fake.teamId, pid, texts });
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, "bench/lib/burst-client.ts"), input],
    {
      cwd: ROOT,
    },
  );
  return JSON.parse(stdout) as Burst;
}

interface Round {
  floor: number[];
  warroom: number[];
  /** Main-thread CPU milliseconds per burst (the floor's: the mean of its two bursts). */
  floorCpu?: number;
  warroomCpu?: number;
  /** All of warroom's threads (the database and engine workers too). */
  warroomAllCpu?: number;
}

const admin = (sql: string) => adminQuery(values["database-url"], sql);

/** One round: a new warroom (fresh database), warmed like the floor, then the floor's burst and its own. */
async function round(
  fake: FakeSlack,
  floor: { url: string; pid: number },
  database: Record<string, string>,
): Promise<Round> {
  const slackEnv = {
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
  const warroom = await startServer(["handlers/cli/launcher.js", "serve"], {
    PORT: "0",
    ...slackEnv,
    ...database,
  });
  try {
    const url = `http://127.0.0.1:${warroom.port}/slack/events`;
    // At rest, as the floor is: start-up work (importing the sample dataset's tickets) done.
    if (!(await settled(warroom.child.pid!))) console.log("  (warroom did not settle within 20 s)");
    // The client warms both up the same way (`help` opens no war-room before the burst).
    const texts = Array.from(
      { length: BURST },
      (_, i) => `ACC-${String(i + 1).padStart(4, "0")} "bench escalation ${i}"`,
    );
    // The floor just before and just after: the machine is shared, and its load drifts.
    const before = await burst(fake, floor.url, floor.pid, texts);
    const measured = await burst(fake, url, warroom.child.pid!, texts);
    const after = await burst(fake, floor.url, floor.pid, texts);
    const floorCpu = before.cpu && after.cpu ? (before.cpu.mainMs + after.cpu.mainMs) / 2 : undefined;
    return {
      floor: [...before.ms, ...after.ms],
      warroom: measured.ms,
      ...(floorCpu !== undefined ? { floorCpu } : {}),
      ...(measured.cpu ? { warroomCpu: measured.cpu.mainMs, warroomAllCpu: measured.cpu.allMs } : {}),
    };
  } finally {
    await stop(warroom.child);
  }
}

async function ackLatency(fake: FakeSlack): Promise<void> {
  const slackEnv = {
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
  const floor = await startServer(["bench/lib/bare-bolt-ack.ts"], { PORT: "39871", ...slackEnv });
  const floorUrl = `http://127.0.0.1:${floor.port}/slack/events`;
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const pgReachable = await admin("SELECT 1").then(
      () => true,
      () => false,
    );
    const databases: [string, () => Promise<Record<string, string>>][] = [
      [
        "PGlite",
        async () => {
          const dir = await mkdtemp(join(tmpdir(), "warroom-bench-"));
          cleanup.push(() => rm(dir, { recursive: true, force: true }));
          return { DATA_DIR: dir };
        },
      ],
    ];
    if (pgReachable)
      databases.push([
        "PostgreSQL",
        async () => {
          const name = `warroom_bench_ack_${process.pid}_${cleanup.length}`;
          await admin(`CREATE DATABASE "${name}"`);
          cleanup.push(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
          const url = new URL(values["database-url"]);
          url.pathname = `/${name}`;
          const dir = await mkdtemp(join(tmpdir(), "warroom-bench-"));
          cleanup.push(() => rm(dir, { recursive: true, force: true }));
          return { DATABASE_URL: url.toString(), DATA_DIR: dir };
        },
      ]);
    else console.log(`PostgreSQL: skipped (${values["database-url"]} not reachable; --database-url)`);
    const chosen = values.databases.toLowerCase().split(",");
    for (const [name, database] of databases.filter(([n]) =>
      chosen.some((c) => n.toLowerCase().startsWith(c)),
    )) {
      const rounds: Round[] = [];
      for (let i = 0; i < Number(values.rounds); i++)
        rounds.push(await round(fake, { url: floorUrl, pid: floor.child.pid! }, await database()));
      const ratios = rounds.map((r) => pct(r.warroom, 99) / pct(r.floor, 99));
      const each = rounds
        .map((r) => `${pct(r.warroom, 99).toFixed(0)}/${pct(r.floor, 99).toFixed(0)}`)
        .join(", ");
      console.log(
        `ack, ${BURST} concurrent /escalate, ${name}: p99 median ${median(rounds.map((r) => pct(r.warroom, 99))).toFixed(0)} ms ` +
          `(p50 ${median(rounds.map((r) => pct(r.warroom, 50))).toFixed(0)} ms); floor (bare Bolt app, acks only) p99 median ` +
          `${median(rounds.map((r) => pct(r.floor, 99))).toFixed(0)} ms (p50 ${median(rounds.map((r) => pct(r.floor, 50))).toFixed(0)} ms); ` +
          `ratio median ${median(ratios).toFixed(2)}× over ${rounds.length} rounds (warroom/floor p99: ${each}) target <= 1.5×`,
      );
      const cpu = (key: "floorCpu" | "warroomCpu" | "warroomAllCpu") =>
        median(rounds.flatMap((r) => (r[key] === undefined ? [] : [r[key]])));
      if (rounds.every((r) => r.warroomCpu !== undefined))
        console.log(
          `  CPU while the burst was answered, ${name}: warroom main thread ${cpu("warroomCpu").toFixed(0)} ms ` +
            `(all threads ${cpu("warroomAllCpu").toFixed(0)} ms), floor ${cpu("floorCpu").toFixed(0)} ms (medians)`,
        );
    }
  } finally {
    await stop(floor.child);
    for (const clean of cleanup.reverse()) await clean().catch(() => undefined);
  }
}

async function commandToHypotheses(runs: number): Promise<void> {
  const SLACK_MS = 100;
  const CRM_MS = 200;
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
      let posted = 0;
      const hypotheses = async () =>
        (
          await h.services.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM hypotheses WHERE escalation_id = $1",
            [id],
          )
        )[0]!.n;
      while (true) {
        const room = await getWarRoom(h.services.db, id);
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
    const ratio = results.map((r) => r.ms / r.bound);
    console.log(
      `command → hypotheses posted (Slack +${SLACK_MS} ms/call, CRM +${CRM_MS} ms/call), ${runs} runs: median ${median(
        results.map((r) => r.ms),
      ).toFixed(
        0,
      )} ms, lower bound median ${median(results.map((r) => r.bound)).toFixed(0)} ms, ratio median ${median(
        ratio,
      ).toFixed(2)}× (target ≤ 1.2×)`,
    );
  } finally {
    await h.close();
  }
}

const fake = await startFakeSlack();
try {
  await ackLatency(fake);
} finally {
  await fake.close();
}
if (!values["skip-e2e"]) await commandToHypotheses(5);
