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

function teamsLine(config: Config): SubsystemStatus {
  const t = config.teams;
  if (!t)
    return {
      name: "teams",
      on: false,
      detail: "set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID",
    };
  const rooms = t.escalationsTeamId
    ? `war-rooms in team ${t.escalationsTeamId}`
    : "no war-rooms until TEAMS_ESCALATIONS_TEAM_ID is set";
  const primary = config.slack ? `; CRM cases open on ${config.warRoomPlatform ?? "slack"}` : "";
  return { name: "teams", on: true, detail: `HTTP on POST /api/messages; ${rooms}${primary}` };
}

function digestLine(config: Config): SubsystemStatus {
  const targets = [
    ...(config.digest && config.slack ? [`Slack ${config.digest.channel}`] : []),
    ...(config.teams?.digestChannel ? [`Teams ${config.teams.digestChannel}`] : []),
  ];
  if (targets.length > 0)
    return {
      name: "digest",
      on: true,
      detail: `weekly to ${targets.join(" and ")} at "${config.digestCron}" ${config.digestTimeZone}`,
    };
  if (config.digest)
    return {
      name: "digest",
      on: false,
      detail:
        "DIGEST_CHANNEL is set, but the digest is posted to Slack: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or DIGEST_TEAMS_CHANNEL for Teams)",
    };
  return {
    name: "digest",
    on: false,
    detail: "set DIGEST_CHANNEL or DIGEST_TEAMS_CHANNEL (DIGEST_CRON, DIGEST_TZ); warroom digest prints one",
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
    teamsLine(config),
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
    digestLine(config),
    config.changesToken
      ? {
          name: "changes api",
          on: true,
          detail: "POST /api/changes and POST /api/tickets with Authorization: Bearer CHANGES_TOKEN",
        }
      : {
          name: "changes api",
          on: false,
          detail: "set CHANGES_TOKEN (warroom changes import FILE works without it)",
        },
    config.triageChannel
      ? {
          name: "radar",
          on: true,
          detail: `escalation-risk alerts at ≥ ${config.riskAlertThreshold} to ${config.triageChannel} (RISK_ALERT_THRESHOLD); scans after triage and hourly`,
        }
      : {
          name: "radar",
          on: false,
          detail: "set TRIAGE_CHANNEL for escalation-risk alerts; warroom radar lists the risks",
        },
    config.slack || config.teams
      ? { name: "terminal", on: true, detail: "warroom demo" }
      : { name: "terminal", on: true, detail: "war-rooms print here; warroom escalate / demo" },
  ];
  return lines;
}

/** The lines `serve` prints: `  database     on   embedded PGlite in ./.data`. */
export function formatSubsystems(statuses: SubsystemStatus[]): string {
  return statuses.map((s) => `  ${s.name.padEnd(12)} ${s.on ? "on " : "off"}  ${s.detail}`).join("\n");
}
