/**
 * Reads one request to /slack/events at the edge: buffers the body (bounded), checks the signature, then
 * parses and validates it the way Bolt will read it. Anything Bolt or a listener could trip over is
 * answered here with a 4xx and one line saying why; what passes is handed to Bolt already buffered.
 */
import type { IncomingMessage } from "node:http";
import { type ParsedUrlQuery, parse as parseQuery } from "node:querystring";
import type { z } from "zod";
import { findJsonValueProblem, formatLongPath } from "../../src/domain/check-json-value.ts";
import { describeIssue } from "../../src/domain/describe-issue.ts";
import { eventsBodySchema, interactivePayloadSchema, slashCommandSchema } from "./payload-schemas.ts";
import { checkSlackSignature } from "./verify-request.ts";

/** Bolt's own limit on a request body. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** What the edge decided. */
export type EdgeVerdict =
  | { ok: true; rawBody: Buffer }
  | { ok: false; status: 400 | 401 | 413; problem: string };

/** The body, or undefined when it is over the limit (read to its end all the same). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining so the client sees our 413 rather than a reset connection, but keep nothing.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once("end", () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks, size) : undefined));
    req.once("error", reject);
    req.once("close", () => {
      if (!req.complete) reject(new Error("the client closed the connection before the body ended"));
    });
  });
}

function check(schema: z.ZodType, value: unknown, what: string): string | undefined {
  const bad = findJsonValueProblem(value);
  if (bad) return `${what} (${formatLongPath(bad.path)}) ${bad.problem}`;
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : `${what}: ${describeIssue(parsed.error.issues[0]!)}`;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** Why the body is not something warroom handles, or undefined when it is. */
function checkBody(text: string, form: ParsedUrlQuery | undefined): string | undefined {
  if (form) {
    if ("payload" in form) {
      if (typeof form.payload !== "string") return "payload: expected one JSON field";
      const payload = parseJson(form.payload);
      if (!payload) return "payload: not JSON";
      return check(interactivePayloadSchema, payload.value, "interactivity payload");
    }
    if ("command" in form) return check(slashCommandSchema, form, "slash command");
    return "a form that is neither a slash command nor an interactivity payload";
  }
  const body = parseJson(text);
  if (!body) return "the body is not JSON (Events API) nor a form (commands, interactivity)";
  return check(eventsBodySchema, body.value, "event callback");
}

/** Reads, verifies and validates a request; the body is consumed from `req`. */
export async function readSlackRequest(req: IncomingMessage, signingSecret: string): Promise<EdgeVerdict> {
  const rawBody = await readBody(req);
  if (!rawBody) return { ok: false, status: 413, problem: `body over ${MAX_BODY_BYTES} bytes` };
  const text = rawBody.toString("utf8");
  const form =
    req.headers["content-type"] === "application/x-www-form-urlencoded" ? parseQuery(text) : undefined;
  // Slack's SSL check is unsigned by design; Bolt answers it and drops anything else in the form.
  if (form?.ssl_check === "1") return { ok: true, rawBody };
  const signatureProblem = checkSlackSignature(req.headers, text, signingSecret);
  if (signatureProblem) return { ok: false, status: 401, problem: signatureProblem };
  const problem = checkBody(text, form);
  return problem ? { ok: false, status: 400, problem } : { ok: true, rawBody };
}
