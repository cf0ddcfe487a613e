/**
 * The conversation directory in the database (table conversation_addresses). Lookups are cached in
 * process: an address changes rarely, and a changed one is written through and re-read on the next miss.
 */
import type { ConversationDirectory } from "../ports/conversation-directory.ts";
import type { Sql } from "./database.ts";

/** A ConversationDirectory over `sql`. */
export function createConversationDirectory(sql: Sql): ConversationDirectory {
  const known = new Map<string, string>();
  const id = (platform: string, key: string) => `${platform}\u0000${key}`;
  return {
    async remember(platform, key, address) {
      if (known.get(id(platform, key)) === address) return;
      await sql.query(
        `INSERT INTO conversation_addresses (platform, key, address) VALUES ($1, $2, $3)
         ON CONFLICT (platform, key) DO UPDATE SET address = EXCLUDED.address, updated_at = now()
         WHERE conversation_addresses.address <> EXCLUDED.address`,
        [platform, key, address],
      );
      known.set(id(platform, key), address);
    },
    async lookup(platform, key) {
      const cached = known.get(id(platform, key));
      if (cached) return cached;
      const [row] = await sql.query<{ address: string }>(
        "SELECT address FROM conversation_addresses WHERE platform = $1 AND key = $2",
        [platform, key],
      );
      if (row) known.set(id(platform, key), row.address);
      return row?.address ?? null;
    },
  };
}
