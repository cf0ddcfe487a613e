/**
 * Teams posts that happen once when the Connector's answer is lost (the activity was stored, the
 * connection cut before its id came back). A keyed card carries a hidden TextBlock whose element `id` names
 * the escalation and the message's key; Graph lists a conversation's messages with each card attachment's
 * JSON as its `content`, so the marker is read back from there. The Connector's `channelData` and
 * `entities` are not part of what Graph returns, which is why the marker lives inside the card. Graph is
 * read only after a lost answer or when a job resumes, never before an ordinary post.
 */
import { IntegrationError } from "../../src/errors.ts";
import type { MessageKey } from "../../src/ports/chat-platform.ts";
import type { GraphMessage } from "./graph-api.ts";
import type { AdaptiveCardJson } from "./render-parts.ts";

const PREFIX = "warroom-key:";
const ADAPTIVE = "application/vnd.microsoft.card.adaptive";
/** Attempts of one post whose answers keep getting lost. */
const ATTEMPTS = 3;

/** The element id that marks a card as the message `key`. */
export function keyMarker(key: MessageKey): string {
  return `${PREFIX}${encodeURIComponent(key.escalationId)}:${encodeURIComponent(key.name)}`;
}

/** The key an element id names, or null when it is not a marker. */
export function readKeyMarker(id: unknown): MessageKey | null {
  if (typeof id !== "string" || !id.startsWith(PREFIX)) return null;
  const [escalationId, name, ...rest] = id.slice(PREFIX.length).split(":");
  if (!escalationId || !name || rest.length > 0) return null;
  return { escalationId: decodeURIComponent(escalationId), name: decodeURIComponent(name) };
}

/** The card with a hidden marker of `key` at its end: people see nothing, Graph returns it. */
export function markCard(card: AdaptiveCardJson, key: MessageKey): AdaptiveCardJson {
  const body = Array.isArray(card.body) ? card.body : [];
  const marker = { type: "TextBlock" as const, id: keyMarker(key), text: " ", isVisible: false };
  return { ...card, body: [...body, marker] };
}

/** The marker ids anywhere inside a card (its body may nest containers). */
function markersIn(node: unknown, found: MessageKey[] = []): MessageKey[] {
  if (Array.isArray(node)) for (const item of node) markersIn(item, found);
  else if (node && typeof node === "object") {
    const key = readKeyMarker((node as { id?: unknown }).id);
    if (key) found.push(key);
    for (const value of Object.values(node)) if (typeof value === "object") markersIn(value, found);
  }
  return found;
}

/** The keys an escalation's cards carry among `messages`: key name to Graph message id. */
export function keysInMessages(messages: GraphMessage[], escalationId: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const message of messages) {
    for (const attachment of message.attachments ?? []) {
      if (attachment.contentType !== ADAPTIVE || typeof attachment.content !== "string") continue;
      let card: unknown;
      try {
        card = JSON.parse(attachment.content);
      } catch {
        continue; // Not a card warroom wrote.
      }
      for (const key of markersIn(card))
        if (key.escalationId === escalationId && !found.has(key.name)) found.set(key.name, message.id);
    }
  }
  return found;
}

/**
 * Whether a failed Teams call may have taken effect: no answer came back (the connection was cut, a
 * timeout) or the service failed (5xx). Any other answer (4xx) says it did not.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  if (!(error instanceof IntegrationError) || error.code !== "unavailable") return false;
  const status = (error.cause as { response?: { status?: number } } | undefined)?.response?.status;
  return status === undefined || status >= 500;
}

/**
 * Posts once: when the answer to `post` may have been lost, `find` says whether the message is there (and
 * its reference) before it is posted again.
 */
export async function postOnce(
  post: () => Promise<string>,
  find: () => Promise<string | null>,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post();
    } catch (error) {
      if (attempt >= ATTEMPTS || !mayHaveTakenEffect(error)) throw error;
      const found = await find();
      if (found !== null) return found;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
