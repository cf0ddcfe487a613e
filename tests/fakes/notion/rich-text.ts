/**
 * Rich text as Notion takes it (`{ text: { content, link }, annotations }`) and gives it back (with
 * `plain_text`, `href` and every annotation filled in), with Notion's size limits: 2000 characters of
 * content, 2000 for a link, 1000 for an equation, 100 items in any array.
 */
import { checkLength, expectObject, expectString, failedValidation } from "./notion-errors.ts";

/** Notion's limits on request bodies. */
export const LIMITS = {
  textContent: 2000,
  url: 2000,
  equation: 1000,
  richTextItems: 100,
} as const;

/** Text and background colours (`ApiColor`). */
export const COLORS: readonly string[] = [
  "default",
  ...["gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red"].flatMap((c) => [
    c,
    `${c}_background`,
  ]),
  "default_background",
];

/** Bold, italic and friends, all present in a response. */
export interface Annotations {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  color: string;
}

/** One rich-text item in Notion's response shape. */
export interface RichTextItem {
  type: "text" | "equation";
  text?: { content: string; link: { url: string } | null };
  equation?: { expression: string };
  annotations: Annotations;
  plain_text: string;
  href: string | null;
}

const FLAGS = ["bold", "italic", "strikethrough", "underline", "code"] as const;

/** A colour, or Notion's refusal naming the path. */
export function parseColor(value: unknown, path: string, fallback = "default"): string {
  if (value === undefined) return fallback;
  if (typeof value === "string" && COLORS.includes(value)) return value;
  throw failedValidation(path, `should be one of ${COLORS.map((c) => `"${c}"`).join(", ")}`, value);
}

function parseAnnotations(value: unknown, path: string): Annotations {
  const out: Annotations = {
    bold: false,
    italic: false,
    strikethrough: false,
    underline: false,
    code: false,
    color: "default",
  };
  if (value === undefined) return out;
  const given = expectObject(value, path);
  for (const flag of FLAGS) {
    const set = given[flag];
    if (set === undefined) continue;
    if (typeof set !== "boolean") throw failedValidation(`${path}.${flag}`, "should be a boolean", set);
    out[flag] = set;
  }
  out.color = parseColor(given.color, `${path}.color`);
  return out;
}

function parseLink(value: unknown, path: string): { url: string } | null {
  if (value === undefined || value === null) return null;
  const link = expectObject(value, path);
  const url = expectString(link.url, `${path}.url`);
  checkLength(`${path}.url`, LIMITS.url, url.length);
  return { url };
}

function parseItem(value: unknown, path: string): RichTextItem {
  const item = expectObject(value, path);
  const type = item.type ?? ("equation" in item ? "equation" : "text");
  const annotations = parseAnnotations(item.annotations, `${path}.annotations`);
  if (type === "equation") {
    const equation = expectObject(item.equation, `${path}.equation`);
    const expression = expectString(equation.expression, `${path}.equation.expression`);
    checkLength(`${path}.equation.expression`, LIMITS.equation, expression.length);
    return { type: "equation", equation: { expression }, annotations, plain_text: expression, href: null };
  }
  if (type !== "text") {
    // Mentions need users, pages and dates the fake does not model; say so rather than store nonsense.
    throw failedValidation(`${path}.type`, 'should be "text" or "equation" (the fake has no mentions)', type);
  }
  const text = expectObject(item.text, `${path}.text`);
  const content = expectString(text.content, `${path}.text.content`);
  checkLength(`${path}.text.content`, LIMITS.textContent, content.length);
  const link = parseLink(text.link, `${path}.text.link`);
  return { type: "text", text: { content, link }, annotations, plain_text: content, href: link?.url ?? null };
}

/** A rich-text array from a request, in response shape; throws Notion's validation_error. */
export function parseRichText(value: unknown, path: string): RichTextItem[] {
  if (!Array.isArray(value)) {
    throw failedValidation(path, value === undefined ? "should be defined" : "should be an array", value);
  }
  checkLength(path, LIMITS.richTextItems, value.length);
  return value.map((item, index) => parseItem(item, `${path}[${index}]`));
}

/** The text a person reads. */
export function plainText(items: readonly RichTextItem[]): string {
  return items.map((item) => item.plain_text).join("");
}

/** Rich text made from a plain string (for seeded titles). */
export function textItems(content: string): RichTextItem[] {
  return parseRichText(content === "" ? [] : [{ text: { content } }], "seed");
}
