/**
 * The client of bench/slack-escalate.ts, in a process of its own so that neither server shares its event
 * loop. Against one server (a Slack request URL, and its process id for /proc):
 *  1. warms up with as many `/escalate help` at once (connections open, code that answers compiled);
 *  2. sends the signed /escalate commands all at once: the first burst after start;
 *  3. then, each time the server is at rest again (the jobs the last burst queued done), sends them again,
 *     `steady` times: the later bursts find the server as one that has been running a while would (V8
 *     optimises code after it has run many times).
 * Prints each burst's times to the HTTP answers (the ack Slack waits 3 s for), in request order, and the
 * CPU the server used from the first request to the last answer, as JSON `{ first: Burst, later: Burst[] }`.
 *   node bench/lib/burst-client.ts '{"url": …, "responseUrls": […], "teamId": …, "pid": …, "texts": […]}'
 */
import { sign } from "../../tests/support/slack-harness.ts";
import { cpuSince, settled, threadCpu } from "./thread-cpu.ts";

const { url, responseUrls, teamId, pid, texts, steady } = JSON.parse(process.argv[2] ?? "{}") as {
  url: string;
  /** One per command sent (texts × (steady + 2)): Slack gives each command its own. */
  responseUrls: string[];
  teamId: string;
  pid: number;
  texts: string[];
  steady: number;
};

let sent = 0;

async function command(text: string, index: number): Promise<number> {
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
    response_url: responseUrls[sent++]!,
    trigger_id: `bench.${index}.${Date.now()}.${sent}`,
  }).toString();
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...sign(body) },
  });
  await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status} to "${text}"`);
  return performance.now() - started;
}

async function measuredBurst() {
  const before = await threadCpu(pid);
  const ms = await Promise.all(texts.map((text, i) => command(text, i)));
  const cpu = cpuSince(before, await threadCpu(pid));
  return { ms, ...(cpu ? { cpu } : {}) };
}

await Promise.all(texts.map((_, i) => command("help", i)));
await new Promise((r) => setTimeout(r, 500));
const first = await measuredBurst();
const later = [];
for (let i = 0; i < steady; i++) {
  await settled(pid);
  later.push(await measuredBurst());
}
console.log(JSON.stringify({ first, later }));
