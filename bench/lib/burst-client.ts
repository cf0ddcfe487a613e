/**
 * The client of bench/slack-escalate.ts, in a process of its own so that no server shares its event loop.
 * Against two servers at once (the floor and warroom, each a Slack request URL and its process id for /proc),
 * taking turns burst by burst so that the load of this shared machine, which drifts, falls on both alike:
 *  1. warms each up with as many `/escalate help` at once (connections open, code that answers compiled);
 *  2. sends the signed /escalate commands all at once to each in turn: the first burst after start;
 *  3. then, `steady` times, to each in turn: the later bursts find the server as one that has been running a
 *     while would (V8 optimises code after it has run many times).
 * Before each burst both servers are at rest (the jobs the last bursts queued done). Prints, per server,
 * each burst's times to the HTTP answers (the ack Slack waits 3 s for), in request order, and the CPU the
 * server used from the first request to the last answer, as JSON `[{ first: Burst, later: Burst[] }, …]`.
 *   node bench/lib/burst-client.ts '{"targets": [{"url": …, "pid": …, "responseUrls": […]}, …], "teamId": …, "texts": […], "steady": 8}'
 */
import { sign } from "../../tests/support/slack-harness.ts";
import { cpuSince, settled, threadCpu } from "./thread-cpu.ts";

/** One server: where it listens, its process, and one response_url per command it will get. */
interface Target {
  url: string;
  pid: number;
  /** texts × (steady + 2): Slack gives each command its own. */
  responseUrls: string[];
}

const { targets, teamId, texts, steady } = JSON.parse(process.argv[2] ?? "{}") as {
  targets: Target[];
  teamId: string;
  texts: string[];
  steady: number;
};

const sent = new Map<Target, number>();

async function command(target: Target, text: string, index: number): Promise<number> {
  const n = sent.get(target) ?? 0;
  sent.set(target, n + 1);
  const body = new URLSearchParams({
    token: "x",
    team_id: teamId,
    team_domain: "acme",
    channel_id: "C-GENERAL",
    channel_name: "general",
    user_id: "U01ALICE0",
    user_name: "alice",
    command: "/escalate",
    text,
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: target.responseUrls[n]!,
    trigger_id: `bench.${index}.${Date.now()}.${n}`,
  }).toString();
  const started = performance.now();
  const res = await fetch(target.url, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...sign(body) },
  });
  await res.text();
  if (res.status !== 200) throw new Error(`${target.url} answered ${res.status} to "${text}"`);
  return performance.now() - started;
}

/** Both servers at rest, then one burst to `target`. */
async function measuredBurst(target: Target) {
  for (const t of targets)
    if (!(await settled(t.pid)))
      process.stderr.write(`${t.url} was still busy after 20 s; measured anyway\n`);
  const before = await threadCpu(target.pid);
  const ms = await Promise.all(texts.map((text, i) => command(target, text, i)));
  const cpu = cpuSince(before, await threadCpu(target.pid));
  return { ms, ...(cpu ? { cpu } : {}) };
}

for (const target of targets) await Promise.all(texts.map((_, i) => command(target, "help", i)));
await new Promise((r) => setTimeout(r, 500));
const results = targets.map(() => ({ first: { ms: [] as number[] }, later: [] as { ms: number[] }[] }));
for (const [i, target] of targets.entries()) results[i]!.first = await measuredBurst(target);
for (let n = 0; n < steady; n++)
  for (const [i, target] of targets.entries()) results[i]!.later.push(await measuredBurst(target));
console.log(JSON.stringify(results));
