/**
 * HTTP routes of `warroom serve`. Each route is thin: parse, call a use-case, render.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Hono } from "hono";
import type { HealthReport } from "../../src/use-cases/check-health.ts";
import { type ChangesRouteDeps, registerChanges } from "./changes.ts";
import { registerHealthz } from "./healthz.ts";

/** What the HTTP routes need from the running service. */
export interface HttpDeps {
  health(): Promise<HealthReport>;
  /** Hands a raw Slack request to Bolt's receiver (absent when Slack is off or in Socket Mode). */
  slack?: (req: IncomingMessage, res: ServerResponse) => void;
  /** The change feed (absent when CHANGES_TOKEN is unset). */
  changes?: ChangesRouteDeps;
}

/** Registers every route on the app. */
export function registerHttpRoutes(app: Hono<{ Bindings: HttpBindings }>, deps: HttpDeps): void {
  registerHealthz(app, deps);
  if (deps.changes) registerChanges(app, deps.changes);
  const slack = deps.slack;
  if (slack) {
    // Bolt reads the raw body itself to verify the signature; Hono must not touch it.
    app.post("/slack/events", (c) => {
      slack(c.env.incoming, c.env.outgoing);
      return RESPONSE_ALREADY_SENT;
    });
  }
}
