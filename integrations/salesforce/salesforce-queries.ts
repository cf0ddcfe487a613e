/**
 * The SOQL warroom sends, built from the validated field map; every value in it is a literal from soql.ts.
 */
import type { SalesforceFieldMap } from "../../src/config.ts";
import type { TimeWindow } from "../../src/ports/crm-source.ts";
import { soqlDateTime, soqlString } from "./soql.ts";

const DAY = 24 * 3600 * 1000;

/** The Account fields to select (with the renewal opportunity when no field holds the renewal). */
export function accountFields(map: SalesforceFieldMap): string {
  const a = map.account;
  const mapped = [
    a.arr,
    a.segment,
    a.renewalDate,
    a.contractStart,
    a.healthScore,
    a.nps,
    a.industry,
    a.employees,
  ];
  const fields = new Set(["Id", "Name", "Owner.Email", ...Object.values(a.attributes)]);
  for (const field of mapped) if (field !== null) fields.add(field);
  const select = [...fields].join(", ");
  if (a.renewalDate !== null && a.arr !== null) return select;
  // No renewal (or ARR) field: the next open renewal opportunity stands in.
  return `${select}, (SELECT CloseDate, Amount FROM Opportunities WHERE IsClosed = false AND Type = ${soqlString(map.renewalOpportunityType)} AND CloseDate >= TODAY ORDER BY CloseDate ASC LIMIT 1)`;
}

/** The Case fields to select, with the case's comments. */
export function caseFields(map: SalesforceFieldMap): string {
  const fields = new Set([
    "Id",
    "CaseNumber",
    "Subject",
    "Description",
    "Status",
    "Priority",
    "IsClosed",
    "ClosedDate",
    "CreatedDate",
    ...map.case.tags,
  ]);
  if (map.case.resolution) fields.add(map.case.resolution);
  if (map.case.productArea) fields.add(map.case.productArea);
  return `${[...fields].join(", ")}, (SELECT Id, CommentBody, IsPublished, CreatedDate, CreatedBy.UserType FROM CaseComments ORDER BY CreatedDate ASC)`;
}

/** ` AND field >= … AND field <= …` for the ends of the window that are set. */
export function windowFilter(field: string, window: TimeWindow = {}): string {
  return [
    window.since ? ` AND ${field} >= ${soqlDateTime(window.since)}` : "",
    window.until ? ` AND ${field} <= ${soqlDateTime(window.until)}` : "",
  ].join("");
}

/** Splits a window into `n` consecutive slices of equal length (the last one closed at `until`). */
export function slices(window: TimeWindow, n: number): TimeWindow[] {
  if (!window.since || !window.until || n <= 1) return [window];
  const start = window.since.getTime();
  const step = (window.until.getTime() - start) / n;
  if (step < DAY) return [window];
  return Array.from({ length: n }, (_, i) => ({
    since: new Date(start + i * step),
    until: i === n - 1 ? window.until : new Date(start + (i + 1) * step - 1000),
  }));
}
