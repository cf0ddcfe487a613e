/**
 * GET /metrics: Prometheus text for operators, behind bearer METRICS_TOKEN. Without METRICS_TOKEN the route
 * does not exist (404), so nothing about the service leaks by default.
 */
import type { HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import type { MetricsScrape } from "../../src/metrics/scrape-metrics.ts";

/** What the route needs. */
export interface MetricsRouteDeps {
  token: string;
  scrape(): Promise<MetricsScrape>;
}

/** Registers GET /metrics. */
export function registerMetrics(app: Hono<{ Bindings: HttpBindings }>, deps: MetricsRouteDeps): void {
  app.get(
    "/metrics",
    bearerAuth({
      token: deps.token,
      noAuthenticationHeader: {
        message: { error: "unauthorized", message: "send Authorization: Bearer <METRICS_TOKEN>" },
      },
      invalidToken: { message: { error: "unauthorized", message: "the bearer token is not METRICS_TOKEN" } },
      invalidAuthenticationHeader: {
        message: { error: "unauthorized", message: "use Authorization: Bearer <METRICS_TOKEN>" },
      },
    }),
    async (c) => {
      const scrape = await deps.scrape();
      return c.body(scrape.body, 200, { "Content-Type": scrape.contentType });
    },
  );
}
