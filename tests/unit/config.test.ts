import { describe, expect, it } from "vitest";
import { describeVariables, loadConfig, redactedEnv } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";
import { describeSubsystems, formatSubsystems } from "../../src/subsystems.ts";

const load = (env: Record<string, string>) => loadConfig(env, { cwd: "/srv/warroom" });

function problem(env: Record<string, string>): string {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("starts on embedded defaults with nothing set", () => {
    const config = load({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: "/srv/warroom/.data",
      database: { kind: "pglite", dataDir: "/srv/warroom/.data" },
      crm: { kind: "local", dataDir: null },
      slack: null,
      teams: null,
      knowledgeBase: { kind: "local" },
      llm: null,
      digest: null,
      changesToken: null,
    });
  });

  it("treats blank variables as unset", () => {
    expect(load({ PORT: "", DATABASE_URL: "  " }).database.kind).toBe("pglite");
  });

  it("names the variable, what is wrong and an example", () => {
    const message = problem({ PORT: "eighty" });
    expect(message).toContain("PORT");
    expect(message).toContain('got "eighty"');
    expect(message).toContain("Example: PORT=3000");
  });

  it("reports every invalid variable at once", () => {
    const message = problem({
      DATABASE_URL: "mysql://x",
      DIGEST_TZ: "Mars/Olympus",
      DIGEST_CHANNEL: "C1",
      DIGEST_CRON: "every monday",
    });
    expect(message).toMatch(/DATABASE_URL.*postgres:\/\/ URL/);
    expect(message).toMatch(/DIGEST_TZ.*not an IANA time zone.*Example: DIGEST_TZ=Europe\/Berlin/);
    expect(message).toMatch(/DIGEST_CRON.*not a valid cron expression/);
  });

  it("never echoes a secret's value", () => {
    const message = problem({ SLACK_BOT_TOKEN: "xoxp-user-token-oops" });
    expect(message).toContain("SLACK_BOT_TOKEN");
    expect(message).toContain("must start with xoxb-");
    expect(message).not.toContain("oops");
    expect(redactedEnv({ SLACK_BOT_TOKEN: "xoxb-1", PORT: "80" })).toEqual({
      SLACK_BOT_TOKEN: "<redacted>",
      PORT: "80",
    });
  });

  it("refuses a CHANGES_TOKEN no bearer header could carry, saying which characters are allowed", () => {
    for (const token of [
      "a-long-random-token-$1234",
      "a-long-random token-1234",
      "a-long-random-token-#!12",
    ]) {
      const message = problem({ CHANGES_TOKEN: token });
      expect(message).toContain("CHANGES_TOKEN");
      expect(message).toContain("letters, digits and - . _ ~ + /");
      expect(message).not.toContain(token);
    }
    expect(load({ CHANGES_TOKEN: "a-long/random+token_0123~.==" }).changesToken).toBe(
      "a-long/random+token_0123~.==",
    );
  });

  it("asks for the partner of a variable that only works in a pair", () => {
    expect(problem({ SLACK_BOT_TOKEN: "xoxb-1" })).toMatch(
      /SLACK_SIGNING_SECRET.*required for Slack because SLACK_BOT_TOKEN is set/,
    );
    expect(problem({ NOTION_TOKEN: "ntn_1" })).toMatch(/NOTION_KB_DATA_SOURCE_ID.*NOTION_KB_PARENT_PAGE_ID/);
    expect(problem({ DIGEST_CRON: "0 9 * * 1" })).toMatch(/DIGEST_CHANNEL/);
  });

  it("builds each subsystem from its variables", () => {
    const config = load({
      DATABASE_URL: "postgres://u:p@db:5432/warroom",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      DIGEST_CHANNEL: "C1",
      DIGEST_TZ: "Europe/Berlin",
    });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://u:p@db:5432/warroom",
      poolSize: 10,
    });
    expect(config.slack).toMatchObject({ botToken: "xoxb-1", signingSecret: "s" });
    expect(config.digest).toEqual({ channel: "C1", cron: "0 9 * * 1", timeZone: "Europe/Berlin" });
  });

  it("builds Salesforce from an access token, with the field map's defaults and a pinned API version", () => {
    const config = load({
      SALESFORCE_INSTANCE_URL: "https://acme.my.salesforce.com",
      SALESFORCE_ACCESS_TOKEN: "00D!x",
      SALESFORCE_FIELD_MAP:
        '{"account":{"arr":"ARR__c"},"escalation":{"field":"Status","value":"Escalated"}}',
      TRIAGE_CHANNEL: "C0TRIAGE",
    });
    expect(config.crm).toMatchObject({
      kind: "salesforce",
      apiVersion: "62.0",
      pollCron: "* * * * *",
      fieldMap: {
        account: { arr: "ARR__c", industry: "Industry", renewalDate: null },
        escalation: { field: "Status", value: "Escalated" },
        renewalOpportunityType: "Renewal",
      },
    });
    expect(config.triageChannel).toBe("C0TRIAGE");
  });

  it("names the JSON path of a bad field map and asks for the JWT flow's partners", () => {
    expect(problem({ SALESFORCE_FIELD_MAP: "{arr: ARR__c}" })).toMatch(
      /SALESFORCE_FIELD_MAP.*is not valid JSON/,
    );
    expect(problem({ SALESFORCE_FIELD_MAP: '{"account":{"arr":"ARR__c; DELETE"}}' })).toMatch(
      /SALESFORCE_FIELD_MAP.*at account\.arr: must be a Salesforce field API name/,
    );
    expect(problem({ SALESFORCE_FIELD_MAP: '{"acount":{}}' })).toMatch(/unexpected field\(s\) acount/);
    expect(problem({ SALESFORCE_LOGIN_URL: "https://test.salesforce.com" })).toMatch(
      /SALESFORCE_CLIENT_ID.*required for Salesforce \(JWT bearer\)/,
    );
  });

  it("describes every variable with an example", () => {
    for (const variable of describeVariables()) {
      expect(variable.description.length, variable.name).toBeGreaterThan(5);
      expect(variable.example.length, variable.name).toBeGreaterThan(0);
    }
  });
});

describe("subsystems", () => {
  it("says on or off for each, with the variables that turn it on", () => {
    const lines = formatSubsystems(describeSubsystems(load({})));
    expect(lines).toMatch(/database +on +embedded PGlite/);
    expect(lines).toMatch(/slack +off +set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/);
    expect(lines).toMatch(/llm +off +evidence engine only; set OPENAI_API_KEY/);
    expect(lines).toMatch(/digest +off +set DIGEST_CHANNEL/);
    expect(lines).toMatch(/radar +off +set TRIAGE_CHANNEL for escalation-risk alerts/);
    expect(
      formatSubsystems(describeSubsystems(load({ TRIAGE_CHANNEL: "C0TRIAGE", RISK_ALERT_THRESHOLD: "0.6" }))),
    ).toMatch(/radar +on +escalation-risk alerts at ≥ 0\.6 to C0TRIAGE/);
  });

  it("says what is wrong with RISK_ALERT_THRESHOLD", () => {
    expect(() => load({ RISK_ALERT_THRESHOLD: "70%" })).toThrow(
      /RISK_ALERT_THRESHOLD.*must be a number from 0 to 1, like 0\.7/s,
    );
    expect(load({}).riskAlertThreshold).toBe(0.7);
    expect(load({ RISK_ALERT_THRESHOLD: "1" }).riskAlertThreshold).toBe(1);
  });

  it("never prints a database password", () => {
    const lines = formatSubsystems(
      describeSubsystems(load({ DATABASE_URL: "postgres://u:hunter2@db:5432/w" })),
    );
    expect(lines).toContain("PostgreSQL db:5432/w");
    expect(lines).not.toContain("hunter2");
  });
});
