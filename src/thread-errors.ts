/**
 * Errors crossing between threads (the embedded database's and the evidence engine's workers): structured
 * clone keeps an Error's message but drops its own fields, such as a PostgreSQL error's `code`.
 */

/** An error's own fields, fit for structured clone. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

/** Flattens an error (PGlite's DatabaseError carries code, detail, constraint, …) for the other thread. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === "function" || typeof value === "object") continue;
    fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/** Rebuilds an error from the other thread with its fields; the stack says where it happened there. */
export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  Object.assign(error, serialized.fields);
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
