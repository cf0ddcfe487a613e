/**
 * The Teams adapter, on the Teams SDK (`@microsoft/teams.apps` 2.x; botbuilder is archived): the SDK's
 * App behind warroom's own HTTP server (its transport seam), the ChatPlatform over the SDK's Connector
 * and Graph clients, and inbound activities routed to warroom's handlers as validated events.
 *
 * Pointing it at other endpoints (sovereign clouds, tests) uses the SDK's supported ways: its `cloud`
 * option (OpenID metadata, token issuer, login endpoint, scopes), its `token` option (warroom's cached
 * client-credentials token source: the SDK's MSAL path needs an https authority), its HTTP client (with
 * warroom's retry and pacing middleware), and a Graph client given the full Graph root.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { PUBLIC, withOverrides } from "@microsoft/teams.api";
import { App } from "@microsoft/teams.apps";
import { Client as GraphClient } from "@microsoft/teams.graph";
import type { TeamsEndpoints } from "../../src/config.ts";
import type { Logger } from "../../src/logger.ts";
import type { ConversationDirectory } from "../../src/ports/conversation-directory.ts";
import { createConnector } from "./connector.ts";
import { createGraphApi } from "./graph-api.ts";
import { TeamsHttpAdapter } from "./http-adapter.ts";
import { registerInbound, type TeamsHandlers } from "./inbound.ts";
import { metricsMiddleware } from "./metrics-middleware.ts";
import { retryMiddleware } from "./retry-middleware.ts";
import { sdkLogger } from "./sdk-logger.ts";
import { sendPacingMiddleware } from "./send-pacing.ts";
import { createTeamsChatPlatform, type TeamsChatPlatform } from "./teams-chat-platform.ts";
import { createTokenSource, type TokenSource } from "./token-source.ts";

export type { TeamsActivity, TeamsConversation, TeamsUser } from "./activity-schemas.ts";
export {
  chooseAccountCard,
  escalateDialog,
  type PendingChoice,
  pendingChoice,
  readEscalateDialog,
  readResolutionDialog,
  resolutionDialog,
  resolveButtonCard,
} from "./dialogs.ts";
export { followUpDialog, readFollowUpDialog } from "./follow-up-dialog.ts";
export { ACCOUNT_SEARCH, COMMANDS, DIALOGS, MESSAGE_ACTION, VERBS, VERDICT_REACTIONS } from "./ids.ts";
export type {
  CardActionAnswer,
  DialogAnswer,
  TeamsCardAction,
  TeamsDialogEvent,
  TeamsHandlers,
  TeamsMessage,
  TeamsReaction,
} from "./inbound.ts";
export { baseConversationId, teamsMessageRef } from "./message-ref.ts";
export type { AdaptiveCardJson } from "./render-parts.ts";
export { DISMISS_REASON_INPUT } from "./render-risk-alert-card.ts";
export { type TeamsChatPlatform, teamsReplyRef } from "./teams-chat-platform.ts";

/** Configuration of the Teams adapter. */
export interface TeamsAdapterConfig {
  appId: string;
  appPassword: string;
  tenantId: string;
  /** The Escalations team's group id, or null (no war-rooms in Teams). */
  teamId: string | null;
  endpoints: TeamsEndpoints;
  directory: ConversationDirectory;
  logger: Logger;
}

/** The running Teams adapter. */
export interface TeamsAdapter {
  platform: TeamsChatPlatform;
  /** Answers one POST /api/messages. */
  handleHttp(req: IncomingMessage, res: ServerResponse): void;
  /** Routes inbound activities to warroom's handlers (once). */
  listen(handlers: TeamsHandlers): void;
  /** The token source (its request count shows tokens are cached). */
  tokens: TokenSource;
}

/** The public Bot Connector URL, used until an activity tells warroom its tenant's regional one. */
const DEFAULT_SERVICE_URL = "https://smba.trafficmanager.net/teams/";

function cloudOf(endpoints: TeamsEndpoints) {
  const issuer = endpoints.tokenIssuer ?? PUBLIC.tokenIssuer;
  const graphRoot = (endpoints.graphUrl ?? "https://graph.microsoft.com").replace(/\/+$/, "");
  return {
    graphRoot,
    cloud: withOverrides(PUBLIC, {
      openIdMetadataUrl: endpoints.openIdMetadataUrl,
      tokenIssuer: issuer,
      loginEndpoint: endpoints.loginUrl,
      // Scopes follow the endpoints: `{issuer}/.default` for the Connector, `{graph origin}/.default` for Graph.
      botScope: `${issuer.replace(/\/+$/, "")}/.default`,
      graphScope: `${new URL(graphRoot).origin}/.default`,
    }),
  };
}

/** Creates the SDK app on warroom's HTTP server and the ChatPlatform over it. */
export async function createTeamsAdapter(config: TeamsAdapterConfig): Promise<TeamsAdapter> {
  const { cloud, graphRoot } = cloudOf(config.endpoints);
  const logger = sdkLogger(config.logger);
  const tokens = createTokenSource({
    loginUrl: cloud.loginEndpoint,
    tenantId: config.tenantId,
    clientId: config.appId,
    clientSecret: config.appPassword,
  });
  // Retries outermost, so every attempt is paced again; a hung call fails rather than holding a job.
  // Options rather than a Client instance: teams.common ships separate CommonJS and ESM builds, and the SDK
  // builds the client from its own.
  const client = {
    timeout: 30_000,
    middlewares: [retryMiddleware(), sendPacingMiddleware(), metricsMiddleware()],
  };
  const http = new TeamsHttpAdapter(
    (await import("./verify-inbound.ts")).createInboundVerifier({
      appId: config.appId,
      openIdMetadataUrl: cloud.openIdMetadataUrl,
      tokenIssuer: cloud.tokenIssuer,
    }),
    config.logger,
  );
  const app = new App({
    clientId: config.appId,
    tenantId: config.tenantId,
    token: (scope) => tokens.get(Array.isArray(scope) ? scope.join(" ") : scope),
    cloud,
    client,
    logger,
    httpServerAdapter: http,
    dangerouslyAllowUnauthenticatedRequests: false,
    serviceUrl: DEFAULT_SERVICE_URL,
  });
  app.event("error", ({ error }) => config.logger.error({ err: error }, "teams activity failed"));
  await app.initialize();
  const graph = createGraphApi(
    new GraphClient(app.client.clone({ token: () => tokens.get(cloud.graphScope) }), {
      baseUrlRoot: graphRoot,
    }),
    graphRoot,
  );
  const platform = createTeamsChatPlatform({
    appId: config.appId,
    tenantId: config.tenantId,
    teamId: config.teamId,
    connector: createConnector(app),
    graph,
    directory: config.directory,
    defaultServiceUrl: DEFAULT_SERVICE_URL,
  });
  return {
    platform,
    handleHttp: (req, res) => http.handle(req, res),
    listen(handlers) {
      registerInbound(app, handlers, async ({ user, conversation }) => {
        if (!user.isBot) platform.rememberName(user.id, user.name);
        await platform.rememberConversation(conversation.id, conversation.tenantId, conversation.serviceUrl);
      });
    },
    tokens,
  };
}
