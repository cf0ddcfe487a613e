/**
 * Creates or drops a PostgreSQL database: `.ci/run` makes a throwaway one per CI run.
 *   node scripts/pg-database.ts create|drop ADMIN_URL NAME
 */
import pg from "pg";

const [action, adminUrl, name] = process.argv.slice(2);
if (!action || !adminUrl || !name || !/^[a-z0-9_]+$/.test(name) || !["create", "drop"].includes(action)) {
  console.error(
    "usage: node scripts/pg-database.ts create|drop ADMIN_URL NAME (NAME: lowercase letters, digits, _)",
  );
  process.exit(2);
}
const client = new pg.Client({ connectionString: adminUrl });
try {
  await client.connect();
} catch (error) {
  console.error(`cannot reach PostgreSQL at ${adminUrl}: ${(error as Error).message}`);
  process.exit(1);
}
await client.query(
  action === "create" ? `CREATE DATABASE "${name}"` : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
);
await client.end();
console.error(`${action === "create" ? "created" : "dropped"} database ${name}`);
