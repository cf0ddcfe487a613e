/**
 * Notion (@notionhq/client, API version 2025-09-03) as the knowledge base.
 */
export {
  createNotionAdapter,
  NOTION_VERSION,
  type NotionAdapter,
  type NotionAdapterConfig,
} from "./notion-knowledge-base.ts";
