/**
 * The terminal as a chat platform (the embedded default): rooms are headings, messages are printed, and
 * the person at the keyboard is the only member. `warroom escalate` runs the same use-cases as Slack.
 */

import type { Writable } from "node:stream";
import { renderDigestMarkdown } from "../../src/digest/render-digest-markdown.ts";
import { plainText } from "../../src/domain/message-text.ts";
import { ValidationError } from "../../src/errors.ts";
import type { ChatPlatform, HypothesisView, RoomRef, WarRoomMessage } from "../../src/ports/chat-platform.ts";
import { describeAlert } from "../../src/radar/describe-alert.ts";
import { withCollisionSuffix } from "../../src/war-room/channel-name.ts";
import { renderContextCard } from "./render-context-card.ts";

/** Configuration of the terminal platform. */
export interface TerminalChatAdapterConfig {
  out: Writable;
  /** The user id of the person at the terminal. */
  user: string;
}

/** A ChatPlatform that prints. */
export type TerminalChatAdapter = ChatPlatform;

const MARK = { proposed: "[ ]", confirmed: "[✅]", rejected: "[❌]", disputed: "[⚖️ disputed]" } as const;

function renderHypothesis(view: HypothesisView): string {
  const h = view.hypothesis;
  const cite = (id: string) => `  - ${view.evidenceNames[id] ?? id} [${id}]`;
  return [
    `${MARK[view.status]} #${h.rank} ${h.title} — ${Math.round(h.likelihood * 100)}% · ${h.category}`,
    `  ${h.rationale}`,
    "  Evidence:",
    ...h.evidence.map(cite),
    "  Checks:",
    ...h.checks.map((c) => `  - ${c}`),
    "",
  ].join("\n");
}

function render(message: WarRoomMessage): string {
  switch (message.kind) {
    case "context":
      return `${renderContextCard(message.card)}\nWhat happened (${message.severity}): ${message.summary}\n\n`;
    case "hypothesis":
      return renderHypothesis(message.view);
    case "summary":
      return `Pattern: ${message.analysis.pattern.verdict}${message.analysis.pattern.sharedAttributes.length ? ` (${message.analysis.pattern.sharedAttributes.join(", ")})` : ""}\nTalking points:\n${message.analysis.talkingPoints.map((t) => `- ${t}`).join("\n")}\n${(message.tasks ?? []).map((t) => `Follow-up #${t.number}${t.done ? " (done)" : ""}: ${t.text}${t.due ? ` (due ${t.due})` : ""}\n`).join("")}${message.note ?? ""}\n`;
    case "resolution-prompt":
      return `Confirmed: ${message.title}. Record the resolution to write the finding.\n`;
    case "digest":
      return `${renderDigestMarkdown(message.digest)}\n`;
    case "risk-alert":
      return `${describeAlert(message.alert)}\n`;
    case "text":
      return `${plainText(message.text)}\n`;
  }
}

/** Creates the terminal platform. */
export function createTerminalChatAdapter(config: TerminalChatAdapterConfig): TerminalChatAdapter {
  let counter = 0;
  const rooms = new Set<string>();
  return {
    kind: "terminal",
    existingRoom: (id) => ({ platform: "terminal", id, name: id, url: `terminal:${id}` }),
    async createRoom(spec) {
      let attempt = 1;
      while (rooms.has(withCollisionSuffix(spec.name, attempt))) attempt++;
      const name = withCollisionSuffix(spec.name, attempt);
      rooms.add(name);
      config.out.write(`\n# ${name}${spec.private ? " (private)" : ""}\n`);
      return { platform: "terminal", id: name, name, url: `terminal:${name}` };
    },
    async setTopic(_room, topic) {
      config.out.write(`${topic}\n\n`);
    },
    async invite(_room, userIds) {
      return { invited: userIds, failed: [] };
    },
    async findUserByEmail(email) {
      return email;
    },
    async post(room: RoomRef, message) {
      config.out.write(render(message));
      return `terminal:${room.id}:${++counter}`;
    },
    async update(ref, message) {
      if (!ref.startsWith("terminal:"))
        throw new ValidationError("terminal", `not a terminal message reference: ${ref}`);
      if (message.kind === "summary" && message.note) config.out.write(`${message.note}\n`);
    },
    async members() {
      return [config.user];
    },
  };
}
