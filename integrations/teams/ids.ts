/**
 * Every verb, command and dialog id warroom uses in Teams, in one place: renderers put them on cards,
 * handlers listen for them, and a test checks the commands against the app package's manifest.
 */

/** `Action.Execute` verbs (invoke `adaptiveCard/action`, `value.action.verb`). */
export const VERBS = {
  confirm: "confirm",
  reject: "reject",
  chooseAccount: "chooseAccount",
  openFromAlert: "riskAlertOpenWarRoom",
  dismissAlert: "riskAlertNotNow",
} as const;

/** What an `Action.Submit` that opens a dialog (`task/fetch`) carries in `data.dialog`. */
export const DIALOGS = {
  resolution: "resolution",
  escalate: "escalate",
  followUp: "followUp",
} as const;

/** The message-extension action command "Escalate from this message" (manifest `composeExtensions`). */
export const MESSAGE_ACTION = "escalateFromMessage";

/** The typeahead dataset of the account search in the escalate dialog (`Data.Query`). */
export const ACCOUNT_SEARCH = "accounts";

/** The bot's commands, as the manifest's command list suggests them ("@warroom escalate …"). */
export const COMMANDS = [
  { title: "escalate", description: 'escalate <account> "<what happened>" [--severity S] [--private]' },
  { title: "status", description: "where this war-room stands" },
  { title: "catchup", description: "what happened so far, for someone who just arrived" },
  { title: "resolve", description: "record the resolution of this war-room" },
  { title: "reopen", description: "reopen this war-room's escalation" },
  { title: "close", description: "close this war-room's escalation" },
  { title: "task", description: "task <owner email> <what to do> [--due YYYY-MM-DD]: a follow-up" },
  { title: "done", description: "done N: follow-up N is done" },
  { title: "help", description: "what warroom can do" },
] as const;

/**
 * Reactions that give a verdict (Teams' emoji ids on `messageReaction` activities): ✅ and ✔️ confirm,
 * ❌ and ❎ reject. Legacy reactions (`like`, `heart`) give none.
 */
export const VERDICT_REACTIONS: Readonly<Record<string, "confirm" | "reject">> = {
  "2705_whiteheavycheckmark": "confirm",
  "2714_heavycheckmark": "confirm",
  "274c_crossmark": "reject",
  "274e_crossmarkbutton": "reject",
};

/** Resource-specific permissions the app package asks for when installed in the Escalations team. */
export const RSC_PERMISSIONS = [
  // War-room channels.
  "Channel.Create.Group",
  // The channel's description is the war-room's topic; archiving on close.
  "ChannelSettings.ReadWrite.Group",
  // The account's CSM and the routing rules' people, found by email among the team's members.
  "TeamMember.Read.Group",
  // After a lost answer to a post, the room's latest messages are read to find the card already posted.
  "ChannelMessage.Read.Group",
  "ChatMessage.Read.Chat",
] as const;
