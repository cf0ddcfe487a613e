/**
 * KnowledgeBase: validated findings from past escalations, which feed the next analysis. Implemented by
 * integrations/local (the embedded default: the database plus Markdown files) and integrations/notion.
 */
import type { KnowledgeItem } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";

/** A hypothesis the team ruled out on the way, and why. */
export interface RejectedHypothesis {
  title: string;
  category: Category;
  /** Who rejected it (platform user ids). */
  rejectedBy: string[];
  /** What the resolver wrote about it, when anything. */
  why: string | null;
}

/** A validated finding with everything its knowledge-base entry shows and pattern analysis reads. */
export interface FindingDocument {
  escalationId: string;
  title: string;
  category: Category;
  /** From the fixed category table: technical, customer_journey, process, organizational. */
  dimension: string;
  /** product, process or external. */
  preventableBy: string;
  /** What the customer reported (the escalation's summary). */
  summary: string;
  account: {
    id: string;
    name: string;
    segment: string | null;
    industry: string | null;
    arr: number | null;
    /** 1 in the contract's first month. */
    lifecycleMonth: number | null;
  };
  productAreas: string[];
  openedAt: string;
  resolvedAt: string | null;
  warRoomUrl: string | null;
  /** Who confirmed the root cause (platform user ids). */
  confirmedBy: string[];
  rootCause: string;
  /** What the confirmed hypothesis rested on, causal item first, named for people. */
  evidence: { id: string; name: string }[];
  contributingFactors: string[];
  resolution: string;
  prevention: string[];
  /** What happened when, oldest first. */
  timeline: { at: string; note: string }[];
  rejected: RejectedHypothesis[];
  /** The war-room's follow-up tasks by number, open or done (owners are platform user ids). */
  followUps?: { number: number; owner: string; text: string; due: string | null; done: boolean }[];
  /**
   * No article matching the escalation when its war-room opened named this cause: the knowledge team should
   * write one (null when not known, e.g. imported history).
   */
  needsArticle: boolean | null;
}

/** Where a written finding lives. */
export interface WrittenFinding {
  /** The knowledge base's id for the entry (a Notion page id, `local:<escalation id>`). */
  ref: string;
  /** A link people can open. */
  url: string;
}

/** Where validated findings live. */
export interface KnowledgeBase {
  /** Short name for logs and health output. */
  readonly name: string;
  /**
   * Validated findings, newest first; at most `limit` (default all). Reads local state only, so a war-room
   * never waits on (or fails with) a remote knowledge base; findings confirmed here but not yet written
   * to it are included.
   */
  listFindings(limit?: number): Promise<KnowledgeItem[]>;
  /**
   * Writes a finding; idempotent by escalation id (a second write finds and updates the same entry).
   * Throws an IntegrationError when the knowledge base is unavailable (the outbox job retries).
   */
  writeFinding(finding: FindingDocument): Promise<WrittenFinding>;
  /**
   * Pulls entries created or edited in the knowledge base since the last refresh into local state
   * (optional capability: remote knowledge bases). Returns how many entries changed.
   */
  refresh?(): Promise<{ updated: number; removed: number }>;
}
