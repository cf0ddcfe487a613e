/**
 * `warroom serve` start-up: time from spawn to the first 200 from /healthz, on the very first start (PGlite
 * creates its database) and on an existing data directory; then RSS after idling.
 *   node bench/serve-startup.ts [--runs 5] [--idle-seconds 10]
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "5" }, "idle-seconds": { type: "string", default: "10" } },
});
const BIN = join(import.meta.dirname, "../handlers/cli/warroom.ts");
const PORT = 39_817;

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${PORT}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

async function startOnce(dataDir: string, idleSeconds = 0) {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: { PATH: process.env.PATH, PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  while (!(await healthy())) await new Promise((r) => setTimeout(r, 20));
  const ms = performance.now() - started;
  let rssMb: number | undefined;
  if (idleSeconds > 0) {
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const status = await readFile(`/proc/${child.pid}/status`, "utf8");
    rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
  }
  const exited = new Promise((r) => child.on("close", r));
  child.kill("SIGTERM");
  await exited;
  return { ms, rssMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const firsts: number[] = [];
for (let i = 0; i < 3; i++) {
  const fresh = await mkdtemp(join(tmpdir(), "warroom-bench-"));
  firsts.push((await startOnce(fresh)).ms);
  await rm(fresh, { recursive: true, force: true });
}
const dataDir = await mkdtemp(join(tmpdir(), "warroom-bench-"));
try {
  await startOnce(dataDir);
  const warm: number[] = [];
  for (let i = 0; i < Number(values.runs); i++) warm.push((await startOnce(dataDir)).ms);
  const idle = await startOnce(dataDir, Number(values["idle-seconds"]));
  console.log(
    `first start (new data dir)     median ${median(firsts).toFixed(0)} ms over 3 (${firsts.map((m) => m.toFixed(0)).join(", ")})   target <= 6000 ms`,
  );
  console.log(
    `start on existing data dir     median ${median(warm).toFixed(0)} ms over ${warm.length} runs   target <= 2000 ms`,
  );
  console.log(`RSS after ${values["idle-seconds"]} s idle            ${idle.rssMb?.toFixed(0)} MB`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
