/**
 * Node's compile cache for warroom: Node keeps the compiled code of every module on disk, the TypeScript with
 * its types stripped included, so a start whose files are all cached skips parsing and compiling and never
 * loads Node's TypeScript stripper (its WebAssembly and source stay resident once loaded: about 16 MB of a
 * server's idle memory). The cache lives with the install, in node_modules/.cache/warroom/compile-cache:
 * `npm ci` fills it (scripts/warm-compile-cache.ts), so even the first start after an install, in a
 * container image say, finds it warm. Node keeps a folder per user in it: run `npm ci` as the user that runs
 * warroom. Where the install cannot be written to, Node's default folder in the temporary directory is used.
 * NODE_COMPILE_CACHE picks another folder, NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import nodeModule from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The default folder: inside the install, beside the PGlite template. */
export const COMPILE_CACHE_DIR = join(
  fileURLToPath(new URL("../..", import.meta.url)),
  "node_modules",
  ".cache",
  "warroom",
  "compile-cache",
);

/**
 * Turns the cache on (call it before the first TypeScript file loads) and names its folder in
 * NODE_COMPILE_CACHE, where worker threads (the embedded database's, the evidence engine's) find it.
 * Returns the folder, or undefined when the cache is off.
 */
export function enableCompileCache() {
  // With NODE_COMPILE_CACHE set Node has turned the cache on at start; this then only reports the folder.
  // Empty counts as unset, as it does for Node.
  const chosen = process.env.NODE_COMPILE_CACHE || undefined;
  let result = nodeModule.enableCompileCache(chosen ?? COMPILE_CACHE_DIR);
  // An install this user cannot write to (npm ci run by another user, a read-only image): Node's default
  // folder in the temporary directory, filled by the first start.
  if (result.status === nodeModule.constants.compileCacheStatus.FAILED && chosen === undefined)
    result = nodeModule.enableCompileCache();
  if (result.directory) process.env.NODE_COMPILE_CACHE ||= result.directory;
  return result.directory;
}
