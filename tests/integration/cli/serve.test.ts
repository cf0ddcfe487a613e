import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getEscalation, openEscalation } from "../../../src/storage/escalation-store.ts";
import { openDatabase } from "../../../src/storage/open-database.ts";
import { testLogger } from "../../support/databases.ts";
import { runWarroom, type ServeProcess, startServe } from "../../support/run-cli.ts";

describe("warroom serve", () => {
  const dirs: string[] = [];
  let serve: ServeProcess | undefined;
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "warroom-serve-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    if (serve && serve.child.exitCode === null) await serve.stop();
    serve = undefined;
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it("starts on embedded defaults, prints each subsystem, answers /healthz and stops cleanly on SIGTERM", async () => {
    const dataDir = await tempDir();
    serve = await startServe({ DATA_DIR: dataDir });
    const output = serve.output();
    for (const name of [
      "database",
      "jobs",
      "crm",
      "slack",
      "teams",
      "knowledge",
      "llm",
      "digest",
      "changes api",
    ]) {
      expect(output).toMatch(new RegExp(`^  ${name} +(on|off) `, "m"));
    }
    const response = await fetch(`http://127.0.0.1:${serve.port}/healthz`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { subsystems: Record<string, unknown> };
    expect(health).toMatchObject({ status: "ok", database: { kind: "pglite", reachable: true } });
    expect(health.subsystems.slack).toEqual({
      on: false,
      detail: expect.stringContaining("SLACK_BOT_TOKEN"),
    });
    expect(await serve.stop()).toBe(0);
    expect(serve.output()).toContain("stopped");
  });

  it("keeps data written before a restart", async () => {
    const dataDir = await tempDir();
    serve = await startServe({ DATA_DIR: dataDir });
    expect(await serve.stop()).toBe(0);

    // While serve is down, write through the store as a use-case would; then serve again on the same folder.
    const db = await openDatabase({ kind: "pglite", dataDir }, testLogger);
    const { escalation } = await openEscalation(db, {
      accountId: "A1",
      accountName: "Acme",
      summary: "x",
      origin: "terminal",
    });
    await db.close();

    serve = await startServe({ DATA_DIR: dataDir });
    expect((await fetch(`http://127.0.0.1:${serve.port}/healthz`)).status).toBe(200);
    expect(await serve.stop()).toBe(0);

    const reopened = await openDatabase({ kind: "pglite", dataDir }, testLogger);
    expect(await getEscalation(reopened, escalation.id)).toMatchObject({
      accountName: "Acme",
      status: "open",
    });
    await reopened.close();
  });

  it("refuses a second process on the same data directory with a clear message", async () => {
    const dataDir = await tempDir();
    serve = await startServe({ DATA_DIR: dataDir });
    const second = await runWarroom(["serve"], { DATA_DIR: dataDir, PORT: "0" });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain("is in use by another warroom process");
  });

  it("exits 2 naming the file, the item and the field of a malformed dataset", async () => {
    const crmDir = await tempDir();
    await writeFile(
      join(crmDir, "accounts.json"),
      JSON.stringify([
        { id: "A1", name: "Acme" },
        { id: "A2", arr: 5 },
      ]),
    );
    const result = await runWarroom(["serve"], {
      DATA_DIR: await tempDir(),
      CRM_DATA_DIR: crmDir,
      PORT: "0",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${join(crmDir, "accounts.json")}: item 1, field name: required string is missing`,
    );
  });

  it("exits 2 for a Salesforce key that is not one, without echoing what was pasted", async () => {
    const pasted = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7secret";
    const result = await runWarroom(["serve"], {
      DATA_DIR: await tempDir(),
      PORT: "0",
      SALESFORCE_LOGIN_URL: "https://login.salesforce.com",
      SALESFORCE_CLIENT_ID: "3MVG9.app",
      SALESFORCE_USERNAME: "warroom@acme.com",
      SALESFORCE_PRIVATE_KEY: pasted,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("SALESFORCE_PRIVATE_KEY is neither a PEM key nor");
    expect(result.stderr).not.toContain("MIIEvQ");
  });

  it("exits 2 naming the variable when the configuration is invalid", async () => {
    const result = await runWarroom(["serve"], { PORT: "99999" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("PORT");
    expect(result.stderr).toContain("Example: PORT=3000");
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe("warroom demo", () => {
  it("opens the sample escalation's war-room on the terminal: room, context card, ranked hypotheses, summary", async () => {
    const result = await runWarroom(["demo"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Opening a war-room for .+ \(WR-\d{4}-\d{4}\)/);
    expect(result.stdout).toMatch(/# esc-[a-z0-9-]+-\d{8}/);
    expect(result.stdout).toMatch(/ARR \$[\d,]+ · renewal \d{4}-\d{2}-\d{2} \(-?\d+ days\)/);
    expect(result.stdout).toContain("Recent changes:");
    expect(result.stdout).toMatch(/\[ \] #1 .+ — \d+% · [a-z_]+/);
    expect(result.stdout).toMatch(/\[(CHG|TCK|KB|ESC)-[\d-]+\]/);
    expect(result.stdout).toContain("Talking points:");
    expect(result.stdout).toMatch(
      /What someone who joins now gets[\s\S]*Catch-up on WR-\d{4}-\d{4}[\s\S]*Last 5 notable events:/,
    );
  });
});

describe("warroom commands", () => {
  it("exits 2 on an unknown command and 0 on --help", async () => {
    expect((await runWarroom(["frobnicate"])).code).toBe(2);
    const help = await runWarroom(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("serve");
  });
});
