/**
 * A labelled export as CSV: a header with `text` and `category` columns (others ignored), quoted fields and
 * embedded commas or newlines allowed (csv-parse handles RFC 4180). Errors name the file, line and column.
 */
import { parse } from "csv-parse/sync";
import { InputError } from "../errors.ts";
import type { LabelledText } from "./train-topic-model.ts";

/** The labelled rows of a CSV text; `source` names it in errors. */
export function readLabelledCsv(csv: string, source: string): LabelledText[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new InputError(`${source} is not valid CSV: ${(error as Error).message}`, { cause: error });
  }
  const first = rows[0];
  if (!first)
    throw new InputError(`${source} has no rows; expected a header "text,category" and labelled rows`);
  for (const column of ["text", "category"]) {
    if (!(column in first)) {
      throw new InputError(
        `${source} has no "${column}" column (found: ${Object.keys(first).join(", ")}); expected a header "text,category"`,
      );
    }
  }
  return rows.map((row, i) => {
    if (!row.text || !row.category) {
      throw new InputError(`${source} row ${i + 2}: ${row.text ? "category" : "text"} is empty`);
    }
    return { text: row.text, label: row.category };
  });
}
