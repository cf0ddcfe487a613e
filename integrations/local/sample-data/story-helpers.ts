/**
 * Small builders that keep the hand-written stories readable.
 */
import type { ChangeDraft, CommentDraft, StoryTicket, TicketDraft } from "./types.ts";

/** A comment by the customer. */
export function customer(at: string, body: string): CommentDraft {
  return { at, author: "customer", body };
}

/** A comment by a support agent. */
export function agent(at: string, body: string): CommentDraft {
  return { at, author: "agent", body };
}

/** A comment by engineering. */
export function eng(at: string, body: string): CommentDraft {
  return { at, author: "engineering", body };
}

/** The fields a story spells out for one ticket; status follows from closedAt unless given. */
export interface TicketSpec {
  createdAt: string;
  subject: string;
  description: string;
  priority: TicketDraft["priority"];
  tags: string[];
  comments: CommentDraft[];
  closedAt?: string;
  resolution?: string;
  status?: TicketDraft["status"];
}

/** A story ticket with its status derived: closed when it has closedAt, else open. */
export function ticket(spec: TicketSpec): StoryTicket {
  return {
    ...spec,
    status: spec.status ?? (spec.closedAt ? "closed" : "open"),
    closedAt: spec.closedAt ?? null,
    resolution: spec.resolution ?? null,
  };
}

/** A ticket that belongs to an account outside any story (pattern members that did not escalate). */
export function accountTicket(accountKey: string, spec: TicketSpec): TicketDraft {
  return { accountKey, ...ticket(spec) };
}

/** One of our deploys, rolled out to everyone. */
export function deploy(at: string, productArea: string, title: string, description: string): ChangeDraft {
  return { at, source: "vendor_deploy", scope: "global", productArea, title, description };
}

/** A change the customer made in its own environment. */
export function theirChange(
  accountKey: string,
  at: string,
  productArea: string,
  title: string,
  description: string,
  source: ChangeDraft["source"] = "customer_config",
): ChangeDraft {
  return { at, source, scope: "account", accountKey, productArea, title, description };
}
