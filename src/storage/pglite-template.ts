/**
 * A pristine PGlite data directory, dumped once at install time (scripts/prepare-pglite-template.ts, run by
 * npm's postinstall), so the very first `warroom serve` loads it in about a second instead of running initdb
 * for several. Keyed by PGlite's version; when it is missing or unreadable the first start runs initdb.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../..");

/** Where the template for the installed PGlite version lives. */
export function pgliteTemplatePath(): string {
  // The package's exports hide package.json from require(); the installed file itself is plain JSON.
  const manifest = join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  return join(ROOT, "node_modules", ".cache", "warroom", `pglite-${version}.tar.gz`);
}

/** The template as a Blob for PGlite's loadDataDir, or undefined when there is none (never throws). */
export async function readPgliteTemplate(): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(pgliteTemplatePath())]);
  } catch {
    return undefined;
  }
}
