/**
 * A knowledge-base row read back from Notion as a case-bundle knowledge item, whether warroom wrote it or
 * a person added it by hand. Rows without a known category cannot feed the engine and are skipped.
 */
import type { PageObjectResponse } from "@notionhq/client";
import type { KnowledgeItem } from "../../src/domain/case-bundle.ts";
import { CATEGORIES, type Category } from "../../src/domain/categories.ts";
import type { CachedKnowledgeItem } from "../../src/storage/knowledge-item-store.ts";
import { PROPS } from "./kb-schema.ts";

type Property = PageObjectResponse["properties"][string];

function plain(p: Property | undefined): string {
  if (!p) return "";
  if (p.type === "title") return p.title.map((t) => t.plain_text).join("");
  if (p.type === "rich_text") return p.rich_text.map((t) => t.plain_text).join("");
  if (p.type === "select") return p.select?.name ?? "";
  if (p.type === "url") return p.url ?? "";
  if (p.type === "date") return p.date?.start ?? "";
  return "";
}

function names(p: Property | undefined): string[] {
  return p?.type === "multi_select" ? p.multi_select.map((o) => o.name) : [];
}

const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);

/** The cached form of a row, or null when it cannot be a finding (no title or no known category). */
export function readFindingPage(page: PageObjectResponse): CachedKnowledgeItem | null {
  const props = page.properties;
  const title = plain(Object.values(props).find((p) => p.type === "title"));
  const category = plain(props[PROPS.category]);
  if (!title.trim() || !isCategory(category)) return null;
  const escalationId = plain(props[PROPS.escalation]).trim() || null;
  const text = (name: string) => plain(props[name]).trim() || undefined;
  const item: KnowledgeItem = {
    // A finding warroom wrote keeps the id it had locally; one added by hand is named by its page.
    id: escalationId ? `F-${escalationId}` : `N-${page.id.replace(/-/g, "")}`,
    title,
    category,
    ...(text(PROPS.summary) ? { symptoms: text(PROPS.summary) } : {}),
    ...(text(PROPS.rootCause) ? { rootCause: text(PROPS.rootCause) } : {}),
    ...(text(PROPS.resolution) ? { resolution: text(PROPS.resolution) } : {}),
    tags: names(props[PROPS.productAreas]),
    validatedAt: (text(PROPS.resolved) ?? page.last_edited_time).slice(0, 10),
    url: page.url,
  };
  return { id: page.id, escalationId, item, editedAt: new Date(page.last_edited_time) };
}
