/**
 * Paths given on the command line, checked before any work: a missing folder or a file where a folder
 * belongs is bad input that names the option, not a raw ENOENT or EEXIST after the work is done.
 */
import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { InputError } from "../../src/errors.ts";

async function kindOf(path: string): Promise<"file" | "folder" | null> {
  const found = await stat(path).catch(() => null);
  return found === null ? null : found.isDirectory() ? "folder" : "file";
}

/** `file` (absolute) can be written: its folder exists and it is not itself a folder. */
export async function checkWritableFile(file: string, option: string): Promise<void> {
  if ((await kindOf(file)) === "folder")
    throw new InputError(`${option} ${file} is a folder: give a file name such as ${file}/chart.png`);
  const folder = dirname(file);
  const kind = await kindOf(folder);
  if (kind === null)
    throw new InputError(`${option} ${file}: the folder ${folder} does not exist; create it first`);
  if (kind === "file") throw new InputError(`${option} ${file}: ${folder} is a file, not a folder`);
}

/** `dir` (absolute) can hold files: it is a folder or can be created as one. */
export async function checkWritableFolder(dir: string, argument: string): Promise<void> {
  let path = dir;
  // The nearest existing ancestor decides: a folder can hold the new ones, a file cannot.
  while ((await kindOf(path)) === null && dirname(path) !== path) path = dirname(path);
  if ((await kindOf(path)) === "file")
    throw new InputError(
      `${argument} ${dir}${path === dir ? "" : `: ${path}`} is a file, not a folder; choose a folder (created when missing)`,
    );
}
