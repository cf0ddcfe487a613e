/**
 * Dumps a freshly initialised PGlite data directory for src/storage/pglite-template.ts (npm postinstall).
 * Best effort: without it the first start runs initdb itself.
 */
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteTemplatePath } from "../src/storage/pglite-template.ts";

const path = pgliteTemplatePath();
if (!existsSync(path)) {
  const pglite = await PGlite.create();
  const dump = await pglite.dumpDataDir("gzip");
  await pglite.close();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, Buffer.from(await dump.arrayBuffer()));
  await rename(`${path}.tmp`, path);
  console.error(
    `prepared ${path} (${Math.round(dump.size / 1024)} KiB): the first warroom serve skips initdb`,
  );
}
