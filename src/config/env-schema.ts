/**
 * The environment table: every variable warroom reads, with its zod schema, what it is for and a valid
 * example. `src/config.ts` parses an injected env against it; docs and error messages read the metadata.
 */
import { validate as isValidCron } from "node-cron";
import { z } from "zod";

/** Metadata every variable carries: what it is for and a valid example. */
export interface VarMeta {
  description: string;
  example: string;
  secret?: boolean;
}

export const VARS = new Map<string, VarMeta>();

function envVar<S extends z.ZodType>(name: string, schema: S, meta: VarMeta): S {
  VARS.set(name, meta);
  return schema.describe(meta.description) as S;
}

const text = z.string().trim().min(1, "is empty");

/** A secret sent as `Authorization: Bearer …`: RFC 6750's b64token, since nothing else can arrive there. */
const bearerToken = text
  .min(16, "must be at least 16 characters")
  .regex(
    /^[A-Za-z0-9._~+/-]+=*$/,
    "may only contain letters, digits and - . _ ~ + / (then = signs at the end), as a bearer token must",
  );
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

export const envSchema = z.object({
  PORT: envVar("PORT", integer(0, 65535).optional(), {
    description: "HTTP port of `warroom serve` (0 picks a free one)",
    example: "3000",
  }),
  SHUTDOWN_GRACE_SECONDS: envVar("SHUTDOWN_GRACE_SECONDS", integer(0, 600).optional(), {
    description:
      "on SIGTERM, how long `warroom serve` waits for running jobs and requests before it stops them (they resume after a restart or on another replica) and exits",
    example: "10",
  }),
  HOST: envVar(
    "HOST",
    text
      .regex(/^[A-Za-z0-9.:%_-]+$/, "must be a host name or an IP address, without a scheme or port")
      .optional(),
    {
      description:
        "the address `warroom serve` binds (127.0.0.1 for this machine only); unset binds every interface",
      example: "127.0.0.1",
    },
  ),
  DATA_DIR: envVar("DATA_DIR", text.optional(), {
    description: "where embedded state (PGlite database) lives",
    example: "./.data",
  }),
  DATABASE_URL: envVar("DATABASE_URL", url(/^postgres(ql)?$/, "postgres://").optional(), {
    description: "PostgreSQL connection string; unset uses embedded PGlite in DATA_DIR",
    example: "postgres://warroom:secret@db.internal:5432/warroom",
    secret: true,
  }),
  WAR_ROOM_CONCURRENCY: envVar("WAR_ROOM_CONCURRENCY", integer(1, 64).optional(), {
    description:
      "how many war-rooms one replica opens at once (default 8: opening one mostly waits on Slack and the CRM); more wait in the queue",
    example: "4",
  }),
  JOB_LEASE_SECONDS: envVar("JOB_LEASE_SECONDS", integer(3, 3600).optional(), {
    description:
      "how long a replica that stopped answering keeps its running jobs before another takes them over (default 15); a restarted process takes back its own at once",
    example: "15",
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
    description: "Azure tenant id of the single-tenant Teams bot (its tokens are issued there)",
    example: "00000000-0000-0000-0000-000000000000",
  }),
  TEAMS_ESCALATIONS_TEAM_ID: envVar("TEAMS_ESCALATIONS_TEAM_ID", text.optional(), {
    description: "group id of the Teams team (the app installed in it) where war-room channels are created",
    example: "5f2a7b1c-0d3e-4f56-8a9b-1c2d3e4f5a6b",
  }),
  DIGEST_TEAMS_CHANNEL: envVar("DIGEST_TEAMS_CHANNEL", text.optional(), {
    description: "Teams channel id (in a team the app is installed in) that receives the weekly digest",
    example: "19:a1b2c3d4e5f6@thread.tacv2",
  }),
  WAR_ROOM_PLATFORM: envVar("WAR_ROOM_PLATFORM", z.enum(["slack", "teams"]).optional(), {
    description: "where war-rooms opened from escalated CRM cases go when Slack and Teams are both on",
    example: "teams",
  }),
  MICROSOFT_OPENID_METADATA_URL: envVar("MICROSOFT_OPENID_METADATA_URL", httpUrl.optional(), {
    description:
      "Bot Framework OpenID metadata for inbound Teams tokens (sovereign clouds, tests; its keys are at .../keys)",
    example: "https://login.botframework.com/v1/.well-known/openidconfiguration",
  }),
  MICROSOFT_TOKEN_ISSUER: envVar("MICROSOFT_TOKEN_ISSUER", httpUrl.optional(), {
    description: "issuer of inbound Teams tokens (sovereign clouds, tests)",
    example: "https://api.botframework.com",
  }),
  MICROSOFT_LOGIN_URL: envVar("MICROSOFT_LOGIN_URL", httpUrl.optional(), {
    description: "base of the token endpoint, {url}/{tenant}/oauth2/v2.0/token (sovereign clouds, tests)",
    example: "https://login.microsoftonline.com",
  }),
  MICROSOFT_GRAPH_URL: envVar("MICROSOFT_GRAPH_URL", httpUrl.optional(), {
    description:
      "Microsoft Graph's root without the version; warroom appends /v1.0 (sovereign clouds, tests)",
    example: "https://graph.microsoft.com",
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
  SALESFORCE_API_VERSION: envVar(
    "SALESFORCE_API_VERSION",
    text.regex(/^\d{2,3}\.0$/, "must be an API version like 62.0").optional(),
    { description: "Salesforce REST API version warroom calls", example: "62.0" },
  ),
  SALESFORCE_FIELD_MAP: envVar("SALESFORCE_FIELD_MAP", text.optional(), {
    description:
      "JSON: which Salesforce fields hold ARR, segment, renewal, health, NPS and the escalation flag (see README)",
    example: '{"account":{"arr":"ARR__c","renewalDate":"Renewal_Date__c"}}',
  }),
  SALESFORCE_POLL_CRON: envVar(
    "SALESFORCE_POLL_CRON",
    text.refine(isValidCron, "is not a valid cron expression (5 or 6 fields)").optional(),
    { description: "how often escalated Salesforce cases are polled", example: "* * * * *" },
  ),
  TRIAGE_CHANNEL: envVar("TRIAGE_CHANNEL", text.optional(), {
    description:
      "channel id where war-rooms opened from escalated Salesforce cases are announced and escalation-risk alerts are posted",
    example: "C0TRIAGE01",
  }),
  RISK_ALERT_THRESHOLD: envVar(
    "RISK_ALERT_THRESHOLD",
    z
      .string()
      .trim()
      .regex(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, "must be a number from 0 to 1, like 0.7")
      .transform(Number)
      .optional(),
    {
      description:
        "escalation-risk score (0..1) at or above which the radar alerts TRIAGE_CHANNEL (default 0.7)",
      example: "0.7",
    },
  ),
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
  OPENAI_TIMEOUT_MS: envVar("OPENAI_TIMEOUT_MS", integer(1000, 600_000).optional(), {
    description:
      "how long one LLM call may take (ms) before the evidence engine's analysis stands; never retried after a timeout",
    example: "20000",
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
  CHANGES_TOKEN: envVar("CHANGES_TOKEN", bearerToken.optional(), {
    description:
      "bearer token of the push APIs: POST /api/changes (deploy pipelines) and POST /api/tickets (help desks)",
    example: "a-long-random-string-0123456789",
    secret: true,
  }),
  METRICS_TOKEN: envVar("METRICS_TOKEN", bearerToken.optional(), {
    description:
      "bearer token Prometheus sends on GET /metrics (operators' metrics); without it /metrics does not exist",
    example: "another-long-random-string-0123",
    secret: true,
  }),
  ROUTING_RULES_FILE: envVar("ROUTING_RULES_FILE", text.optional(), {
    description:
      "JSON file of routing rules: who joins a war-room by segment, ARR, product area and severity, and who owns a triaged ticket by topic, policy risk and sentiment",
    example: "./routing-rules.json",
  }),
  ADMIN_USERS: envVar("ADMIN_USERS", text.optional(), {
    description:
      "comma-separated Slack user ids, Teams user (Entra object) ids or emails of people who may resolve, reopen or close any war-room",
    example: "U024BE7LH,priya.raman@example.com",
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

/** The parsed environment (before defaults). */
export type Env = z.infer<typeof envSchema>;

/** A value fit for an error message: secrets redacted, long values cut. */
export function shown(variable: string, value: string): string {
  if (VARS.get(variable)?.secret) return "<redacted>";
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
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
