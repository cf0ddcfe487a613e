/**
 * HTTP routes of `warroom serve`. Each route is thin: parse, call a use-case, render.
 */
import type { Hono } from "hono";
import type { HealthReport } from "../../src/use-cases/check-health.ts";
import { registerHealthz } from "./healthz.ts";

/** What the HTTP routes need from the running service. */
export interface HttpDeps {
  health(): Promise<HealthReport>;
}

/** Registers every route on the app. */
export function registerHttpRoutes(app: Hono, deps: HttpDeps): void {
  registerHealthz(app, deps);
}
