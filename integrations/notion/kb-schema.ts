/**
 * The knowledge base's schema in Notion: one row per finding, with the properties pattern analysis and
 * people filter by. warroom creates a database with this schema, or checks an existing data source
 * against it and names what is missing or of the wrong type.
 */

import { SEGMENTS } from "../../src/domain/case-bundle.ts";
import { CATEGORIES } from "../../src/domain/categories.ts";

const options = (names: readonly string[]) => ({ options: names.map((name) => ({ name })) });

/** Property names other than the title (whose name an existing database chooses itself). */
export const PROPS = {
  escalation: "Escalation",
  account: "Account",
  category: "Category",
  dimension: "Dimension",
  preventableBy: "Preventable by",
  segment: "Segment",
  arr: "ARR",
  lifecycleMonth: "Lifecycle month",
  productAreas: "Product areas",
  opened: "Opened",
  resolved: "Resolved",
  warRoom: "War-room",
  confirmedBy: "Confirmed by",
  summary: "Summary",
  rootCause: "Root cause",
  resolution: "Resolution",
  needsArticle: "Needs article",
} as const;

/**
 * Properties added after the first schema: warroom adds them to an existing data source itself (an additive
 * change, through a data source update) rather than asking people to; anything else missing is theirs to fix.
 */
export const ADDED_LATER: readonly string[] = [PROPS.needsArticle];

/** The title property of a database warroom creates. */
export const DEFAULT_TITLE = "Finding";

/** Each property's type. */
export const PROPERTY_TYPES: Readonly<Record<string, string>> = {
  [PROPS.escalation]: "rich_text",
  [PROPS.account]: "rich_text",
  [PROPS.category]: "select",
  [PROPS.dimension]: "select",
  [PROPS.preventableBy]: "select",
  [PROPS.segment]: "select",
  [PROPS.arr]: "number",
  [PROPS.lifecycleMonth]: "number",
  [PROPS.productAreas]: "multi_select",
  [PROPS.opened]: "date",
  [PROPS.resolved]: "date",
  [PROPS.warRoom]: "url",
  [PROPS.confirmedBy]: "rich_text",
  [PROPS.summary]: "rich_text",
  [PROPS.rootCause]: "rich_text",
  [PROPS.resolution]: "rich_text",
  [PROPS.needsArticle]: "checkbox",
};

/** The property configuration of a new knowledge-base database. */
export function newDatabaseProperties(): Record<string, Record<string, unknown>> {
  const configs: Record<string, Record<string, unknown>> = { [DEFAULT_TITLE]: { title: {} } };
  for (const [name, type] of Object.entries(PROPERTY_TYPES)) configs[name] = { [type]: {} };
  configs[PROPS.category] = { select: options(CATEGORIES) };
  configs[PROPS.dimension] = {
    select: options(["technical", "customer_journey", "process", "organizational"]),
  };
  configs[PROPS.preventableBy] = { select: options(["product", "process", "external"]) };
  configs[PROPS.segment] = { select: options(SEGMENTS) };
  configs[PROPS.arr] = { number: { format: "dollar" } };
  return configs;
}

/** An existing data source's schema, checked: the title's name, or the problems to fix. */
export function checkSchema(properties: Record<string, { type: string }>): {
  titleName: string;
  problems: string[];
  /** Missing properties warroom adds itself (ADDED_LATER). */
  toAdd: string[];
} {
  const titleName = Object.entries(properties).find(([, p]) => p.type === "title")?.[0] ?? DEFAULT_TITLE;
  const problems: string[] = [];
  const toAdd: string[] = [];
  for (const [name, type] of Object.entries(PROPERTY_TYPES)) {
    const actual = properties[name]?.type;
    if (actual === undefined && ADDED_LATER.includes(name)) toAdd.push(name);
    else if (actual === undefined) problems.push(`"${name}" (${type}) is missing`);
    else if (actual !== type) problems.push(`"${name}" is ${actual}, expected ${type}`);
  }
  return { titleName, problems, toAdd };
}
