/**
 * Finds the knowledge base's data source: the configured one, its schema checked; or the one warroom
 * created under the parent page, created once across replicas (the first under a lock, the rest read its
 * id from the database). A failed attempt is forgotten, so the next call tries again.
 */
import type { Client } from "@notionhq/client";
import { ConfigError } from "../../src/errors.ts";
import type { Logger } from "../../src/logger.ts";
import { getCursor, setCursor } from "../../src/storage/cursor-store.ts";
import type { Database } from "../../src/storage/database.ts";
import { checkSchema, DEFAULT_TITLE, newDatabaseProperties, PROPERTY_TYPES } from "./kb-schema.ts";
import { toNotionError } from "./notion-errors.ts";

/** The data source in use and its title property's name. */
export interface LocatedDataSource {
  id: string;
  titleName: string;
  created: boolean;
}

/** Where the knowledge base is, as configured. */
export interface DataSourceSetting {
  dataSourceId?: string;
  parentPageId?: string;
}

async function check(client: Client, id: string, created: boolean): Promise<LocatedDataSource> {
  const source = await client.dataSources
    .retrieve({ data_source_id: id })
    .catch((e: unknown) => Promise.reject(toNotionError(e, `reading data source ${id}`)));
  const { titleName, problems, toAdd } = checkSchema(source.properties);
  if (problems.length > 0)
    throw new ConfigError(
      `The Notion data source ${id} lacks what the knowledge base needs: ${problems.join("; ")}. Add these properties in Notion, or set NOTION_KB_PARENT_PAGE_ID (and unset NOTION_KB_DATA_SOURCE_ID) to have warroom create a database with the right schema.`,
    );
  if (toAdd.length > 0) await addProperties(client, id, toAdd);
  return { id, titleName, created };
}

/** Adds properties of a later schema to an existing data source; a refusal says what to add by hand. */
async function addProperties(client: Client, id: string, names: string[]): Promise<void> {
  const configs = newDatabaseProperties();
  await client.dataSources
    .update({
      data_source_id: id,
      properties: Object.fromEntries(names.map((name) => [name, configs[name]])) as never,
    })
    .catch((e: unknown) => {
      const cause = toNotionError(e, `adding ${names.join(", ")} to data source ${id}`);
      const wanted = names.map((n) => `"${n}" (${PROPERTY_TYPES[n]})`).join(", ");
      throw new ConfigError(
        `warroom could not add ${wanted} to the Notion data source ${id} (${cause.message}). Add it in Notion, or give the integration permission to edit the database's schema.`,
        { cause },
      );
    });
}

async function createUnder(
  client: Client,
  db: Database,
  parentPageId: string,
  logger: Logger,
): Promise<LocatedDataSource> {
  const cursor = `notion:kb-data-source:${parentPageId}`;
  return db.withLock(cursor, async () => {
    const known = await getCursor(db, cursor);
    if (known) return check(client, known, false);
    const database = await client.databases
      .create({
        parent: { type: "page_id", page_id: parentPageId },
        title: [{ type: "text", text: { content: "Escalation findings" } }],
        initial_data_source: { properties: newDatabaseProperties() as never },
      })
      .catch((e: unknown) =>
        Promise.reject(toNotionError(e, `creating the database under page ${parentPageId}`)),
      );
    const id = "data_sources" in database ? database.data_sources[0]?.id : undefined;
    if (!id) throw new ConfigError(`Notion created database ${database.id} without a data source`);
    await setCursor(db, cursor, id);
    logger.info(
      { dataSourceId: id },
      `created the knowledge base in Notion; NOTION_KB_DATA_SOURCE_ID=${id} pins it`,
    );
    return { id, titleName: DEFAULT_TITLE, created: true };
  });
}

/** A function that locates the data source once and remembers it (until an attempt fails). */
export function createDataSourceLocator(
  client: Client,
  db: Database,
  setting: DataSourceSetting,
  logger: Logger,
): () => Promise<LocatedDataSource> {
  let located: Promise<LocatedDataSource> | null = null;
  return () => {
    located ??= (
      setting.dataSourceId
        ? check(client, setting.dataSourceId, false)
        : createUnder(client, db, setting.parentPageId ?? "", logger)
    ).catch((error: unknown) => {
      located = null; // the next call tries again (Notion back, schema fixed)
      throw error;
    });
    return located;
  };
}
