/**
 * What a configuration turns on. `warroom serve` prints one line per subsystem at start, and /healthz
 * reports the same, so an admin sees at once what runs on an embedded default and how to change that.
 */
import type { Config } from "./config.ts";

/** One subsystem: on or off, and a sentence saying what it uses or which variables turn it on. */
export interface SubsystemStatus {
  name: string;
  on: boolean;
  detail: string;
}

function databaseLine(config: Config): SubsystemStatus {
  if (config.database.kind === "pglite") {
    return {
      name: "database",
      on: true,
      detail: `embedded PGlite in ${config.database.dataDir} (DATABASE_URL for PostgreSQL)`,
    };
  }
  const url = new URL(config.database.url);
  return {
    name: "database",
    on: true,
    detail: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`,
  };
}

function crmLine(config: Config): SubsystemStatus {
  const c = config.crm;
  if (c.kind === "salesforce") {
    const where = c.instanceUrl
      ? new URL(c.instanceUrl).host
      : `JWT bearer via ${new URL(c.loginUrl ?? "https://login.salesforce.com").host}`;
    const triage = config.triageChannel ? `, announced in ${config.triageChannel}` : "";
    return {
      name: "crm",
      on: true,
      detail: `Salesforce ${where} (API v${c.apiVersion}); escalated cases polled "${c.pollCron}"${triage}`,
    };
  }
  return {
    name: "crm",
    on: true,
    detail: c.dataDir
      ? `local dataset ${c.dataDir}`
      : "bundled sample dataset (CRM_DATA_DIR for your own dataset, SALESFORCE_* for Salesforce)",
  };
}

/** One status per subsystem, in the order `serve` prints them. */
export function describeSubsystems(config: Config): SubsystemStatus[] {
  const lines: SubsystemStatus[] = [
    databaseLine(config),
    { name: "jobs", on: true, detail: "durable queue (pg-boss) in the database" },
    crmLine(config),
    config.slack
      ? {
          name: "slack",
          on: true,
          detail: config.slack.appToken ? "Socket Mode" : "HTTP on POST /slack/events",
        }
      : {
          name: "slack",
          on: false,
          detail: "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (plus SLACK_APP_TOKEN for Socket Mode)",
        },
    config.teams
      ? { name: "teams", on: false, detail: "configured, but this build has no Teams adapter yet" }
      : { name: "teams", on: false, detail: "set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD" },
    config.knowledgeBase.kind === "notion"
      ? {
          name: "knowledge",
          on: true,
          detail: config.knowledgeBase.dataSourceId
            ? `Notion data source ${config.knowledgeBase.dataSourceId}`
            : `Notion database under page ${config.knowledgeBase.parentPageId} (created on first start)`,
        }
      : {
          name: "knowledge",
          on: true,
          detail: "local knowledge base in the database (NOTION_TOKEN for Notion)",
        },
    config.llm
      ? {
          name: "llm",
          on: true,
          detail: `OpenAI-compatible model ${config.llm.model}${config.llm.baseUrl ? ` at ${new URL(config.llm.baseUrl).host}` : ""}`,
        }
      : {
          name: "llm",
          on: false,
          detail: "evidence engine only; set OPENAI_API_KEY (OPENAI_BASE_URL, OPENAI_MODEL)",
        },
    config.digest && config.slack
      ? {
          name: "digest",
          on: true,
          detail: `weekly to ${config.digest.channel} at "${config.digest.cron}" ${config.digest.timeZone}`,
        }
      : config.digest
        ? {
            name: "digest",
            on: false,
            detail:
              "DIGEST_CHANNEL is set, but the digest is posted to Slack: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET",
          }
        : {
            name: "digest",
            on: false,
            detail: "set DIGEST_CHANNEL (DIGEST_CRON, DIGEST_TZ); warroom digest prints one",
          },
    config.changesToken
      ? {
          name: "changes api",
          on: true,
          detail: "POST /api/changes with Authorization: Bearer CHANGES_TOKEN",
        }
      : {
          name: "changes api",
          on: false,
          detail: "set CHANGES_TOKEN (warroom changes import FILE works without it)",
        },
    config.slack
      ? { name: "terminal", on: true, detail: "warroom demo" }
      : { name: "terminal", on: true, detail: "war-rooms print here; warroom escalate / demo" },
  ];
  return lines;
}

/** The lines `serve` prints: `  database     on   embedded PGlite in ./.data`. */
export function formatSubsystems(statuses: SubsystemStatus[]): string {
  return statuses.map((s) => `  ${s.name.padEnd(12)} ${s.on ? "on " : "off"}  ${s.detail}`).join("\n");
}
