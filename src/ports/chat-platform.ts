/**
 * ChatPlatform: where war-rooms live (Slack, Teams, the terminal). The core hands it platform-neutral
 * messages (a context card, a hypothesis, the summary) and gets back normalised references such as
 * `slack:C123:1700000000.000100` or `teams:<conversation>:<activity>`; each adapter renders messages its
 * own way. User ids are the platform's own (Slack user ids, Teams users' Entra object ids). Every string in
 * a message (summaries, account names, ticket subjects, hypotheses quoting tickets) is shown literally: the
 * adapter escapes it, so `<!channel>` or a link someone typed notifies nobody and links nowhere. The core
 * mentions a person only with a `Mention` in a `MessageText` (domain/message-text.ts). The contract suite
 * every implementation passes is tests/contracts/chat-platform.contract.ts.
 */

import type { Digest } from "../digest/digest.ts";
import type { Analysis, Hypothesis } from "../domain/analysis.ts";
import type { Severity } from "../domain/case-bundle.ts";
import type { MessageText } from "../domain/message-text.ts";
import type { RiskAlertView } from "../radar/radar-types.ts";
import type { ContextCard } from "../use-cases/build-context-card.ts";

/** A room: a Slack channel, a Teams channel or group chat, a terminal session. */
export interface RoomRef {
  platform: string;
  /** Channel id (or conversation id); stable across restarts. */
  id: string;
  name: string;
  /** A link people can click. */
  url: string;
}

/** Where a hypothesis stands after the team's verdicts. */
export type HypothesisStatus = "proposed" | "confirmed" | "rejected" | "disputed";

/** One hypothesis as shown in the room, with the verdicts so far. */
export interface HypothesisView {
  escalationId: string;
  /** Database id of the hypothesis: carried by its buttons. */
  hypothesisId: string;
  round: number;
  hypothesis: Hypothesis;
  status: HypothesisStatus;
  confirmedBy: string[];
  rejectedBy: string[];
  /** Evidence ids mapped to names people recognise ("ticket 00042010 'URGENT: …'"). */
  evidenceNames: Record<string, string>;
}

/** A follow-up task as the summary shows it. */
export interface TaskView {
  /** Its number within the war-room (`done N`). */
  number: number;
  /** The owner's user id. */
  owner: string;
  text: string;
  /** `YYYY-MM-DD`, or null. */
  due: string | null;
  done: boolean;
}

/** A message the core asks a platform to show. */
export type WarRoomMessage =
  | { kind: "context"; escalationId: string; summary: string; severity: Severity; card: ContextCard }
  | { kind: "hypothesis"; view: HypothesisView }
  | {
      kind: "summary";
      escalationId: string;
      analysis: Analysis;
      views: HypothesisView[];
      note?: string;
      /** The war-room's follow-up tasks, by number (absent: none yet). */
      tasks?: TaskView[];
    }
  | { kind: "resolution-prompt"; escalationId: string; hypothesisId: string; title: string }
  | { kind: "digest"; digest: Digest }
  /** An escalation-risk alert for the triage channel, with Open war-room / Not now (never sent to a customer). */
  | { kind: "risk-alert"; alert: RiskAlertView }
  | { kind: "text"; text: MessageText };

/** A file to share in a room (the digest's chart). */
export interface RoomFile {
  name: string;
  title: string;
  bytes: Uint8Array;
  /** A message posted with the file. */
  comment?: string;
}

/** What creating a room needs. */
export interface RoomSpec {
  /** Preferred name; the platform adjusts it to its rules and resolves collisions. */
  name: string;
  private: boolean;
  /**
   * The escalation the room is for. A platform that can label its rooms does, and finds a room it made
   * for this key before making another (a job retried after the room was made but before it was saved).
   */
  key?: string;
  /**
   * People (user ids) who must be in the room from the start: a platform whose private rooms are created
   * with their members (Teams' group chats) needs them; others invite everyone afterwards.
   */
  members?: string[];
}

/**
 * Names one message warroom posts for an escalation (`context`, `summary`, `hypothesis:<id>`), so that
 * it is posted once whatever is lost or retried.
 */
export interface MessageKey {
  escalationId: string;
  name: string;
}

/** How to post a message. */
export interface PostOptions {
  /**
   * A platform that can label its messages labels this one; when the answer to its post is lost it looks
   * for the label before posting again, so the message is never posted twice.
   */
  key?: MessageKey;
}

/** The outcome of inviting several people: who made it, who did not and why. */
export interface InviteResult {
  invited: string[];
  failed: { user: string; reason: string }[];
}

/** The chat platform port. */
export interface ChatPlatform {
  /** "slack", "teams", "terminal". */
  readonly kind: string;
  /** Creates a room; a taken name gets a suffix. */
  createRoom(spec: RoomSpec): Promise<RoomRef>;
  /** A reference to a room that already exists (a triage or digest channel), by its id; no call is made. */
  existingRoom(id: string): RoomRef;
  /** Sets the one-line description people see at the top of the room. */
  setTopic(room: RoomRef, topic: string): Promise<void>;
  /** Invites people; one bad user never blocks the others. */
  invite(room: RoomRef, userIds: string[]): Promise<InviteResult>;
  /** A user id for an email address, or null when the workspace has none. */
  findUserByEmail(email: string): Promise<string | null>;
  /** Posts a message; returns its normalised reference. */
  post(room: RoomRef, message: WarRoomMessage, options?: PostOptions): Promise<string>;
  /**
   * Messages of an escalation this platform posted with a key, among the latest of the room: key name to
   * reference (optional capability). A job resuming after a crash asks once, instead of posting again what
   * an earlier run posted but did not record.
   */
  findPosted?(room: RoomRef, escalationId: string): Promise<Map<string, string>>;
  /** Replaces a posted message in place. */
  update(messageRef: string, message: WarRoomMessage): Promise<void>;
  /** User ids currently in the room. */
  members(room: RoomRef): Promise<string[]>;
  /** Members of a user group (optional capability). */
  usersInGroup?(groupId: string): Promise<string[]>;
  /** Archives the room (optional capability). */
  archive?(room: RoomRef): Promise<void>;
  /** Shares a file in the room; returns the platform's id of it (optional capability). */
  uploadFile?(room: RoomRef, file: RoomFile): Promise<string>;
  /**
   * Answers the person who asked, later, through an opaque reply reference captured with the request
   * (Slack: the command's response_url; Teams: the conversation or thread it was asked in) — optional
   * capability.
   */
  reply?(replyRef: string, text: MessageText): Promise<void>;
  /**
   * Shows text to one person of a room and nobody else (Slack: an ephemeral message) — optional
   * capability; without it the core posts the text in the room addressed to that person.
   */
  whisper?(room: RoomRef, userId: string, text: MessageText): Promise<void>;
}
