/**
 * /escalate in Slack, end to end against the fake Slack Web API:
 *  1. ack latency p50/p99 of 50 concurrent commands for 50 accounts (the HTTP answer Slack waits 3 s for),
 *     sent by a client process of its own to a real `warroom serve` (PGlite, then PostgreSQL), beside the
 *     floor: a bare Bolt app that only acks, started anew in the same round and driven the same way, the
 *     client taking turns between the two burst by burst (bench/lib/burst-client.ts): the first burst after
 *     start, and the steady state of a server that has been answering a while; with the main-thread CPU
 *     each server used meanwhile (/proc, Linux only);
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
      ...(process.env.ZZ_TRACE ? { ZZ_TRACE: "1" } : {}),
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
    child.stderr!.on("data", (d) => {
      out += d;
      if (process.env.ZZ_TRACE) process.stderr.write(d);
    });
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

/** A server's first burst after start, and the later ones, each once at rest again. */
interface Bursts {
  first: Burst;
  later: Burst[];
}

/** Later bursts per server; the last half of them stand for a server that has been running a while. */
const LATER = 8;

/** A server the client drives: where it listens and its process id (for /proc). */
interface Server {
  url: string;
  pid: number;
}

/** Runs the client process against the servers, taking turns burst by burst (bench/lib/burst-client.ts). */
async function bursts(fake: FakeSlack, servers: Server[], texts: string[]): Promise<Bursts[]> {
  // Each command its own response_url, as Slack gives (one lasts five answers).
  const targets = servers.map((server) => ({
    ...server,
    responseUrls: Array.from({ length: texts.length * (LATER + 2) }, () => fake.responseUrl()),
  }));
  const input = JSON.stringify({ targets, teamId: fake.teamId, texts, steady: LATER });
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, "bench/lib/burst-client.ts"), input],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  for (const line of stderr.split("\n").filter((l) => l.includes("still busy"))) console.log(`  (${line})`);
  return JSON.parse(stdout) as Bursts[];
}

/** One round: the floor's bursts and warroom's. */
interface Round {
  floor: Bursts;
  warroom: Bursts;
}

const admin = (sql: string) => adminQuery(values["database-url"], sql);

/**
 * One round: a new bare Bolt app and a new warroom (fresh database), both running, each at rest, then
 * driven by one client that takes turns between them burst by burst (burst-client.ts), so that the drift of
 * this shared machine's load falls on both alike. Both are new processes so that neither has compiled code
 * the other has not; which goes first alternates between rounds.
 */
async function round(
  index: number,
  fake: FakeSlack,
  database: Record<string, string>,
  texts: string[],
): Promise<Round> {
  const slackEnv = {
    PORT: "0",
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
  const started: ChildProcess[] = [];
  try {
    const start = async (args: string[], env: Record<string, string>): Promise<Server> => {
      const server = await startServer(args, { ...slackEnv, ...env });
      started.push(server.child);
      // At rest: start-up work (warroom imports the sample dataset's tickets) done.
      if (!(await settled(server.child.pid!)))
        console.log(`  (${args.join(" ")} did not settle within 20 s)`);
      return { url: `http://127.0.0.1:${server.port}/slack/events`, pid: server.child.pid! };
    };
    const floor = await start(["bench/lib/bare-bolt-ack.ts"], {});
    const warroom = await start(["handlers/cli/launcher.js", "serve"], database);
    if (index % 2 === 0) {
      const [f, w] = await bursts(fake, [floor, warroom], texts);
      return { floor: f!, warroom: w! };
    }
    const [w, f] = await bursts(fake, [warroom, floor], texts);
    return { floor: f!, warroom: w! };
  } finally {
    for (const child of started) await stop(child);
  }
}

/** What a round's bursts of one kind showed, for one server. */
interface Figures {
  p99: number;
  p50: number;
  cpu?: { mainMs: number; allMs: number };
}

/** The first burst as it was; the steady state as the medians over the last half of the later bursts. */
function figures(bursts: Bursts, kind: "first" | "steady"): Figures {
  const chosen = kind === "first" ? [bursts.first] : bursts.later.slice(Math.floor(bursts.later.length / 2));
  const cpus = chosen.flatMap((b) => (b.cpu ? [b.cpu] : []));
  return {
    p99: median(chosen.map((b) => pct(b.ms, 99))),
    p50: median(chosen.map((b) => pct(b.ms, 50))),
    ...(cpus.length === chosen.length
      ? { cpu: { mainMs: median(cpus.map((c) => c.mainMs)), allMs: median(cpus.map((c) => c.allMs)) } }
      : {}),
  };
}

/** One line per kind of burst: p99 and p50 medians over the rounds, the ratio, and the CPU beside them. */
function report(name: string, what: string, rounds: { floor: Figures; warroom: Figures }[]): void {
  const ratios = rounds.map((r) => r.warroom.p99 / r.floor.p99);
  const each = rounds.map((r) => `${r.warroom.p99.toFixed(0)}/${r.floor.p99.toFixed(0)}`).join(", ");
  const med = (f: (r: { floor: Figures; warroom: Figures }) => number) => median(rounds.map(f)).toFixed(0);
  console.log(
    `ack, ${BURST} concurrent /escalate, ${name}, ${what}: p99 median ${med((r) => r.warroom.p99)} ms ` +
      `(p50 ${med((r) => r.warroom.p50)} ms); floor (bare Bolt app, acks only) p99 median ` +
      `${med((r) => r.floor.p99)} ms (p50 ${med((r) => r.floor.p50)} ms); ratio median ` +
      `${median(ratios).toFixed(2)}× over ${rounds.length} rounds (warroom/floor p99: ${each}) target <= 1.5×`,
  );
  if (rounds.every((r) => r.warroom.cpu && r.floor.cpu))
    console.log(
      `  main-thread CPU per burst: warroom ${med((r) => r.warroom.cpu!.mainMs)} ms ` +
        `(all its threads ${med((r) => r.warroom.cpu!.allMs)} ms), floor ${med((r) => r.floor.cpu!.mainMs)} ms (medians)`,
    );
}

async function ackLatency(fake: FakeSlack): Promise<void> {
  // The client warms each server up with `help` (no war-room) before the burst, the same way.
  const texts = Array.from(
    { length: BURST },
    (_, i) => `ACC-${String(i + 1).padStart(4, "0")} "bench escalation ${i}"`,
  );
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
        rounds.push(await round(i, fake, await database(), texts));
      for (const [kind, what] of [
        ["steady", `steady state (bursts ${LATER / 2 + 2}–${LATER + 1} after start)`],
        ["first", "first burst after start"],
      ] as const)
        report(
          name,
          what,
          rounds.map((r) => ({ floor: figures(r.floor, kind), warroom: figures(r.warroom, kind) })),
        );
    }
  } finally {
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
