import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, startServe } from "../../support/run-cli.ts";

const ROOT = join(import.meta.dirname, "../../..");

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => resolve(true) ?? socket.destroy());
    socket.once("error", () => resolve(false));
  });
}

describe("npm start and HOST", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "warroom-npm-start-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("stops the server with npm when npm gets SIGTERM, leaving nothing listening", async () => {
    const npm = spawn("npm", ["start"], { cwd: ROOT, env: cleanEnv({ PORT: "0", DATA_DIR: dataDir }) });
    let out = "";
    npm.stdout.on("data", (d) => (out += d));
    npm.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => npm.on("close", resolve));
    const port = await new Promise<number>((resolve, reject) => {
      npm.stdout.on("data", () => {
        const match = /listening on http:\/\/localhost:(\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      void exited.then(() => reject(new Error(`npm start exited before listening:\n${out}`)));
    });
    expect(await listening(port)).toBe(true);
    npm.kill("SIGTERM");
    expect(await exited, out).toBe(0);
    expect(out).toMatch(/SIGTERM: shutting down\nstopped\n/);
    expect(await listening(port)).toBe(false);
  });

  it("binds the address HOST names", async () => {
    const serve = await startServe({ DATA_DIR: dataDir, HOST: "127.0.0.1" });
    try {
      expect(serve.output()).toContain(`listening on http://127.0.0.1:${serve.port} (GET /healthz)`);
      expect((await fetch(`http://127.0.0.1:${serve.port}/healthz`)).status).toBe(200);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});
