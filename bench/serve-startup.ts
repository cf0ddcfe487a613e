/**
 * `warroom serve` start-up and memory, on PGlite and (when reachable) PostgreSQL:
 *  - time from spawn to the first 200 from /healthz, on a new data directory and on an existing one;
 *  - peak RSS over the start (VmHWM once healthy) and RSS after idling (VmRSS), beside their targets.
 *   node bench/serve-startup.ts [--runs 5] [--idle-seconds 10] [--database-url postgres://…]
 * The PostgreSQL run makes a throwaway database on the server (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { adminQuery } from "./lib/pg-admin.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "idle-seconds": { type: "string", default: "10" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
  },
});
const BIN = join(import.meta.dirname, "../handlers/cli/launcher.js");
const PORT = 39_817;
const IDLE_SECONDS = Number(values["idle-seconds"]);

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${PORT}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

async function memoryMb(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1]);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

interface Start {
  ms: number;
  peakMb: number;
  idleMb?: number;
}

async function startOnce(env: Record<string, string>, idleSeconds = 0): Promise<Start> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(PORT),
      LOG_LEVEL: "warn",
      // NODE_DISABLE_COMPILE_CACHE=1 node bench/serve-startup.ts measures without Node's compile cache.
      ...(process.env.NODE_DISABLE_COMPILE_CACHE ? { NODE_DISABLE_COMPILE_CACHE: "1" } : {}),
      ...env,
    },
    stdio: "ignore",
  });
  while (!(await healthy())) await new Promise((r) => setTimeout(r, 20));
  const ms = performance.now() - started;
  let idleMb: number | undefined;
  if (idleSeconds > 0) {
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    idleMb = (await memoryMb(child.pid!)).rss;
  }
  const { peak } = await memoryMb(child.pid!);
  const exited = new Promise((r) => child.on("close", r));
  child.kill("SIGTERM");
  await exited;
  return { ms, peakMb: peak, idleMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");

async function measure(
  label: string,
  env: () => Promise<Record<string, string>>,
  targets: { idle: number; peak?: number },
) {
  const firsts: Start[] = [];
  for (let i = 0; i < 3; i++) firsts.push(await startOnce(await env()));
  const same = await env();
  await startOnce(same);
  const warm: Start[] = [];
  for (let i = 0; i < Number(values.runs); i++) warm.push(await startOnce(same));
  const idle = await startOnce(same, IDLE_SECONDS);
  // Node's compile cache empty (npm ci --ignore-scripts, or a folder of its own): every module is compiled,
  // its TypeScript stripped, as it loads. npm ci fills the install's own cache.
  const cacheDir = await mkdtemp(join(tmpdir(), "warroom-bench-cache-"));
  dirs.push(cacheDir);
  const cold = await startOnce({ ...same, NODE_COMPILE_CACHE: cacheDir }, IDLE_SECONDS);
  const peaks = [...firsts, ...warm].map((s) => s.peakMb);
  console.log(`${label}:`);
  console.log(
    `  first start (new database)   median ${median(firsts.map((s) => s.ms)).toFixed(0)} ms over 3 (${list(firsts.map((s) => s.ms))})   target <= 6000 ms`,
  );
  console.log(
    `  start on existing database   median ${median(warm.map((s) => s.ms)).toFixed(0)} ms over ${warm.length} (${list(warm.map((s) => s.ms))})   target <= 2000 ms`,
  );
  console.log(
    `  peak RSS at start            max ${Math.max(...peaks).toFixed(0)} MB, median ${median(peaks).toFixed(0)} MB over ${peaks.length}${targets.peak ? `   target <= ${targets.peak} MB` : ""}`,
  );
  console.log(
    `  RSS after ${IDLE_SECONDS} s idle          ${idle.idleMb?.toFixed(0)} MB   target <= ${targets.idle} MB`,
  );
  console.log(
    `    the same, Node's compile cache empty (not filled at install): ${cold.idleMb?.toFixed(0)} MB`,
  );
}

const dirs: string[] = [];
const databases: string[] = [];
const adminUrl = values["database-url"];
const admin = (sql: string) => adminQuery(adminUrl, sql);
try {
  await measure(
    "PGlite (embedded)",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "warroom-bench-"));
      dirs.push(dir);
      return { DATA_DIR: dir };
    },
    { idle: 250, peak: 400 },
  );
  const reachable = await admin("SELECT 1").then(
    () => true,
    () => false,
  );
  if (!reachable) console.log(`PostgreSQL: skipped (${adminUrl} not reachable; --database-url)`);
  else
    await measure(
      "PostgreSQL",
      async () => {
        const name = `warroom_bench_${process.pid}_${databases.length}`;
        await admin(`CREATE DATABASE "${name}"`);
        databases.push(name);
        const url = new URL(adminUrl);
        url.pathname = `/${name}`;
        const dir = await mkdtemp(join(tmpdir(), "warroom-bench-"));
        dirs.push(dir);
        return { DATABASE_URL: url.toString(), DATA_DIR: dir };
      },
      { idle: 130 },
    );
} finally {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  for (const name of databases)
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
}
