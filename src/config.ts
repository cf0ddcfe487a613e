/**
 * The environment, parsed once at the entry point (shared/contracts/runtime.md). Only the entry point
 * reads `process.env`; it hands it to `loadConfig`. Every variable is optional: what is unset falls back to
 * an embedded default, and an invalid value fails with the variable's name, what is wrong and an example.
 */
import { resolve } from "node:path";
import { validate as isValidCron } from "node-cron";
import { z } from "zod";
import { ConfigError } from "./errors.ts";

/** Metadata every variable carries: what it is for and a valid example. */
interface VarMeta {
  description: string;
  example: string;
  secret?: boolean;
}

const VARS = new Map<string, VarMeta>();

function envVar<S extends z.ZodType>(name: string, schema: S, meta: VarMeta): S {
  VARS.set(name, meta);
  return schema.describe(meta.description) as S;
}

const text = z.string().trim().min(1, "is empty");
const url = (protocols: RegExp, hint: string) =>
  z.url({ protocol: protocols, message: `is not a ${hint} URL` });
const httpUrl = url(/^https?$/, "http(s)");
const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  PORT: envVar("PORT", integer(0, 65535).optional(), {
    description: "HTTP port of `warroom serve` (0 picks a free one)",
    example: "3000",
  }),
  DATA_DIR: envVar("DATA_DIR", text.optional(), {
    description: "where embedded state (PGlite database) lives",
    example: "./.data",
  }),
  DATABASE_URL: envVar("DATABASE_URL", url(/^postgres(ql)?$/, "postgres://").optional(), {
    description: "PostgreSQL connection string; unset uses embedded PGlite in DATA_DIR",
    example: "postgres://warroom:secret@db.internal:5432/warroom",
    secret: true,
  }),
  DATABASE_POOL_SIZE: envVar("DATABASE_POOL_SIZE", integer(2, 100).optional(), {
    description: "connections per replica to PostgreSQL",
    example: "10",
  }),
  CRM_DATA_DIR: envVar("CRM_DATA_DIR", text.optional(), {
    description: "a local dataset folder used as the CRM; unset uses the bundled sample dataset",
    example: "./my-dataset",
  }),
  SLACK_BOT_TOKEN: envVar("SLACK_BOT_TOKEN", text.startsWith("xoxb-", "must start with xoxb-").optional(), {
    description: "Slack bot token (OAuth & Permissions page of the app)",
    example: "xoxb-1234-5678-abcdef",
    secret: true,
  }),
  SLACK_SIGNING_SECRET: envVar("SLACK_SIGNING_SECRET", text.optional(), {
    description: "Slack signing secret (Basic Information page of the app)",
    example: "8f742231b10e8888abcd99yyyzzz85a5",
    secret: true,
  }),
  SLACK_APP_TOKEN: envVar("SLACK_APP_TOKEN", text.startsWith("xapp-", "must start with xapp-").optional(), {
    description: "Slack app-level token; when set, Slack connects over Socket Mode instead of HTTP",
    example: "xapp-1-A111-222-abcdef",
    secret: true,
  }),
  SLACK_API_URL: envVar("SLACK_API_URL", httpUrl.optional(), {
    description: "base URL of the Slack Web API (proxies, tests)",
    example: "https://slack.com/api/",
  }),
  MICROSOFT_APP_ID: envVar("MICROSOFT_APP_ID", text.optional(), {
    description: "Azure bot app id for Teams",
    example: "00000000-0000-0000-0000-000000000000",
  }),
  MICROSOFT_APP_PASSWORD: envVar("MICROSOFT_APP_PASSWORD", text.optional(), {
    description: "Azure bot client secret for Teams",
    example: "s3cr3t~value",
    secret: true,
  }),
  MICROSOFT_APP_TENANT_ID: envVar("MICROSOFT_APP_TENANT_ID", text.optional(), {
    description: "Azure tenant id for a single-tenant Teams bot",
    example: "00000000-0000-0000-0000-000000000000",
  }),
  SALESFORCE_INSTANCE_URL: envVar("SALESFORCE_INSTANCE_URL", httpUrl.optional(), {
    description: "Salesforce instance URL (with SALESFORCE_ACCESS_TOKEN)",
    example: "https://acme.my.salesforce.com",
  }),
  SALESFORCE_ACCESS_TOKEN: envVar("SALESFORCE_ACCESS_TOKEN", text.optional(), {
    description: "Salesforce access token",
    example: "00D...!AQ0AQ...",
    secret: true,
  }),
  SALESFORCE_LOGIN_URL: envVar("SALESFORCE_LOGIN_URL", httpUrl.optional(), {
    description: "Salesforce login URL for the JWT bearer flow (test.salesforce.com for sandboxes)",
    example: "https://login.salesforce.com",
  }),
  SALESFORCE_CLIENT_ID: envVar("SALESFORCE_CLIENT_ID", text.optional(), {
    description: "connected-app consumer key for the JWT bearer flow",
    example: "3MVG9...",
  }),
  SALESFORCE_USERNAME: envVar("SALESFORCE_USERNAME", text.optional(), {
    description: "integration user for the JWT bearer flow",
    example: "warroom@acme.com",
  }),
  SALESFORCE_PRIVATE_KEY: envVar("SALESFORCE_PRIVATE_KEY", text.optional(), {
    description: "PEM private key for the JWT bearer flow",
    example: "-----BEGIN PRIVATE KEY-----\\n...",
    secret: true,
  }),
  NOTION_TOKEN: envVar("NOTION_TOKEN", text.optional(), {
    description: "Notion integration token",
    example: "ntn_1234...",
    secret: true,
  }),
  NOTION_KB_DATA_SOURCE_ID: envVar("NOTION_KB_DATA_SOURCE_ID", text.optional(), {
    description: "Notion data source that holds the knowledge base",
    example: "248104cd-477e-80af-bc30-000bd28de8f9",
  }),
  NOTION_KB_PARENT_PAGE_ID: envVar("NOTION_KB_PARENT_PAGE_ID", text.optional(), {
    description: "Notion page under which warroom creates the knowledge-base database",
    example: "1429989f-e8ac-4eff-bc8f-57f56486db54",
  }),
  NOTION_API_URL: envVar("NOTION_API_URL", httpUrl.optional(), {
    description: "base URL of the Notion API (tests)",
    example: "https://api.notion.com",
  }),
  OPENAI_API_KEY: envVar("OPENAI_API_KEY", text.optional(), {
    description: "API key of an OpenAI-compatible server; turns on the LLM engine",
    example: "sk-...",
    secret: true,
  }),
  OPENAI_BASE_URL: envVar("OPENAI_BASE_URL", httpUrl.optional(), {
    description: "base URL of an OpenAI-compatible server",
    example: "https://api.openai.com/v1",
  }),
  OPENAI_MODEL: envVar("OPENAI_MODEL", text.optional(), {
    description: "model name for the LLM engine",
    example: "gpt-4.1-mini",
  }),
  DIGEST_CHANNEL: envVar("DIGEST_CHANNEL", text.optional(), {
    description: "channel id that receives the weekly digest",
    example: "C0123456789",
  }),
  DIGEST_CRON: envVar(
    "DIGEST_CRON",
    text.refine(isValidCron, "is not a valid cron expression (5 or 6 fields)").optional(),
    { description: "when the weekly digest is posted", example: "0 9 * * 1" },
  ),
  DIGEST_TZ: envVar("DIGEST_TZ", text.refine(isTimeZone, "is not an IANA time zone").optional(), {
    description: "time zone of DIGEST_CRON",
    example: "Europe/Berlin",
  }),
  CHANGES_TOKEN: envVar("CHANGES_TOKEN", text.min(16, "must be at least 16 characters").optional(), {
    description: "bearer token that deploy pipelines use on POST /api/changes",
    example: "a-long-random-string-0123456789",
    secret: true,
  }),
  ROUTING_RULES_FILE: envVar("ROUTING_RULES_FILE", text.optional(), {
    description:
      "JSON file of routing rules: who joins a war-room by segment, ARR, product area and severity",
    example: "./routing-rules.json",
  }),
  ARCHIVE_ON_CLOSE: envVar("ARCHIVE_ON_CLOSE", z.enum(["true", "false"]).optional(), {
    description: "archive a war-room's channel when its escalation is closed",
    example: "true",
  }),
  LOG_LEVEL: envVar(
    "LOG_LEVEL",
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    {
      description: "log verbosity",
      example: "info",
    },
  ),
});

type Env = z.infer<typeof envSchema>;

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
    };

/** Slack over HTTP, or Socket Mode when `appToken` is set. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
}

/** Microsoft Teams through the Bot Framework. */
export interface TeamsConfig {
  appId: string;
  appPassword: string;
  tenantId?: string;
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
}

/** The weekly digest; absent means no automatic digest. */
export interface DigestConfig {
  channel: string;
  cron: string;
  timeZone: string;
}

/** Everything warroom needs to start, validated. */
export interface Config {
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  crm: CrmConfig;
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
  knowledgeBase: KnowledgeBaseConfig;
  llm: LlmConfig | null;
  digest: DigestConfig | null;
  changesToken: string | null;
  /** Absolute path of the routing rules file, or null for none. */
  routingRulesFile: string | null;
  archiveOnClose: boolean;
  logLevel: string;
}

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
  const problems = checkGroups(e);
  if (problems.length > 0) throw new ConfigError(formatProblems(problems));
  const dataDir = resolve(cwd, e.DATA_DIR ?? "./.data");
  return {
    port: e.PORT ?? 3000,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE ?? 10 }
      : { kind: "pglite", dataDir },
    crm: crmConfig(e, cwd),
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
          }
        : null,
    teams:
      e.MICROSOFT_APP_ID && e.MICROSOFT_APP_PASSWORD
        ? {
            appId: e.MICROSOFT_APP_ID,
            appPassword: e.MICROSOFT_APP_PASSWORD,
            tenantId: e.MICROSOFT_APP_TENANT_ID,
          }
        : null,
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
      ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL ?? "gpt-4.1-mini" }
      : null,
    digest: e.DIGEST_CHANNEL
      ? { channel: e.DIGEST_CHANNEL, cron: e.DIGEST_CRON ?? "0 9 * * 1", timeZone: e.DIGEST_TZ ?? "UTC" }
      : null,
    changesToken: e.CHANGES_TOKEN ?? null,
    routingRulesFile: e.ROUTING_RULES_FILE ? resolve(cwd, e.ROUTING_RULES_FILE) : null,
    archiveOnClose: e.ARCHIVE_ON_CLOSE === "true",
    logLevel: e.LOG_LEVEL ?? "info",
  };
}

function crmConfig(e: Env, cwd: string): CrmConfig {
  if (e.SALESFORCE_INSTANCE_URL || e.SALESFORCE_LOGIN_URL) {
    return {
      kind: "salesforce",
      instanceUrl: e.SALESFORCE_INSTANCE_URL,
      accessToken: e.SALESFORCE_ACCESS_TOKEN,
      loginUrl: e.SALESFORCE_LOGIN_URL,
      clientId: e.SALESFORCE_CLIENT_ID,
      username: e.SALESFORCE_USERNAME,
      privateKey: e.SALESFORCE_PRIVATE_KEY,
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
  { when: "MICROSOFT_APP_ID", needs: ["MICROSOFT_APP_PASSWORD"], purpose: "Teams" },
  { when: "MICROSOFT_APP_PASSWORD", needs: ["MICROSOFT_APP_ID"], purpose: "Teams" },
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
  { when: "DIGEST_CRON", needs: ["DIGEST_CHANNEL"], purpose: "the weekly digest" },
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

function shown(variable: string, value: string): string {
  if (VARS.get(variable)?.secret) return "<redacted>";
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
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

/** Every variable warroom reads, with its description and example (for docs and `--help`). */
export function describeVariables(): {
  name: string;
  description: string;
  example: string;
  secret: boolean;
}[] {
  return [...VARS.entries()].map(([name, meta]) => ({ name, ...meta, secret: meta.secret ?? false }));
}

/** Values safe to log: secrets replaced by `<redacted>`. */
export function redactedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, meta] of VARS) {
    const value = env[name];
    if (value !== undefined && value !== "") out[name] = meta.secret ? "<redacted>" : value;
  }
  return out;
}
