/**
 * SIGTERM while a Slack call hangs: `warroom serve` (and `npm start`) stops within its grace period,
 * leaves nothing listening and exits, instead of waiting out the Slack client's 30 s timeout and
 * retries. Run as real processes against the fake Slack, which holds conversations.create unanswered.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../fakes/slack/slack-api-server.ts";
import { backends } from "../../support/databases.ts";
import { cleanEnv, startServe } from "../../support/run-cli.ts";
import { SIGNING_SECRET, sign } from "../../support/slack-harness.ts";
import { databaseEnv } from "../../support/warroom-harness.ts";

const ROOT = join(import.meta.dirname, "../../..");
const GRACE_SECONDS = 1;

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => resolve(true) ?? socket.destroy());
    socket.once("error", () => resolve(false));
  });
}

/** `npm start` with `env`, resolved once it listens. */
function startNpm(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; output(): string }> {
  const child = spawn("npm", ["start"], { cwd: ROOT, env: cleanEnv({ PORT: "0", ...env }) });
  let out = "";
  return new Promise((resolve, reject) => {
    const read = (d: Buffer) => {
      out += d;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]), output: () => out });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => reject(new Error(`npm start exited with ${code} before listening:\n${out}`)));
  });
}

/** A signed /escalate as Slack sends it. */
async function escalate(port: number, fake: FakeSlack): Promise<void> {
  const body = new URLSearchParams({
    token: "x",
    team_id: fake.teamId,
    team_domain: "acme",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: "U01ALICE0",
    user_name: "alice",
    command: "/escalate",
    text: 'ACC-0040 "closed jobs missing from HubSpot"',
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: fake.responseUrl(),
    trigger_id: fake.issueTriggerId(),
  }).toString();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...sign(body) },
  });
  expect(res.status).toBe(200);
}

describe.each(backends)("shutdown with a Slack call hanging on $name", (backend) => {
  let fake: FakeSlack;
  let env: Record<string, string>;
  const disposers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.hang("conversations.create");
  });
  afterAll(async () => {
    await fake?.close();
    for (const dispose of disposers) await dispose();
  });
  const environment = async () => {
    const db = await backend.create();
    disposers.push(db.dispose);
    return {
      ...databaseEnv(db.config),
      HOST: "127.0.0.1",
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    };
  };

  /** Starts a war-room whose channel creation hangs, sends SIGTERM, and checks how the process ends. */
  async function stopWhileHanging(child: ChildProcess, port: number, output: () => string) {
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const before = fake.hanging();
    await escalate(port, fake);
    await vi.waitFor(() => expect(fake.hanging()).toBeGreaterThan(before), {
      timeout: 20_000,
      interval: 100,
    });
    const started = Date.now();
    child.kill("SIGTERM");
    // Past the Slack client's 30 s timeout the process would have ended anyway: 25 s tells a hang apart.
    const outcome = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r("still running"), 25_000)),
    ]);
    if (outcome === "still running") child.kill("SIGKILL");
    expect(outcome, output()).toBe(0);
    // A hang check, not a performance figure: the Slack client alone would hold the process 30 s per try.
    expect(Date.now() - started).toBeLessThan(GRACE_SECONDS * 1000 + 12_000);
    expect(output()).toMatch(/SIGTERM: shutting down\nstopped\n/);
    expect(await listening(port)).toBe(false);
  }

  it("warroom serve exits within the grace period and frees its port", async () => {
    env = await environment();
    const serve = await startServe(env);
    await stopWhileHanging(serve.child, serve.port, serve.output);
  }, 60_000);

  it("npm start passes SIGTERM on: the server stops the same way, nothing is left running", async () => {
    env = await environment();
    const npm = await startNpm(env);
    await stopWhileHanging(npm.child, npm.port, npm.output);
  }, 60_000);
});
