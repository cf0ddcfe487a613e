import { spawn } from "node:child_process";
import { settled, threadCpu } from "../bench/lib/thread-cpu.ts";
import { startFakeSlack } from "../tests/fakes/slack/slack-api-server.ts";
import { SIGNING_SECRET, sign } from "../tests/support/slack-harness.ts";

const fake = await startFakeSlack();
const which = process.argv[2] ?? "warroom";
const env: Record<string, string> = {
  PATH: process.env.PATH!,
  HOME: process.env.HOME!,
  LOG_LEVEL: "warn",
  PORT: "0",
  SLACK_BOT_TOKEN: fake.token,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: fake.apiUrl,
  DATA_DIR: `/tmp/scr/d${Date.now()}${Math.random()}`,
  ...(Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k.startsWith("ZZ_") || k === "DATABASE_URL"),
  ) as Record<string, string>),
};
const child = spawn(
  process.execPath,
  which === "warroom" ? ["handlers/cli/launcher.js", "serve"] : ["bench/lib/bare-bolt-ack.ts"],
  { env, cwd: "/work/main" },
);
let out = "";
const port: number = await new Promise((r) => {
  child.stdout.on("data", (d) => {
    out += d;
    const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
    if (m) r(Number(m[1]));
  });
});
const url = `http://127.0.0.1:${port}/slack/events`;
await settled(child.pid!);
let n = 0;
async function one(text: string): Promise<number> {
  const t0 = performance.now();
  const body = new URLSearchParams({
    token: "x",
    team_id: fake.teamId,
    team_domain: "acme",
    channel_id: "C-GENERAL",
    channel_name: "general",
    user_id: "U01ALICE0",
    user_name: "alice",
    command: "/escalate",
    text,
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: fake.responseUrl(),
    trigger_id: `abl.${n++}.${Date.now()}`,
  }).toString();
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...sign(body) },
  });
  await res.text();
  return performance.now() - t0;
}
await Promise.all(Array.from({ length: 50 }, () => one("help")));
const cpus: number[] = [];
const p99s: number[] = [];
for (let b = 0; b < Number(process.argv[3] ?? 12); b++) {
  await settled(child.pid!, 200);
  const c0 = await threadCpu(child.pid!);
  const ms = await Promise.all(
    Array.from({ length: 50 }, (_, i) => one(`ACC-${String(i + 1).padStart(4, "0")} "abl ${b}"`)),
  );
  p99s.push(Math.max(...ms));
  const c1 = await threadCpu(child.pid!);
  cpus.push(c1!.mainMs - c0!.mainMs);
}
const s = [...cpus].sort((a, b) => a - b);
console.log(
  `${which} ${
    Object.keys(env)
      .filter((k) => k.startsWith("ZZ_"))
      .join(",") || "-"
  } ${process.env.DATABASE_URL ? "pg" : "pglite"}: main CPU per burst median ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms (min ${s[0]!.toFixed(1)}, first ${cpus[0]!.toFixed(1)}); max latency median ${[...p99s].sort((a, b) => a - b)[Math.floor(p99s.length / 2)]!.toFixed(1)} ms`,
);
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
await fake.close();
