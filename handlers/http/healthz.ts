/**
 * GET /healthz: 200 when the database answers, 503 otherwise; the body lists subsystems on and off.
 */
import type { HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";
import type { HttpDeps } from "./index.ts";

/** Registers GET /healthz. */
export function registerHealthz(app: Hono<{ Bindings: HttpBindings }>, deps: HttpDeps): void {
  app.get("/healthz", async (c) => {
    const report = await deps.health();
    return c.json(report, report.status === "ok" ? 200 : 503);
  });
}
