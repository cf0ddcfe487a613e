/**
 * The case bundle: everything the root-cause engine reads about one escalation
 * (shared/contracts/case-bundle.md). Extra fields pass through; missing required fields fail with the path.
 */
import { z } from "zod";
import { CATEGORIES } from "./categories.ts";

/** Custom wording for a malformed value only; a missing one keeps zod's "required" wording. */
const malformed = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? undefined : expected;

/**
 * Whether a date-time zod accepted is one PostgreSQL can store and a clock can show: zod's format allows
 * year 0000 (PostgreSQL refuses it) and any offset up to ±23:59 (real ones run from -12:00 to +14:00).
 */
function isRealDateTime(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  const minutes = offset ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return year >= 1900 && minutes >= -12 * 60 && minutes <= 14 * 60;
}

export const isoDateTime = z.iso
  .datetime({
    offset: true,
    local: false,
    error: malformed("expected an ISO-8601 date-time like 2026-11-19T16:05:00Z"),
  })
  .refine(isRealDateTime, {
    error: "expected a real date-time: a year from 1900 on and an offset from -12:00 to +14:00",
    abort: true,
  });
const isoDate = z.union([z.iso.date(), isoDateTime], {
  error: malformed("expected an ISO date like 2026-03-15"),
});

export const SEVERITIES = ["low", "normal", "high", "critical"] as const;
/** How bad an escalation is; critical war-rooms are private by default. */
export type Severity = (typeof SEVERITIES)[number];

export const SEGMENTS = ["enterprise", "mid_market", "smb"] as const;
/** Commercial segment of an account. */
export type Segment = (typeof SEGMENTS)[number];

export const CHANGE_SOURCES = [
  "vendor_deploy",
  "vendor_config",
  "customer_config",
  "customer_org",
  "third_party",
  "incident",
] as const;
/** Who made a change: us (vendor_*), the customer, a third party, or an incident. */
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

export const CHANGE_SCOPES = ["account", "segment", "global"] as const;
/** How widely a change applies. */
export type ChangeScope = (typeof CHANGE_SCOPES)[number];

const attributes = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const escalationSchema = z.looseObject({
  id: z.string().min(1),
  openedAt: isoDateTime,
  summary: z.string().min(1),
  reportedBy: z.string().optional(),
  severity: z.enum(SEVERITIES).optional(),
});

export const accountSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  segment: z.enum(SEGMENTS).optional(),
  industry: z.string().optional(),
  arr: z.number().nonnegative().optional(),
  contractStart: isoDate.optional(),
  renewalDate: isoDate.optional(),
  healthScore: z.number().min(0).max(100).optional(),
  nps: z.number().min(-100).max(100).optional(),
  attributes: attributes.optional(),
});

export const commentSchema = z.looseObject({
  at: isoDateTime,
  author: z.string(),
  body: z.string(),
});

export const ticketSchema = z.looseObject({
  id: z.string().min(1),
  number: z.string().optional(),
  subject: z.string(),
  description: z.string().optional(),
  status: z.string(),
  priority: z.string().optional(),
  createdAt: isoDateTime,
  closedAt: isoDateTime.nullish(),
  resolution: z.string().nullish(),
  tags: z.array(z.string()).optional(),
  comments: z.array(commentSchema).optional(),
});

export const changeSchema = z.looseObject({
  id: z.string().min(1),
  at: isoDateTime,
  source: z.enum(CHANGE_SOURCES),
  scope: z.enum(CHANGE_SCOPES),
  title: z.string().min(1),
  description: z.string().optional(),
  productArea: z.string().optional(),
});

export const relatedEscalationSchema = z.looseObject({
  id: z.string().min(1),
  accountId: z.string().min(1),
  accountName: z.string().optional(),
  openedAt: isoDateTime,
  summary: z.string(),
  attributes: attributes.optional(),
  status: z.string().optional(),
  rootCauseCategory: z.enum(CATEGORIES).nullish(),
});

export const knowledgeSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string().min(1),
  category: z.enum(CATEGORIES),
  symptoms: z.string().optional(),
  rootCause: z.string().optional(),
  resolution: z.string().optional(),
  tags: z.array(z.string()).optional(),
  validatedAt: isoDate.optional(),
});

export const caseBundleSchema = z
  .looseObject({
    escalation: escalationSchema,
    account: accountSchema,
    tickets: z.array(ticketSchema).default([]),
    changes: z.array(changeSchema).default([]),
    relatedEscalations: z.array(relatedEscalationSchema).default([]),
    knowledge: z.array(knowledgeSchema).default([]),
  })
  .superRefine((bundle, ctx) => {
    const seen = new Map<string, string>();
    for (const key of ["tickets", "changes", "relatedEscalations", "knowledge"] as const) {
      bundle[key].forEach((item, index) => {
        const first = seen.get(item.id);
        if (first) {
          ctx.addIssue({
            code: "custom",
            path: [key, index, "id"],
            message: `evidence id "${item.id}" is already used at ${first}; ids must be unique across the bundle`,
          });
        } else {
          seen.set(item.id, `${key}[${index}]`);
        }
      });
    }
  });

export type Escalation = z.infer<typeof escalationSchema>;
export type Account = z.infer<typeof accountSchema>;
export type Comment = z.infer<typeof commentSchema>;
export type Ticket = z.infer<typeof ticketSchema>;
export type Change = z.infer<typeof changeSchema>;
export type RelatedEscalation = z.infer<typeof relatedEscalationSchema>;
export type KnowledgeItem = z.infer<typeof knowledgeSchema>;
/** A parsed case bundle: arrays are always present (absent in the input means empty). */
export type CaseBundle = z.infer<typeof caseBundleSchema>;
