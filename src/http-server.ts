/**
 * The HTTP server of `warroom serve` (Hono on Node's http). Unknown errors become a coded 500 in one place.
 */
import type { AddressInfo } from "node:net";
import { type HttpBindings, type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { InputError, toWarroomError } from "./errors.ts";
import type { Logger } from "./logger.ts";

/** A started server and how to stop it. */
export interface HttpServer {
  /** The port actually bound (differs from the requested one when that was 0). */
  port: number;
  /** Stops accepting connections and waits for open requests to finish. */
  close(): Promise<void>;
}

/** Creates the app with the global error handler; routes are registered by the caller. */
export function createHttpApp(logger: Logger): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.onError((error, c) => {
    // Hono's own answers (401 from bearer auth, 413 from the body limit) pass through as they are.
    if (error instanceof HTTPException) return error.getResponse();
    const coded = toWarroomError(error);
    if (error instanceof InputError) return c.json({ error: coded.code, message: coded.message }, 400);
    logger.error({ err: error, code: coded.code, path: c.req.path }, "request failed");
    return c.json({ error: coded.code, message: coded.message }, 500);
  });
  app.notFound((c) =>
    c.json({ error: "not_found", message: `no route for ${c.req.method} ${c.req.path}` }, 404),
  );
  return app;
}

/** Listens on `port` (0 picks a free one). */
export async function startHttpServer(
  app: Hono<{ Bindings: HttpBindings }>,
  port: number,
  hostname = "0.0.0.0",
): Promise<HttpServer> {
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname }, () => resolve(s));
    s.once("error", reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would hold close() open until they time out.
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      }),
  };
}
