/**
 * Salesforce's REST error shape: an HTTP status and a JSON array of `{ message, errorCode }` (plus `fields`
 * where Salesforce names them). Query errors quote the statement with a caret under the offending token, as
 * the real API does, and use its wording.
 */

/** A failure the fake answers with Salesforce's error array. */
export class SalesforceError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: string[] | undefined;

  constructor(status: number, errorCode: string, message: string, fields?: string[]) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
  }

  /** The response body. */
  body(): Record<string, unknown>[] {
    return [
      { message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) },
    ];
  }
}

/** Salesforce's standard messages for the codes the fake answers without a more specific one. */
export const STANDARD_MESSAGES: Readonly<Record<string, string>> = {
  INVALID_SESSION_ID: "Session expired or invalid",
  REQUEST_LIMIT_EXCEEDED: "TotalRequests Limit exceeded.",
  NOT_FOUND: "The requested resource does not exist",
  INVALID_QUERY_LOCATOR: "invalid query locator",
  SERVER_UNAVAILABLE: "Server temporarily unavailable",
  UNKNOWN_EXCEPTION: "An unexpected error occurred. Please include this ErrorId if you contact support",
};

/** An error with Salesforce's standard message for the code. */
export function standardError(status: number, errorCode: string): SalesforceError {
  return new SalesforceError(status, errorCode, STANDARD_MESSAGES[errorCode] ?? errorCode);
}

function findToken(soql: string, token: string): number {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return soql.search(new RegExp(`(?<![\\w.])${escaped}(?![\\w])`, "i"));
}

/** `text` prefixed, like Salesforce's query errors, with the statement and a caret under `token`. */
export function pointAt(soql: string, token: string, text: string): string {
  const at = soql.includes("\n") ? -1 : token === "<EOF>" ? soql.length : findToken(soql, token);
  if (at < 0) return text;
  return `\n${soql}\n${" ".repeat(at)}^\nERROR at Row:1:Column:${at + 1}\n${text}`;
}

/** 400 MALFORMED_QUERY. */
export function malformedQuery(soql: string, token: string, text: string): SalesforceError {
  return new SalesforceError(400, "MALFORMED_QUERY", pointAt(soql, token, text));
}

/** 400 INVALID_FIELD for a column the entity does not have. */
export function noSuchColumn(soql: string, column: string, entity: string): SalesforceError {
  const text =
    `No such column '${column}' on entity '${entity}'. If you are attempting to use a custom field, be sure ` +
    "to append the '__c' after the custom field name. Please reference your WSDL or the describe call for " +
    "the appropriate names.";
  return new SalesforceError(400, "INVALID_FIELD", pointAt(soql, column, text));
}

/** 400 INVALID_FIELD for a relationship a field path names but the entity does not have. */
export function unknownRelationship(soql: string, name: string): SalesforceError {
  const text =
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom ` +
    "relationship, be sure to append the '__r' after the custom relationship name. Please reference your " +
    "WSDL or the describe call for the appropriate names.";
  return new SalesforceError(400, "INVALID_FIELD", pointAt(soql, name, text));
}

/** 400 INVALID_TYPE for a child relationship in a subquery's FROM that the parent does not have. */
export function unknownChildRelationship(soql: string, name: string): SalesforceError {
  const text =
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a ` +
    "custom relationship, be sure to append the '__r' after the custom relationship name. Please reference " +
    "your WSDL or the describe call for the appropriate names.";
  return new SalesforceError(400, "INVALID_TYPE", pointAt(soql, name, text));
}

/** 400 INVALID_TYPE for an sObject the org does not have. */
export function unsupportedObject(soql: string, name: string): SalesforceError {
  const text =
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to ` +
    "append the '__c' after the entity name. Please reference your WSDL or the describe call for the " +
    "appropriate names.";
  return new SalesforceError(400, "INVALID_TYPE", pointAt(soql, name, text));
}

/** 501 for valid SOQL the fake does not evaluate, so a test fails loudly instead of getting a wrong answer. */
export function notImplemented(feature: string): SalesforceError {
  return new SalesforceError(
    501,
    "FAKE_NOT_IMPLEMENTED",
    `The fake Salesforce does not implement ${feature}.`,
  );
}
