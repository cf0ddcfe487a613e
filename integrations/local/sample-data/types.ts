/**
 * Drafts: the generator's own shapes before ids are assigned. Accounts are referred to by a short key
 * (a slug) until the accounts file numbers them.
 */

import type { ChangeScope, ChangeSource, Segment, Severity } from "../../../src/domain/case-bundle.ts";
import type { Category } from "../../../src/domain/categories.ts";

/** A fixed fact about one fictional customer. */
export interface AccountSeed {
  key: string;
  name: string;
  segment: Segment;
  industry: string;
  region: "eu" | "us" | "apac";
  crm: string;
  onboarding: "guided" | "self-serve" | "partner";
  /** Optional modules in use (product areas); the core modules are implied. */
  modules: string[];
  paymentProvider?: string;
  smsProvider?: string;
  sso?: string;
  /** Days since the contract started, when it must be pinned (new accounts, pattern members). */
  tenureDays?: number;
  /** Renewal falls within 90 days of the anchor. */
  renewalSoon?: boolean;
  /** Renewal exactly this many days after the anchor (stories mention it). */
  renewalInDays?: number;
  /** Health score, when a story depends on it (otherwise drawn from its escalations). */
  healthScore?: number;
  /** Seat count, when a story depends on it (otherwise drawn). */
  seats?: number;
  /** CRM records synced per day, when a CRM sync is on. */
  syncRecordsPerDay?: number;
  /** Relative ticket volume (1 = typical for the segment). */
  busy?: number;
  /** Background tickets and customer changes stop this many days before the anchor (hand-written story). */
  quietDays?: number;
}

/** A ticket comment before ids exist (a type alias, so it fits the schema's open object). */
export type CommentDraft = {
  at: string;
  author: "customer" | "agent" | "engineering";
  body: string;
};

/** A ticket before its id and number are assigned. */
export interface TicketDraft {
  accountKey: string;
  subject: string;
  description: string;
  status: "open" | "pending" | "closed";
  priority: "low" | "normal" | "high" | "urgent";
  createdAt: string;
  closedAt?: string | null;
  resolution?: string | null;
  tags: string[];
  comments: CommentDraft[];
}

/** A change before its id is assigned; `key` lets stories and patterns point at it. */
export interface ChangeDraft {
  key?: string;
  at: string;
  source: ChangeSource;
  scope: ChangeScope;
  title: string;
  description: string;
  productArea: string;
  accountKey?: string;
  /** For segment scope: the commercial segment it applies to (the local CRM filters on it). */
  segment?: Segment;
  /** For segment scope defined by an account attribute, e.g. the EU data region. */
  region?: string;
}

/**
 * One escalation with everything around it: the tickets that led up to it and, when it has one, the
 * change that caused it (inline or a shared change by key).
 */
export interface Story {
  key: string;
  account: string;
  openedAt: string;
  /** Absent while the escalation is open. */
  resolvedAt?: string;
  category: Category | null;
  severity: Severity;
  productArea: string;
  summary: string;
  resolution?: string;
  changes?: ChangeDraft[];
  tickets: StoryTicket[];
}

/** A ticket that belongs to a story or pattern (its account is implied). */
export type StoryTicket = Omit<TicketDraft, "accountKey">;

/** A validated finding before its id is assigned. */
export interface KnowledgeDraft {
  title: string;
  category: Category;
  symptoms: string;
  rootCause: string;
  resolution: string;
  tags: string[];
  validatedAt: string;
  /** Key of the story (escalation) the finding came from. */
  fromStory?: string;
}

/** A live pattern, for the generator's summary and the README. */
export interface PatternInfo {
  name: string;
  attribute: string;
  /** Members with escalations in the file. */
  escalated: string[];
  /** Members that share the attribute and show symptoms but did not escalate. */
  quiet: string[];
  changeKeys: string[];
  storyKeys: string[];
}
