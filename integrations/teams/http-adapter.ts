/**
 * The Teams SDK on warroom's own HTTP server, through the SDK's transport seam (`IHttpServerAdapter`):
 * the SDK registers its messaging route here instead of starting Express, and warroom's server hands
 * this adapter the raw requests of POST /api/messages. Before the SDK sees a request, the body is read
 * (bounded), parsed, its token checked (verify-inbound.ts) and its shape validated (inbound.ts); anything
 * that fails is answered 401 (a token), 400 (a shape) or 413 (a size) and changes nothing.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpMethod, HttpRouteHandler, IHttpServerAdapter } from "@microsoft/teams.apps";
import { findJsonValueProblem, formatLongPath } from "../../src/domain/check-json-value.ts";
import type { Logger } from "../../src/logger.ts";
import { validateActivity } from "./inbound.ts";
import { InboundAuthError, type InboundVerifier } from "./verify-inbound.ts";

/** Teams activities are small; anything this large is not one. */
const MAX_BODY_BYTES = 512 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Read on without keeping anything: answering mid-upload resets the connection, and the sender
    // would see no 413 at all.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
  return Buffer.concat(chunks).toString("utf8");
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(text);
}

function headersOf(req: IncomingMessage): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = value;
  return out;
}

/** The adapter the SDK registers on, and the raw-request handler warroom's server calls. */
export class TeamsHttpAdapter implements IHttpServerAdapter {
  #route: HttpRouteHandler | undefined;
  readonly #verify: InboundVerifier;
  readonly #logger: Logger;

  constructor(verify: InboundVerifier, logger: Logger) {
    this.#verify = verify;
    this.#logger = logger;
  }

  /** Called by the SDK at initialize for its messaging endpoint. */
  registerRoute(_method: HttpMethod, path: string, handler: HttpRouteHandler): void {
    if (path === "/api/messages") this.#route = handler;
  }

  /** Answers one POST /api/messages. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.#handle(req, res).catch((error: unknown) => {
      this.#logger.error({ err: error }, "teams request failed");
      if (!res.headersSent) answer(res, 500, { error: "internal" });
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SyntaxError();
      body = parsed as Record<string, unknown>;
    } catch (error) {
      if (error instanceof BodyTooLarge) return answer(res, 413, { error: "body too large" });
      return answer(res, 400, { error: "the body is not a JSON activity" });
    }
    try {
      await this.#verify(req.headers.authorization, body);
    } catch (error) {
      if (!(error instanceof InboundAuthError)) throw error;
      this.#logger.warn(
        { reason: error.message, activityType: String(body.type).slice(0, 40) },
        "teams request refused: its token does not verify",
      );
      return answer(res, 401, { error: "unauthorized" });
    }
    // Bounded nesting, and strings PostgreSQL can store, before any schema or handler recurses into it.
    const bad = findJsonValueProblem(body);
    const problem = bad ? `${formatLongPath(bad.path)} ${bad.problem}` : validateActivity(body);
    if (problem) {
      this.#logger.warn({ problem }, "teams activity refused: not the shape warroom expects");
      return answer(res, 400, { error: `invalid activity: ${problem}` });
    }
    if (!this.#route) return answer(res, 503, { error: "not ready" });
    const result = await this.#route({ body, headers: headersOf(req) });
    answer(res, result.status, result.body ?? {});
  }
}
