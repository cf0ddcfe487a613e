/**
 * Reads JSON from a file, or from standard input for `-`; an unreadable file or invalid JSON is bad input
 * with a message naming the file.
 */
import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";
import { InputError } from "../../src/errors.ts";
import type { CliIo } from "./io.ts";

/** The parsed JSON of `file` (`-` for standard input). */
export async function readJson(io: CliIo, file: string): Promise<unknown> {
  let raw: string;
  try {
    raw = file === "-" ? await text(io.stdin) : await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new InputError(
      `${file === "-" ? "standard input" : file} is not valid JSON: ${(error as Error).message}`,
    );
  }
}
