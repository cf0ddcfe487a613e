/**
 * The Teams app package's manifest (schema v1.22): the bot with its command list, the "Escalate from this
 * message" message action, and the resource-specific permissions war-rooms need in the Escalations team.
 * Built from the same constants the handlers listen for, so the package cannot drift from the code.
 */
import { COMMANDS, MESSAGE_ACTION, RSC_PERMISSIONS } from "../ids.ts";

/** The manifest schema version the package targets (its JSON schema ships in @microsoft/app-manifest). */
export const MANIFEST_VERSION = "1.22";

/** What varies between installations. */
export interface ManifestInput {
  /** The bot's Microsoft app id (MICROSOFT_APP_ID); also the Teams app id. */
  appId: string;
  /** The app's version (package.json's). */
  version: string;
  /** An https page about warroom in your organisation (developer, privacy and terms links). */
  websiteUrl: string;
}

const SCOPES = ["team", "groupChat", "personal"] as const;

/** The manifest.json of the app package. */
export function buildManifest(input: ManifestInput) {
  const site = input.websiteUrl.replace(/\/+$/, "");
  return {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: input.version,
    id: input.appId,
    developer: {
      name: "warroom",
      websiteUrl: site,
      privacyUrl: `${site}/privacy`,
      termsOfUseUrl: `${site}/terms`,
    },
    name: { short: "warroom", full: "warroom: customer-escalation war-rooms" },
    description: {
      short: "War-rooms for customer escalations, with ranked root-cause hypotheses",
      full: "warroom opens a war-room for a customer escalation: a channel in your Escalations team (a group chat when private) with the right people, the account's context, and ranked root-cause hypotheses citing their evidence. Confirm or reject them with the card buttons or ✅ / ❌; the confirmed finding goes to your knowledge base. The bot proposes; people decide.",
    },
    icons: { color: "color.png", outline: "outline.png" },
    accentColor: "#C4314B",
    bots: [
      {
        botId: input.appId,
        scopes: [...SCOPES],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          {
            scopes: [...SCOPES],
            commands: COMMANDS.map((c) => ({ title: c.title, description: c.description })),
          },
        ],
      },
    ],
    composeExtensions: [
      {
        botId: input.appId,
        commands: [
          {
            id: MESSAGE_ACTION,
            type: "action",
            title: "Escalate from this message",
            description: "Open a war-room for a customer escalation, pre-filled with this message",
            context: ["message"],
            fetchTask: true,
          },
        ],
      },
    ],
    permissions: ["identity", "messageTeamMembers"],
    validDomains: [],
    webApplicationInfo: { id: input.appId, resource: `api://botid-${input.appId}` },
    authorization: {
      permissions: { resourceSpecific: RSC_PERMISSIONS.map((name) => ({ name, type: "Application" })) },
    },
  };
}
