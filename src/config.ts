/**
 * The environment, parsed once at the entry point (shared/contracts/runtime.md). Only the entry point
 * reads `process.env`; it hands it to `loadConfig`. Every variable is optional: what is unset falls back to
 * an embedded default, and an invalid value fails with the variable's name, what is wrong and an example.
 */
import { resolve } from "node:path";
import type { z } from "zod";
import { type Env, envSchema, shown, VARS } from "./config/env-schema.ts";
import { type SalesforceFieldMap, salesforceFieldMapSchema } from "./config/salesforce-fields.ts";
import { describeFirstIssue } from "./domain/describe-issue.ts";
import { ConfigError } from "./errors.ts";

export { describeVariables, redactedEnv } from "./config/env-schema.ts";
export type { SalesforceFieldMap } from "./config/salesforce-fields.ts";

/** Where state lives: embedded PGlite in a folder, or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; url: string; poolSize: number };

/** The CRM: a local dataset folder (null = the bundled sample) or Salesforce. */
export type CrmConfig =
  | { kind: "local"; dataDir: string | null }
  | {
      kind: "salesforce";
      instanceUrl?: string;
      accessToken?: string;
      loginUrl?: string;
      clientId?: string;
      username?: string;
      privateKey?: string;
      apiVersion: string;
      fieldMap: SalesforceFieldMap;
      /** When escalated cases are polled. */
      pollCron: string;
    };

/** Slack over HTTP, or Socket Mode when `appToken` is set. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
}

/** Microsoft Teams through the Bot Framework (the Teams SDK). */
export interface TeamsConfig {
  appId: string;
  appPassword: string;
  tenantId: string;
  /** Group id of the team where war-room channels are created; null: no war-rooms in Teams. */
  escalationsTeamId: string | null;
  /** Channel id that receives the weekly digest in Teams, or null. */
  digestChannel: string | null;
  /** Endpoint overrides (sovereign clouds, tests); unset means Microsoft's public cloud. */
  endpoints: TeamsEndpoints;
}

/** Where Teams' endpoints are; each unset one is the public cloud's. */
export interface TeamsEndpoints {
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
  loginUrl?: string;
  graphUrl?: string;
}

/** The knowledge base: local (embedded) or a Notion data source. */
export type KnowledgeBaseConfig =
  | { kind: "local" }
  | { kind: "notion"; token: string; dataSourceId?: string; parentPageId?: string; apiUrl?: string };

/** The LLM engine; absent means the evidence engine only. */
export interface LlmConfig {
  apiKey: string;
  baseUrl?: string;
  model: string;
  /** How long one call may take before the evidence engine's analysis stands (OPENAI_TIMEOUT_MS). */
  timeoutMs: number;
}

/** OPENAI_TIMEOUT_MS when unset: long enough for a model to reason, short enough not to hold a war-room. */
export const DEFAULT_LLM_TIMEOUT_MS = 20_000;
/** RISK_ALERT_THRESHOLD when unset: the radar's "high" level, reached only when several signals agree. */
export const DEFAULT_RISK_ALERT_THRESHOLD = 0.7;

/** The weekly digest; absent means no automatic digest. */
export interface DigestConfig {
  channel: string;
  cron: string;
  timeZone: string;
}

/** Everything warroom needs to start, validated. */
export interface Config {
  port: number;
  /** The address `serve` binds; null binds every interface. */
  host: string | null;
  dataDir: string;
  database: DatabaseConfig;
  crm: CrmConfig;
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
  /** Where war-rooms opened from escalated CRM cases go when several platforms are on (WAR_ROOM_PLATFORM). */
  warRoomPlatform: "slack" | "teams" | null;
  knowledgeBase: KnowledgeBaseConfig;
  llm: LlmConfig | null;
  digest: DigestConfig | null;
  /** The time zone digests are computed in (DIGEST_TZ), also when none is posted automatically. */
  digestTimeZone: string;
  /** When weekly digests are posted (DIGEST_CRON), to Slack and to Teams alike. */
  digestCron: string;
  changesToken: string | null;
  /** Bearer token of GET /metrics; null keeps the route off. */
  metricsToken: string | null;
  /** Channel where war-rooms opened from CRM-escalated cases are announced, or null. */
  triageChannel: string | null;
  /** Escalation-risk score at or above which the radar alerts the triage channel (RISK_ALERT_THRESHOLD). */
  riskAlertThreshold: number;
  /** Absolute path of the routing rules file, or null for none. */
  routingRulesFile: string | null;
  archiveOnClose: boolean;
  /** ADMIN_USERS: user ids or emails who may resolve, reopen or close any war-room. */
  adminUsers: string[];
  logLevel: string;
  /** War-rooms opened at once per replica (WAR_ROOM_CONCURRENCY) and the job lease (JOB_LEASE_SECONDS). */
  jobs: { warRoomConcurrency: number; leaseSeconds: number };
  /** How long a shutdown waits for running work before it stops it and exits (SHUTDOWN_GRACE_SECONDS). */
  shutdownGraceMs: number;
}

/** SHUTDOWN_GRACE_SECONDS when unset: inside the 30 s orchestrators usually allow between SIGTERM and SIGKILL. */
const DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;

/** Options for resolving relative paths. */
export interface LoadConfigOptions {
  cwd?: string;
}

/**
 * Parses and validates an environment. Throws a ConfigError listing every problem, each naming the
 * variable, what is wrong and an example value.
 */
export function loadConfig(env: Record<string, string | undefined>, options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const given = blankToUndefined(env);
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(formatProblems(parsed.error.issues.map((issue) => problemFromIssue(issue, given))));
  }
  const e = parsed.data;
  const fieldMap = parseFieldMap(e.SALESFORCE_FIELD_MAP);
  const problems = [...checkGroups(e), ...("problem" in fieldMap ? [fieldMap.problem] : [])];
  if (problems.length > 0 || "problem" in fieldMap) throw new ConfigError(formatProblems(problems));
  const dataDir = resolve(cwd, e.DATA_DIR ?? "./.data");
  return {
    port: e.PORT ?? 3000,
    host: e.HOST ?? null,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE ?? 10 }
      : { kind: "pglite", dataDir },
    crm: crmConfig(e, cwd, fieldMap.map),
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
          }
        : null,
    teams: teamsConfig(e),
    warRoomPlatform: e.WAR_ROOM_PLATFORM ?? null,
    knowledgeBase: e.NOTION_TOKEN
      ? {
          kind: "notion",
          token: e.NOTION_TOKEN,
          dataSourceId: e.NOTION_KB_DATA_SOURCE_ID,
          parentPageId: e.NOTION_KB_PARENT_PAGE_ID,
          apiUrl: e.NOTION_API_URL,
        }
      : { kind: "local" },
    llm: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseUrl: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL ?? "gpt-4.1-mini",
          timeoutMs: e.OPENAI_TIMEOUT_MS ?? DEFAULT_LLM_TIMEOUT_MS,
        }
      : null,
    digest: e.DIGEST_CHANNEL
      ? { channel: e.DIGEST_CHANNEL, cron: e.DIGEST_CRON ?? "0 9 * * 1", timeZone: e.DIGEST_TZ ?? "UTC" }
      : null,
    digestTimeZone: e.DIGEST_TZ ?? "UTC",
    digestCron: e.DIGEST_CRON ?? "0 9 * * 1",
    changesToken: e.CHANGES_TOKEN ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    triageChannel: e.TRIAGE_CHANNEL ?? null,
    riskAlertThreshold: e.RISK_ALERT_THRESHOLD ?? DEFAULT_RISK_ALERT_THRESHOLD,
    routingRulesFile: e.ROUTING_RULES_FILE ? resolve(cwd, e.ROUTING_RULES_FILE) : null,
    archiveOnClose: e.ARCHIVE_ON_CLOSE === "true",
    adminUsers: (e.ADMIN_USERS ?? "")
      .split(",")
      .map((u) => u.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL ?? "info",
    jobs: { warRoomConcurrency: e.WAR_ROOM_CONCURRENCY ?? 8, leaseSeconds: e.JOB_LEASE_SECONDS ?? 15 },
    shutdownGraceMs: (e.SHUTDOWN_GRACE_SECONDS ?? DEFAULT_SHUTDOWN_GRACE_SECONDS) * 1000,
  };
}

/** SALESFORCE_FIELD_MAP parsed and checked, or the problem with it (the JSON path and what is wrong). */
function parseFieldMap(raw: string | undefined): { map: SalesforceFieldMap } | { problem: Problem } {
  const variable = "SALESFORCE_FIELD_MAP";
  let json: unknown = {};
  try {
    if (raw !== undefined) json = JSON.parse(raw);
  } catch (error) {
    return { problem: { variable, message: `is not valid JSON (${(error as Error).message})` } };
  }
  const parsed = salesforceFieldMapSchema.safeParse(json, { reportInput: true });
  if (parsed.success) return { map: parsed.data };
  return { problem: { variable, message: `at ${describeFirstIssue(parsed.error)}` } };
}

function teamsConfig(e: Env): TeamsConfig | null {
  if (!e.MICROSOFT_APP_ID || !e.MICROSOFT_APP_PASSWORD || !e.MICROSOFT_APP_TENANT_ID) return null;
  return {
    appId: e.MICROSOFT_APP_ID,
    appPassword: e.MICROSOFT_APP_PASSWORD,
    tenantId: e.MICROSOFT_APP_TENANT_ID,
    escalationsTeamId: e.TEAMS_ESCALATIONS_TEAM_ID ?? null,
    digestChannel: e.DIGEST_TEAMS_CHANNEL ?? null,
    endpoints: {
      openIdMetadataUrl: e.MICROSOFT_OPENID_METADATA_URL,
      tokenIssuer: e.MICROSOFT_TOKEN_ISSUER,
      loginUrl: e.MICROSOFT_LOGIN_URL,
      graphUrl: e.MICROSOFT_GRAPH_URL,
    },
  };
}

function crmConfig(e: Env, cwd: string, fieldMap: SalesforceFieldMap): CrmConfig {
  if (e.SALESFORCE_INSTANCE_URL || e.SALESFORCE_LOGIN_URL) {
    return {
      kind: "salesforce",
      instanceUrl: e.SALESFORCE_INSTANCE_URL,
      accessToken: e.SALESFORCE_ACCESS_TOKEN,
      loginUrl: e.SALESFORCE_LOGIN_URL,
      clientId: e.SALESFORCE_CLIENT_ID,
      username: e.SALESFORCE_USERNAME,
      privateKey: e.SALESFORCE_PRIVATE_KEY,
      apiVersion: e.SALESFORCE_API_VERSION ?? "62.0",
      fieldMap,
      pollCron: e.SALESFORCE_POLL_CRON ?? "* * * * *",
    };
  }
  return { kind: "local", dataDir: e.CRM_DATA_DIR ? resolve(cwd, e.CRM_DATA_DIR) : null };
}

/** Variables that only work together: setting one without the others is a mistake worth stopping for. */
const GROUPS: { when: keyof Env; needs: (keyof Env)[]; purpose: string }[] = [
  { when: "SLACK_BOT_TOKEN", needs: ["SLACK_SIGNING_SECRET"], purpose: "Slack" },
  { when: "SLACK_SIGNING_SECRET", needs: ["SLACK_BOT_TOKEN"], purpose: "Slack" },
  {
    when: "SLACK_APP_TOKEN",
    needs: ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"],
    purpose: "Slack Socket Mode",
  },
  // New multi-tenant bot registrations ended in 2025: a Teams bot is single-tenant, so its tenant is needed.
  {
    when: "MICROSOFT_APP_ID",
    needs: ["MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID"],
    purpose: "Teams",
  },
  { when: "MICROSOFT_APP_PASSWORD", needs: ["MICROSOFT_APP_ID"], purpose: "Teams" },
  { when: "TEAMS_ESCALATIONS_TEAM_ID", needs: ["MICROSOFT_APP_ID"], purpose: "Teams war-rooms" },
  { when: "DIGEST_TEAMS_CHANNEL", needs: ["MICROSOFT_APP_ID"], purpose: "the weekly digest in Teams" },
  {
    when: "SALESFORCE_INSTANCE_URL",
    needs: ["SALESFORCE_ACCESS_TOKEN"],
    purpose: "Salesforce (access token)",
  },
  {
    when: "SALESFORCE_LOGIN_URL",
    needs: ["SALESFORCE_CLIENT_ID", "SALESFORCE_USERNAME", "SALESFORCE_PRIVATE_KEY"],
    purpose: "Salesforce (JWT bearer)",
  },
  { when: "NOTION_KB_DATA_SOURCE_ID", needs: ["NOTION_TOKEN"], purpose: "Notion" },
  { when: "NOTION_KB_PARENT_PAGE_ID", needs: ["NOTION_TOKEN"], purpose: "Notion" },
];

function checkGroups(e: Env): Problem[] {
  const problems: Problem[] = [];
  for (const group of GROUPS) {
    if (e[group.when] === undefined) continue;
    for (const needed of group.needs) {
      if (e[needed] === undefined && !problems.some((p) => p.variable === needed)) {
        problems.push({
          variable: needed,
          message: `is required for ${group.purpose} because ${group.when} is set`,
        });
      }
    }
  }
  if (e.DIGEST_CRON && !e.DIGEST_CHANNEL && !e.DIGEST_TEAMS_CHANNEL)
    problems.push({
      variable: "DIGEST_CHANNEL",
      message: "(or DIGEST_TEAMS_CHANNEL) is required for the weekly digest because DIGEST_CRON is set",
    });
  if (e.WAR_ROOM_PLATFORM === "slack" && !e.SLACK_BOT_TOKEN)
    problems.push({
      variable: "WAR_ROOM_PLATFORM",
      message: "is slack, but Slack is off (set SLACK_BOT_TOKEN)",
    });
  if (e.WAR_ROOM_PLATFORM === "teams" && !e.MICROSOFT_APP_ID)
    problems.push({
      variable: "WAR_ROOM_PLATFORM",
      message: "is teams, but Teams is off (set MICROSOFT_APP_ID)",
    });
  if (e.NOTION_TOKEN && !e.NOTION_KB_DATA_SOURCE_ID && !e.NOTION_KB_PARENT_PAGE_ID) {
    problems.push({
      variable: "NOTION_KB_DATA_SOURCE_ID",
      message:
        "or NOTION_KB_PARENT_PAGE_ID is required with NOTION_TOKEN (which data source holds the findings)",
    });
  }
  return problems;
}

interface Problem {
  variable: string;
  message: string;
}

function problemFromIssue(issue: z.core.$ZodIssue, given: Record<string, string | undefined>): Problem {
  const variable = String(issue.path[0] ?? "environment");
  const value = given[variable];
  const got = value === undefined ? "" : ` (got "${shown(variable, value)}")`;
  const message =
    issue.code === "invalid_value" ? `must be one of ${issue.values.join(", ")}` : issue.message;
  return { variable, message: `${message}${got}` };
}

function formatProblems(problems: Problem[]): string {
  const lines = problems.map((p) => {
    const meta = VARS.get(p.variable);
    const example = meta ? ` Example: ${p.variable}=${meta.example}` : "";
    const purpose = meta ? ` (${meta.description})` : "";
    return `  ${p.variable}${purpose}: ${p.message}.${example}`;
  });
  return `Invalid configuration:\n${lines.join("\n")}`;
}

function blankToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    out[key] = value === undefined || value.trim() === "" ? undefined : value;
  }
  return out;
}
