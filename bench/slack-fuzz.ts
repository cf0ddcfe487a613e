/**
 * 10,000 signed, fuzzed Slack requests against a real `warroom serve` (launcher, PGlite, the fake Slack Web
 * API): mutations of real slash-command, block_actions, view_submission, block_suggestion, shortcut and
 * event payloads (bench/lib/slack-fuzz-payloads.ts). Prints process crashes, answers by status (5xx
 * separately), stack traces and warn/error lines in the log, and the server's RSS before, right after and
 * after a settle period, beside the peer: the same run with the unmutated payloads only.
 *   node bench/slack-fuzz.ts [--requests 10000] [--concurrency 16] [--settle 20] [--seed 11]
 * FUZZ_LOG=1 also prints the log lines other than the edge's refusals, grouped by level and message.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type FakeSlack, startFakeSlack } from "../tests/fakes/slack/slack-api-server.ts";
import { SIGNING_SECRET, sign } from "../tests/support/slack-harness.ts";
import { type FuzzContext, nextRequest, seededRandom } from "./lib/slack-fuzz-payloads.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "16" },
    settle: { type: "string", default: "20" },
    seed: { type: "string", default: "11" },
  },
});
const ROOT = join(import.meta.dirname, "..");
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);

interface Server {
  child: ChildProcess;
  port: number;
  log: string[];
  exited: { code: number | null; signal: string | null } | null;
}

async function startServe(fake: FakeSlack, dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ["handlers/cli/launcher.js", "serve"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: "warn",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    },
  });
  const server: Server = { child, port: 0, log: [], exited: null };
  let partial = "";
  child.stderr!.on("data", (d: Buffer) => {
    const lines = (partial + d.toString()).split("\n");
    partial = lines.pop() ?? "";
    server.log.push(...lines);
  });
  child.once("exit", (code, signal) => (server.exited = { code, signal }));
  let out = "";
  server.port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) =>
      reject(new Error(`serve exited with ${code}:\n${out}\n${server.log.join("\n")}`)),
    );
  });
  return server;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

interface RunFigures {
  crashes: number;
  statuses: Map<string, number>;
  fiveXx: number;
  refusedConnections: number;
  stackTraces: number;
  warnLines: number;
  errorLines: number;
  rss: { before: number; after: number; settled: number };
}

async function send(url: string, body: string, contentType: string): Promise<string> {
  try {
    const res = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": contentType, ...sign(body) },
    });
    await res.arrayBuffer();
    return String(res.status);
  } catch {
    return "no answer";
  }
}

async function run(fake: FakeSlack, fuzz: boolean): Promise<RunFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), "warroom-fuzz-"));
  const server = await startServe(fake, dataDir);
  const url = `http://127.0.0.1:${server.port}/slack/events`;
  let answers = 0;
  const ctx: FuzzContext = {
    teamId: fake.teamId,
    botUserId: fake.botUserId,
    responseUrl: () => fake.responseUrl(`fuzz-${fuzz}-${answers++}`),
    issueTriggerId: () => fake.issueTriggerId(),
  };
  try {
    // Warm-up with valid requests, so "before" is a server that has served, not a cold one.
    const warm = seededRandom(1);
    for (let i = 0; i < 200; i += CONCURRENCY)
      await Promise.all(
        Array.from({ length: CONCURRENCY }, (_, j) => {
          const r = nextRequest(ctx, i + j, warm, false);
          return send(url, r.body, r.contentType);
        }),
      );
    await new Promise((r) => setTimeout(r, 2000));
    const logStart = server.log.length;
    const before = await rssMb(server.child.pid!);
    const random = seededRandom(Number(values.seed));
    const statuses = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        const n = next++;
        const r = nextRequest(ctx, n, random, fuzz);
        const status = await send(url, r.body, r.contentType);
        const key = `${status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const after = server.exited ? Number.NaN : await rssMb(server.child.pid!);
    await new Promise((r) => setTimeout(r, Number(values.settle) * 1000));
    const settled = server.exited ? Number.NaN : await rssMb(server.child.pid!);
    const log = server.log.slice(logStart);
    if (process.env.FUZZ_LOG) {
      const kinds = new Map<string, number>();
      for (const l of log.filter((x) => !x.includes("slack request refused"))) {
        const m = `${/"level":(\d+)/.exec(l)?.[1]} ${/"msg":"([^"]{0,120})/.exec(l)?.[1] ?? l.slice(0, 120)} ${/"(?:message|problem|slackError)":"([^"]{0,100})/.exec(l)?.[1] ?? ""}`;
        kinds.set(m, (kinds.get(m) ?? 0) + 1);
      }
      console.log([...kinds].sort((a, b) => b[1] - a[1]).slice(0, 25));
    }
    const level = (n: number) => log.filter((l) => l.includes(`"level":${n}`)).length;
    return {
      crashes: server.exited ? 1 : 0,
      statuses,
      fiveXx: [...statuses].filter(([s]) => s.startsWith("5")).reduce((a, [, c]) => a + c, 0),
      refusedConnections: statuses.get("no answer") ?? 0,
      stackTraces: log.filter((l) => l.includes('"stack":') || /^\s+at /.test(l)).length,
      warnLines: level(40),
      errorLines: level(50) + level(60),
      rss: { before, after, settled },
    };
  } finally {
    if (!server.exited) {
      const exited = new Promise((r) => server.child.once("exit", r));
      server.child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

function print(name: string, f: RunFigures): void {
  const mb = (x: number) => (Number.isNaN(x) ? "gone" : `${x.toFixed(0)} MB`);
  const statuses = [...f.statuses]
    .sort()
    .map(([s, c]) => `${s}×${c}`)
    .join(" ");
  console.log(
    `${name.padEnd(6)} crashes ${f.crashes} · 5xx ${f.fiveXx} · no answer ${f.refusedConnections} · stack traces ${f.stackTraces} · log warn ${f.warnLines} / error ${f.errorLines}`,
  );
  console.log(`       answers: ${statuses}`);
  console.log(
    `       RSS before ${mb(f.rss.before)} · after ${mb(f.rss.after)} · after ${values.settle} s ${mb(f.rss.settled)}`,
  );
}

const fake = await startFakeSlack();
fake.addChannel({ id: "C0FUZZ001", name: "fuzz", members: ["U01ALICE0", fake.botUserId] });
try {
  console.log(
    `slack-fuzz: ${REQUESTS} signed requests, ${CONCURRENCY} at a time, to warroom serve on PGlite`,
  );
  const peer = await run(fake, false);
  print("peer", peer);
  const fuzzed = await run(fake, true);
  print("fuzz", fuzzed);
  console.log("target: 0 crashes, 0 5xx, 0 stack traces; RSS after settling within the peer's");
} finally {
  await fake.close();
}
