/**
 * The client of bench/slack-escalate.ts, in a process of its own so that neither server shares its event
 * loop: warms up with as many `/escalate help` at once (connections open, this process's code compiled),
 * then sends the signed /escalate commands to a Slack request URL, all at once, and prints each one's time
 * to its HTTP answer (the ack Slack waits 3 s for) in request order, and the CPU the server process `pid`
 * used from the first request to the last answer, as JSON `{ ms: number[], cpu?: ThreadCpu }`.
 *   node bench/lib/burst-client.ts '{"url": …, "responseUrl": …, "teamId": …, "pid": …, "texts": […]}'
 */
import { sign } from "../../tests/support/slack-harness.ts";
import { cpuSince, threadCpu } from "./thread-cpu.ts";

const { url, responseUrl, teamId, pid, texts } = JSON.parse(process.argv[2] ?? "{}") as {
  url: string;
  responseUrl: string;
  teamId: string;
  pid: number;
  texts: string[];
};

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
    response_url: responseUrl,
    trigger_id: `bench.${index}.${Date.now()}`,
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

await Promise.all(texts.map((_, i) => command("help", i)));
await new Promise((r) => setTimeout(r, 500));
const before = await threadCpu(pid);
const ms = await Promise.all(texts.map((text, i) => command(text, i)));
const cpu = cpuSince(before, await threadCpu(pid));
console.log(JSON.stringify({ ms, ...(cpu ? { cpu } : {}) }));
