/**
 * HTTP routes of `warroom serve`. Each route is thin: parse, call a use-case, render. `startHttp` is the
 * one wiring of a running warroom's server: `warroom serve`, the tests and the benchmarks all use it.
 */
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Hono } from "hono";
import type { Services } from "../../src/app.ts";
import { createHttpApp, type HttpServer, startHttpServer } from "../../src/http-server.ts";
import { createMetricsScraper } from "../../src/metrics/scrape-metrics.ts";
import type { SurfaceRoute } from "../../src/ports/chat-surface.ts";
import type { SubsystemStatus } from "../../src/subsystems.ts";
import { checkHealth, type HealthReport } from "../../src/use-cases/check-health.ts";
import { recordChanges } from "../../src/use-cases/record-changes.ts";
import { type ChangesRouteDeps, registerChanges } from "./changes.ts";
import { registerHealthz } from "./healthz.ts";
import { type MetricsRouteDeps, registerMetrics } from "./metrics.ts";
import { registerTickets, type TicketsRouteDeps } from "./tickets.ts";

/** What the HTTP routes need from the running service. */
export interface HttpDeps {
  health(): Promise<HealthReport>;
  /** The chat platforms' routes (POST /slack/events, POST /api/messages), each handed the raw request. */
  surfaces: SurfaceRoute[];
  /** The change feed (absent when CHANGES_TOKEN is unset). */
  changes?: ChangesRouteDeps;
  /** The ticket push API (absent when CHANGES_TOKEN is unset). */
  tickets?: TicketsRouteDeps;
  /** GET /metrics (absent when METRICS_TOKEN is unset). */
  metrics?: MetricsRouteDeps;
}

/** Registers every route on the app. */
export function registerHttpRoutes(app: Hono<{ Bindings: HttpBindings }>, deps: HttpDeps): void {
  registerHealthz(app, deps);
  if (deps.changes) registerChanges(app, deps.changes);
  if (deps.tickets) registerTickets(app, deps.tickets);
  if (deps.metrics) registerMetrics(app, deps.metrics);
  for (const route of deps.surfaces) {
    // The platform's SDK reads the raw body itself to verify the request; Hono must not touch it.
    app.on(route.method, route.path, (c) => {
      route.handle(c.env.incoming, c.env.outgoing);
      return RESPONSE_ALREADY_SENT;
    });
  }
}

/** Where the server listens. */
export interface HttpOptions {
  port: number;
  /** The address to bind (all interfaces when unset). */
  hostname?: string;
  /** What /healthz reports as on and off. */
  subsystems: SubsystemStatus[];
}

/** Serves a running warroom: /healthz, the change feed when configured, and every platform's route. */
export function startHttp(services: Services, options: HttpOptions): Promise<HttpServer> {
  const app = createHttpApp(services.logger);
  const token = services.config.changesToken;
  const metricsToken = services.config.metricsToken;
  registerHttpRoutes(app, {
    health: () => checkHealth(services.db, options.subsystems),
    surfaces: services.surfaces.flatMap((s) => (s.route ? [s.route] : [])),
    ...(token
      ? {
          changes: { token, record: (input: unknown) => recordChanges(services.db, input, "api") },
          tickets: { token, record: (input: unknown) => services.triage.recordPushed(input) },
        }
      : {}),
    ...(metricsToken ? { metrics: { token: metricsToken, scrape: createMetricsScraper(services.db) } } : {}),
  });
  return startHttpServer(app, options.port, options.hostname, services.requests);
}
