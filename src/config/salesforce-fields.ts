/**
 * Which Salesforce fields hold what warroom needs (SALESFORCE_FIELD_MAP, JSON). ARR, renewal and health
 * live in custom fields that differ per org, so every field name is configurable; what is unset falls back
 * to a standard field or to a derivation (segment from NumberOfEmployees, renewal from the next open renewal
 * Opportunity). Field names are checked here, so nothing in the map can change a query's meaning.
 */
import { z } from "zod";
import { SEGMENTS } from "../domain/case-bundle.ts";

/** `Field__c` or one relationship hop such as `Owner.Email`: letters, digits and underscores only. */
const fieldName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/,
    "must be a Salesforce field API name like ARR__c or Owner.Email",
  );
const optionalField = fieldName.nullable().default(null);

const accountFields = z.strictObject({
  arr: optionalField.describe("annual recurring revenue (currency or number), e.g. ARR__c"),
  segment: optionalField.describe("segment picklist, e.g. Segment__c; unset derives it from employees"),
  renewalDate: optionalField.describe(
    "renewal date, e.g. Renewal_Date__c; unset reads the renewal opportunity",
  ),
  contractStart: optionalField.describe("contract start date, e.g. Contract_Start__c"),
  healthScore: optionalField.describe("health score 0..100, e.g. Health_Score__c"),
  nps: optionalField.describe("NPS, e.g. NPS__c"),
  industry: fieldName.nullable().default("Industry"),
  employees: fieldName.nullable().default("NumberOfEmployees"),
  /** More fields copied into the account's attributes (they feed pattern detection), by attribute name. */
  attributes: z.record(z.string().min(1), fieldName).default({}),
});

const caseFields = z.strictObject({
  /** Where the agent's resolution text lives (no standard field). */
  resolution: optionalField,
  /** A product-area picklist on Case, copied into the ticket's tags. */
  productArea: optionalField,
  /** Fields whose values become the ticket's tags. */
  tags: z.array(fieldName).default(["Type", "Reason", "Origin"]),
});

const escalationTrigger = z.strictObject({
  /** The Case field that marks an escalation (`IsEscalated` is standard). */
  field: fieldName.default("IsEscalated"),
  /** The value that means escalated, e.g. true, or "Escalated" for a Status-based process. */
  value: z.union([z.boolean(), z.string().min(1), z.number()]).default(true),
});

/** The field map, with every default filled in. */
export const salesforceFieldMapSchema = z.strictObject({
  account: accountFields.default(accountFields.parse({})),
  /** Segment picklist values (case-insensitive) to warroom's segments, for values that do not normalise. */
  segmentValues: z.record(z.string().min(1), z.enum(SEGMENTS)).default({}),
  case: caseFields.default(caseFields.parse({})),
  escalation: escalationTrigger.default(escalationTrigger.parse({})),
  /** Opportunity.Type of renewals, read when the account has no renewal-date field. */
  renewalOpportunityType: z.string().min(1).default("Renewal"),
});

/** Where each thing warroom reads lives in the org. */
export type SalesforceFieldMap = z.infer<typeof salesforceFieldMapSchema>;

/** The map when SALESFORCE_FIELD_MAP is unset: standard fields and derivations only. */
export const DEFAULT_SALESFORCE_FIELD_MAP: SalesforceFieldMap = salesforceFieldMapSchema.parse({});
