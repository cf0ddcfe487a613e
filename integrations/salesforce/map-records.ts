/**
 * Salesforce records in the case bundle's shapes: Account → account (through the field map), Case with
 * its CaseComments → ticket, escalated Case → related escalation or war-room trigger. Values that do not
 * fit (a health picklist, an NPS out of range) are translated or left out, never passed on to fail later.
 */
import type { SalesforceFieldMap } from "../../src/config.ts";
import type { Comment, Segment, Severity, Ticket } from "../../src/domain/case-bundle.ts";
import type { CrmAccount, CrmEscalation, EscalatedCase, ModifiedCase } from "../../src/ports/crm-source.ts";
import { childRecords, fieldValue, type SfRecord } from "./run-query.ts";

const SEGMENT_WORDS: Record<string, Segment> = {
  enterprise: "enterprise",
  ent: "enterprise",
  strategic: "enterprise",
  large: "enterprise",
  mid_market: "mid_market",
  midmarket: "mid_market",
  mid: "mid_market",
  commercial: "mid_market",
  smb: "smb",
  small_business: "smb",
  small: "smb",
  startup: "smb",
};

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v)
    ? v
    : typeof v === "string" && v.trim() && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

/** Salesforce datetimes (`2026-11-18T09:00:00.000+0000`) and dates as ISO-8601. */
export function isoDateTime(v: unknown): string | undefined {
  const s = text(v);
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

const isoDate = (v: unknown) => isoDateTime(v)?.slice(0, 10);

/** A segment from a picklist value, the configured translations first. */
function segmentOf(
  value: unknown,
  employees: number | undefined,
  map: SalesforceFieldMap,
): Segment | undefined {
  const raw = text(value);
  if (raw) {
    const configured = Object.entries(map.segmentValues).find(([k]) => k.toLowerCase() === raw.toLowerCase());
    if (configured) return configured[1];
    const word =
      SEGMENT_WORDS[
        raw
          .toLowerCase()
          .replace(/[^a-z]+/g, "_")
          .replace(/^_|_$/g, "")
      ];
    if (word) return word;
  }
  if (map.account.segment !== null || employees === undefined) return undefined;
  // No segment field: the usual bands by head count.
  return employees >= 1000 ? "enterprise" : employees >= 100 ? "mid_market" : "smb";
}

/** A health score 0..100 from a number or a traffic-light picklist. */
function healthOf(value: unknown): number | undefined {
  const n = num(value);
  if (n !== undefined) return Math.max(0, Math.min(100, n));
  const light = text(value)?.toLowerCase();
  return light === "green"
    ? 85
    : light === "yellow" || light === "amber"
      ? 55
      : light === "red"
        ? 25
        : undefined;
}

function attributesOf(record: SfRecord, map: SalesforceFieldMap, prefix = ""): CrmAccount["attributes"] {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, field] of Object.entries(map.account.attributes)) {
    const value = fieldValue(record, prefix + field);
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** An Account record (with its next renewal opportunity, when queried) as a CRM account. */
export function toCrmAccount(record: SfRecord, map: SalesforceFieldMap): CrmAccount {
  const f = map.account;
  const renewal = childRecords(record, "Opportunities")[0];
  const read = (field: string | null) => (field === null ? undefined : fieldValue(record, field));
  const employees = num(read(f.employees));
  const nps = num(read(f.nps));
  const account: CrmAccount = {
    id: String(record.Id),
    name: String(record.Name),
    segment: segmentOf(read(f.segment), employees, map),
    industry: text(read(f.industry)),
    arr: num(read(f.arr)) ?? num(renewal?.Amount),
    contractStart: isoDate(read(f.contractStart)),
    renewalDate: isoDate(read(f.renewalDate)) ?? isoDate(renewal?.CloseDate),
    healthScore: healthOf(read(f.healthScore)),
    nps: nps !== undefined && nps >= -100 && nps <= 100 ? nps : undefined,
    attributes: attributesOf(record, map),
    ownerEmail: text(fieldValue(record, "Owner.Email")),
  };
  return Object.fromEntries(Object.entries(account).filter(([, v]) => v !== undefined)) as CrmAccount;
}

function commentOf(c: SfRecord): Comment {
  // Portal and community users are the customer; internal users (Standard) are our agents.
  const userType = text(fieldValue(c, "CreatedBy.UserType"));
  return {
    at: isoDateTime(c.CreatedDate) ?? new Date(0).toISOString(),
    author: userType && userType !== "Standard" ? "customer" : "agent",
    body: text(c.CommentBody) ?? "",
  };
}

const PRIORITY: Record<string, string> = {
  critical: "urgent",
  urgent: "urgent",
  high: "high",
  medium: "normal",
};

/** A Case with its CaseComments as a ticket. */
export function toTicket(record: SfRecord, map: SalesforceFieldMap): Ticket {
  const tagFields = [...map.case.tags, ...(map.case.productArea ? [map.case.productArea] : [])];
  const tags = [...new Set(tagFields.map((f) => text(fieldValue(record, f))).filter((t) => t !== undefined))];
  const priority = text(record.Priority)?.toLowerCase();
  const closed = record.IsClosed === true;
  const ticket: Ticket = {
    id: String(record.Id),
    number: text(record.CaseNumber),
    subject: text(record.Subject) ?? "(no subject)",
    description: text(record.Description),
    status: closed ? "closed" : (text(record.Status)?.toLowerCase() ?? "open"),
    priority: priority ? (PRIORITY[priority] ?? priority) : undefined,
    createdAt: isoDateTime(record.CreatedDate) ?? new Date(0).toISOString(),
    closedAt: closed ? (isoDateTime(record.ClosedDate) ?? null) : null,
    resolution: map.case.resolution ? (text(fieldValue(record, map.case.resolution)) ?? null) : null,
    tags: tags.map((t) => t.toLowerCase()),
    comments: childRecords(record, "CaseComments").map(commentOf),
  };
  return Object.fromEntries(Object.entries(ticket).filter(([, v]) => v !== undefined)) as Ticket;
}

/** A war-room's severity from a case's priority. */
export function severityOf(priority: unknown): Severity {
  const p = text(priority)?.toLowerCase() ?? "";
  if (/critical|urgent|p1|sev ?1/.test(p)) return "critical";
  if (/high|p2/.test(p)) return "high";
  if (/low|p4/.test(p)) return "low";
  return "normal";
}

/** Another account's escalated case, as a related escalation. */
export function toCrmEscalation(record: SfRecord, map: SalesforceFieldMap): CrmEscalation {
  const product = map.case.productArea ? text(fieldValue(record, map.case.productArea)) : undefined;
  const attributes = attributesOf(record, map, "Account.");
  return {
    id: String(record.Id),
    accountId: String(record.AccountId),
    accountName: text(fieldValue(record, "Account.Name")),
    openedAt: isoDateTime(record.CreatedDate) ?? new Date(0).toISOString(),
    summary: [text(record.Subject), text(record.Description)].filter(Boolean).join(": ").slice(0, 500),
    status: record.IsClosed === true ? "closed" : "open",
    resolvedAt: record.IsClosed === true ? (isoDateTime(record.ClosedDate) ?? null) : null,
    severity: severityOf(record.Priority),
    ...(product ? { productArea: product } : {}),
    ...(attributes ? { attributes } : {}),
  };
}

/** An escalated case as the trigger of a war-room. */
export function toEscalatedCase(record: SfRecord, instanceUrl: string): EscalatedCase {
  const description = text(record.Description);
  const ownerEmail = text(fieldValue(record, "Owner.Email"));
  return {
    caseId: String(record.Id),
    caseNumber: text(record.CaseNumber),
    accountId: String(record.AccountId),
    subject: text(record.Subject) ?? `Case ${String(record.CaseNumber ?? record.Id)}`,
    ...(description ? { description } : {}),
    severity: severityOf(record.Priority),
    modifiedAt: new Date(isoDateTime(record.LastModifiedDate) ?? 0),
    ...(ownerEmail ? { ownerEmail } : {}),
    url: `${instanceUrl.replace(/\/$/, "")}/lightning/r/Case/${String(record.Id)}/view`,
  };
}

/**
 * A modified Case as a ticket with its account; the product-area field, when mapped, is also kept as the
 * ticket's `productArea` (the label the topic learner learns from).
 */
export function toModifiedCase(record: SfRecord, map: SalesforceFieldMap): ModifiedCase {
  const product = map.case.productArea ? text(fieldValue(record, map.case.productArea)) : undefined;
  return {
    accountId: String(record.AccountId),
    ticket: { ...toTicket(record, map), ...(product ? { productArea: product } : {}) },
    modifiedAt: new Date(isoDateTime(record.SystemModstamp) ?? 0),
  };
}
