/**
 * Turns a zod issue into a sentence a person can act on: where (a JSON path like `tickets[3].createdAt`)
 * and what was expected.
 */
import type { z } from "zod";

/** Formats a path as `a.b[3].c`; the root is `$`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "$";
  return path
    .map((part, i) => {
      if (typeof part === "number") return `[${part}]`;
      const key = String(part);
      return /^[A-Za-z_$][\w$]*$/.test(key) ? (i === 0 ? key : `.${key}`) : `[${JSON.stringify(key)}]`;
    })
    .join("");
}

/** One line: `path: what is wrong (expected …)`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  return `${formatPath(issue.path)}: ${describeProblem(issue)}`;
}

/** What is wrong, without where: `expected number, got "12"`. */
export function describeProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input !== undefined) return `expected ${issue.expected}${got(issue.input)}`;
      // Without reportInput zod leaves `input` out; its message still says what it received.
      return /received undefined/.test(issue.message)
        ? `required ${issue.expected} is missing`
        : issue.message.replace(/^Invalid input: /, "");
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}${got(issue.input)}`;
    case "unrecognized_keys":
      return `unexpected field(s) ${issue.keys.join(", ")}`;
    default:
      return issue.message;
  }
}

/**
 * Parses with zod, asking it to keep the offending input in each issue so messages can say what was
 * found. Returns zod's own result.
 */
export function parseReporting<S extends z.ZodType>(
  schema: S,
  data: unknown,
): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(data, { reportInput: true });
}

/** The first issue of a zod error, described. */
export function describeFirstIssue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? describeIssue(first) : "invalid input";
}

function got(value: unknown): string {
  return value === undefined ? "" : `, got ${describeValue(value)}`;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return value.length > 40 ? `a string "${value.slice(0, 37)}..."` : `"${value}"`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
