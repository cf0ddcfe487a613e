/**
 * The errors the fake Notion answers with, worded like Notion's own. Handlers throw a NotionApiError; the
 * HTTP layer turns it into `{"object":"error","status":…,"code":…,"message":…,"request_id":…}`.
 */

/** A refusal in Notion's terms: HTTP status, Notion error code, message and any extra headers. */
export class NotionApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "NotionApiError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Notion cuts long JSON in its messages after this many characters and adds `...`. */
const SHOWN_JSON_CHARS = 55;

/** A value as Notion quotes it in a validation message (JSON, `undefined` when absent, cut when long). */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  const json = JSON.stringify(value) ?? String(value);
  return json.length > SHOWN_JSON_CHARS ? `${json.slice(0, SHOWN_JSON_CHARS)}...` : json;
}

/** A 400 validation_error with a free-form message. */
export function validationError(message: string): NotionApiError {
  return new NotionApiError(400, "validation_error", message);
}

/**
 * Notion's schema-validation wording: `body failed validation: body.x should be …, instead was `…`.` The
 * scope (`body`, `path`, `query`) is the first segment of the path.
 */
export function failedValidation(path: string, expectation: string, actual: unknown): NotionApiError {
  const scope = path.split(".")[0] ?? "body";
  return validationError(
    `${scope} failed validation: ${path} ${expectation}, instead was \`${describeValue(actual)}\`.`,
  );
}

/** `<path>.length should be ≤ `<limit>`, instead was `<length>`.` */
export function tooLong(path: string, limit: number, length: number): NotionApiError {
  return failedValidation(`${path}.length`, `should be ≤ \`${limit}\``, length);
}

/** Throws when an array is longer than Notion allows. */
export function checkLength(path: string, limit: number, length: number): void {
  if (length > limit) throw tooLong(path, limit, length);
}

/** What a missing or unshared object looks like: Notion cannot tell the two apart either. */
export function notFound(kind: string, id: string): NotionApiError {
  return new NotionApiError(
    404,
    "object_not_found",
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}

/** Editing anything in the trash (Notion's wording for archived blocks and pages). */
export function archivedError(): NotionApiError {
  return validationError("Can't edit block that is archived. You must unarchive the block before editing.");
}

/** Default messages for scripted failures, after the examples in Notion's status-code reference. */
export const DEFAULT_MESSAGES: Readonly<Record<string, string>> = {
  unauthorized: "API token is invalid.",
  restricted_resource: "API token does not have access to this resource.",
  object_not_found:
    "Could not find object. Make sure the relevant pages and databases are shared with your integration.",
  rate_limited: "You have been rate limited. Please try again in a few minutes.",
  conflict_error: "Conflict occurred while saving. Please try again.",
  internal_server_error: "Unexpected error occurred.",
  service_unavailable: "Notion is unavailable. Please try again later.",
  service_overload: "Notion is overloaded. Please try again later.",
  gateway_timeout: "Notion timed out while attempting to complete this request. Please try again later.",
  validation_error: "body failed validation.",
};

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value as a string, or Notion's refusal naming the path (`should be defined` when absent). */
export function expectString(value: unknown, path: string): string {
  if (typeof value === "string") return value;
  throw failedValidation(path, value === undefined ? "should be defined" : "should be a string", value);
}

/** The value as a boolean, or Notion's refusal naming the path. */
export function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value === "boolean") return value;
  throw failedValidation(path, value === undefined ? "should be defined" : "should be a boolean", value);
}

/** The value as an object, or Notion's refusal naming the path. */
export function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (isRecord(value)) return value;
  throw failedValidation(path, value === undefined ? "should be defined" : "should be an object", value);
}

/** The value as an array, or Notion's refusal naming the path. */
export function expectArray(value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw failedValidation(path, value === undefined ? "should be defined" : "should be an array", value);
}
