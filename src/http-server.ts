/**
 * The HTTP server of `warroom serve` (Hono on Node's http). Unknown errors become a coded 500 in one place.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type HttpBindings, type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { ConfigError, InputError, toWarroomError } from "./errors.ts";
import type { OpenRequests } from "./jobs/open-requests.ts";
import type { Logger } from "./logger.ts";

/** A started server and how to stop it. */
export interface HttpServer {
  /** The port actually bound (differs from the requested one when that was 0). */
  port: number;
  /**
   * Stops accepting connections and waits for open requests to finish, at most `graceMs` (unbounded when
   * unset); requests still open then are cut off.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** What went wrong binding, naming the variable that fixes it. */
function describeListenError(error: NodeJS.ErrnoException, port: number, hostname?: string): Error {
  const where = `${hostname ?? "every interface"}, port ${port}`;
  if (error.code === "EADDRINUSE")
    return new ConfigError(
      `PORT ${port} is taken on ${where}: stop what uses it or set PORT to another port`,
      {
        cause: error,
      },
    );
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND" || error.code === "EAI_AGAIN")
    return new ConfigError(
      `HOST ${hostname} is not an address of this machine (${error.code}): set HOST to one (127.0.0.1) or unset it`,
      { cause: error },
    );
  if (error.code === "EACCES")
    return new ConfigError(`PORT ${port} needs privileges to bind: set PORT to 1024 or above`, {
      cause: error,
    });
  return error;
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

/**
 * Listens on `port` (0 picks a free one) at `hostname` (every interface when absent). Each request counts
 * in `requests` until its answer is sent or its connection closes.
 */
export async function startHttpServer(
  app: Hono<{ Bindings: HttpBindings }>,
  port: number,
  hostname?: string,
  requests?: OpenRequests,
): Promise<HttpServer> {
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, ...(hostname ? { hostname } : {}) }, () => resolve(s));
    s.once("error", (error: NodeJS.ErrnoException) => reject(describeListenError(error, port, hostname)));
  });
  if (requests)
    server.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => {
      const end = requests.begin();
      res.once("finish", end);
      res.once("close", end);
    });
  return {
    port: (server.address() as AddressInfo).port,
    close: (options = {}) =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would hold close() open until they time out.
        if ("closeIdleConnections" in server) server.closeIdleConnections();
        if (options.graceMs === undefined || !("closeAllConnections" in server)) return;
        // A request still waiting on a slow client call past the grace period is cut off.
        setTimeout(() => server.closeAllConnections(), options.graceMs).unref();
      }),
  };
}
