/**
 * The slice of a Salesforce org's schema the fake knows: six sObjects with their standard fields (names and
 * types from the Object Reference), their lookups (`Owner`, `Account`, `CreatedBy`…), their child
 * relationships (`CaseComments`, `Opportunities`, `Cases`) and the custom fields a test declares. Field and
 * relationship names are case-insensitive, as in SOQL; lookups return the canonical spelling.
 */

/** The sObjects the fake serves. */
export type SObjectType = "Account" | "Case" | "CaseComment" | "Opportunity" | "User" | "Task";

/** Every sObject the fake serves, in seeding order. */
export const SOBJECT_TYPES: readonly SObjectType[] = [
  "User",
  "Account",
  "Opportunity",
  "Case",
  "CaseComment",
  "Task",
];

/** Field types as describe() names them; `unknown` is a custom field whose type no value has shown yet. */
export type FieldKind =
  | "id"
  | "reference"
  | "string"
  | "picklist"
  | "textarea"
  | "email"
  | "phone"
  | "url"
  | "boolean"
  | "int"
  | "double"
  | "currency"
  | "percent"
  | "date"
  | "datetime"
  | "unknown";

/** One field of an sObject. */
export interface FieldDef {
  name: string;
  kind: FieldKind;
  /** Long text areas can be neither filtered nor sorted on. */
  filterable: boolean;
  custom: boolean;
}

/** A child-to-parent relationship: `Owner` through `OwnerId`. */
export interface ParentDef {
  name: string;
  field: string;
  /** The parent's sObject; `Contact` is named by Case.ContactId but not modelled by the fake. */
  target: SObjectType | "Contact";
  /** A polymorphic lookup (Case.Owner: a user or a queue) answers as the `Name` pseudo-object. */
  polymorphic: boolean;
}

/** A parent-to-child relationship: Case's `CaseComments` are the CaseComments whose ParentId is the case. */
export interface ChildDef {
  name: string;
  type: SObjectType;
  field: string;
}

/** One sObject of the schema. */
export interface ObjectDef {
  name: SObjectType;
  keyPrefix: string;
  fields: Map<string, FieldDef>;
  parents: Map<string, ParentDef>;
  children: Map<string, ChildDef>;
}

/** The fields of the `Name` object a polymorphic lookup can read, as far as a User has them. */
export const NAME_OBJECT_FIELDS: ReadonlySet<string> = new Set([
  "Alias",
  "Email",
  "FirstName",
  "Id",
  "IsActive",
  "LastName",
  "Name",
  "Phone",
  "ProfileId",
  "Title",
  "UserRoleId",
  "Username",
]);

type FieldsByKind = Partial<Record<FieldKind, string>>;

const FIELD_KINDS: readonly FieldKind[] = [
  "id",
  "reference",
  "string",
  "picklist",
  "textarea",
  "email",
  "phone",
  "url",
  "boolean",
  "int",
  "double",
  "currency",
  "percent",
  "date",
  "datetime",
];

const AUDIT_FIELDS: FieldsByKind = {
  id: "Id",
  datetime: "CreatedDate LastModifiedDate SystemModstamp",
  reference: "CreatedById LastModifiedById",
  boolean: "IsDeleted",
};

const AUDIT_PARENTS: ParentDef[] = [
  { name: "CreatedBy", field: "CreatedById", target: "User", polymorphic: false },
  { name: "LastModifiedBy", field: "LastModifiedById", target: "User", polymorphic: false },
];

const STANDARD: Record<SObjectType, { prefix: string; fields: FieldsByKind; longText?: string }> = {
  Account: {
    prefix: "001",
    fields: {
      string:
        "Name AccountNumber Site BillingStreet BillingCity BillingState BillingPostalCode BillingCountry " +
        "ShippingStreet ShippingCity ShippingState ShippingPostalCode ShippingCountry TickerSymbol Sic",
      picklist: "Type Industry Rating Ownership AccountSource",
      textarea: "Description",
      phone: "Phone Fax",
      url: "Website",
      currency: "AnnualRevenue",
      int: "NumberOfEmployees",
      reference: "OwnerId ParentId",
      date: "LastActivityDate",
    },
    longText: "Description",
  },
  Case: {
    prefix: "500",
    fields: {
      string: "CaseNumber Subject SuppliedName SuppliedCompany SuppliedPhone ContactPhone",
      picklist: "Status Priority Origin Type Reason",
      textarea: "Description",
      email: "SuppliedEmail ContactEmail",
      boolean: "IsClosed IsEscalated",
      datetime: "ClosedDate",
      reference: "AccountId ContactId OwnerId ParentId",
    },
    longText: "Description",
  },
  CaseComment: {
    prefix: "00a",
    fields: { reference: "ParentId", textarea: "CommentBody", boolean: "IsPublished" },
  },
  Opportunity: {
    prefix: "006",
    fields: {
      string: "Name NextStep ForecastCategoryName",
      picklist: "StageName Type LeadSource ForecastCategory",
      textarea: "Description",
      currency: "Amount ExpectedRevenue",
      percent: "Probability",
      int: "FiscalYear FiscalQuarter",
      date: "CloseDate LastActivityDate",
      boolean: "IsClosed IsWon",
      reference: "AccountId OwnerId",
    },
    longText: "Description",
  },
  User: {
    prefix: "005",
    fields: {
      string: "Name FirstName LastName Username Alias Title Department CompanyName TimeZoneSidKey",
      picklist: "UserType",
      email: "Email",
      phone: "Phone",
      boolean: "IsActive",
      reference: "ProfileId UserRoleId ManagerId",
      datetime: "LastLoginDate",
    },
  },
  // An activity: WhatId names the case or account it is about; Description is a long text area.
  Task: {
    prefix: "00T",
    fields: {
      string: "Subject",
      picklist: "Status Priority TaskSubtype",
      textarea: "Description",
      date: "ActivityDate",
      boolean: "IsClosed",
      reference: "WhatId WhoId OwnerId AccountId",
    },
    longText: "Description",
  },
};

const PARENTS: Record<SObjectType, ParentDef[]> = {
  Account: [
    { name: "Owner", field: "OwnerId", target: "User", polymorphic: false },
    { name: "Parent", field: "ParentId", target: "Account", polymorphic: false },
  ],
  Case: [
    { name: "Owner", field: "OwnerId", target: "User", polymorphic: true },
    { name: "Account", field: "AccountId", target: "Account", polymorphic: false },
    { name: "Contact", field: "ContactId", target: "Contact", polymorphic: false },
    { name: "Parent", field: "ParentId", target: "Case", polymorphic: false },
  ],
  CaseComment: [{ name: "Parent", field: "ParentId", target: "Case", polymorphic: false }],
  Opportunity: [
    { name: "Owner", field: "OwnerId", target: "User", polymorphic: false },
    { name: "Account", field: "AccountId", target: "Account", polymorphic: false },
  ],
  User: [{ name: "Manager", field: "ManagerId", target: "User", polymorphic: false }],
  Task: [
    { name: "Owner", field: "OwnerId", target: "User", polymorphic: true },
    { name: "Account", field: "AccountId", target: "Account", polymorphic: false },
  ],
};

const CHILDREN: Record<SObjectType, ChildDef[]> = {
  Account: [
    { name: "Opportunities", type: "Opportunity", field: "AccountId" },
    { name: "Cases", type: "Case", field: "AccountId" },
  ],
  Case: [
    { name: "CaseComments", type: "CaseComment", field: "ParentId" },
    { name: "Tasks", type: "Task", field: "WhatId" },
  ],
  CaseComment: [],
  Opportunity: [],
  User: [],
  Task: [],
};

function byLowerName<T extends { name: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.name.toLowerCase(), item]));
}

function standardFields(type: SObjectType): FieldDef[] {
  const spec = STANDARD[type];
  const longText = new Set((spec.longText ?? "").split(" "));
  const out: FieldDef[] = [];
  for (const group of [AUDIT_FIELDS, spec.fields]) {
    for (const kind of FIELD_KINDS) {
      for (const name of group[kind]?.split(" ") ?? []) {
        out.push({ name, kind, filterable: !longText.has(name), custom: false });
      }
    }
  }
  return out;
}

/** The schema of one fake org: standard fields plus the custom fields of its options. */
export type Schema = ReadonlyMap<SObjectType, ObjectDef>;

/** Builds the schema; custom field names must end in `__c`, as Salesforce requires. */
export function createSchema(customFields: Partial<Record<SObjectType, string[]>> = {}): Schema {
  const schema = new Map<SObjectType, ObjectDef>();
  for (const type of SOBJECT_TYPES) {
    const custom = (customFields[type] ?? []).map((name): FieldDef => {
      if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(name)) {
        throw new Error(`fake Salesforce: custom field ${type}.${name} must end in __c`);
      }
      return { name, kind: "unknown", filterable: true, custom: true };
    });
    schema.set(type, {
      name: type,
      keyPrefix: STANDARD[type].prefix,
      fields: byLowerName([...standardFields(type), ...custom]),
      parents: byLowerName([...AUDIT_PARENTS, ...PARENTS[type]]),
      children: byLowerName(CHILDREN[type]),
    });
  }
  return schema;
}

/** The sObject named `name` (any casing), if the fake serves it. */
export function findObject(schema: Schema, name: string): ObjectDef | undefined {
  return [...schema.values()].find((def) => def.name.toLowerCase() === name.toLowerCase());
}

/** The definition of a served sObject. */
export function objectDef(schema: Schema, type: SObjectType): ObjectDef {
  const def = schema.get(type);
  if (!def) throw new Error(`fake Salesforce: no sObject ${type}`);
  return def;
}

/** Whether `name` is one of the sObjects the fake serves. */
export function isSObjectType(name: string): name is SObjectType {
  return (SOBJECT_TYPES as readonly string[]).includes(name);
}
