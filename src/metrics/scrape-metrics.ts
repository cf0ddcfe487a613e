/**
 * GET /metrics's body: this process's counters and histograms (metrics.ts) followed by gauges of shared
 * state read from the database at the moment of the scrape, so every replica reports the same truth
 * instead of what it happened to see.
 */
import { Gauge, Registry } from "prom-client";
import type { Database } from "../storage/database.ts";
import { countJobsByState, countOpenWarRooms } from "../storage/read-shared-gauges.ts";
import { registry } from "./metrics.ts";

/** A scrape: the Prometheus text and its content type. */
export interface MetricsScrape {
  contentType: string;
  body: string;
}

/** Renders the metrics of this process plus the shared gauges of `db`. */
export function createMetricsScraper(db: Database): () => Promise<MetricsScrape> {
  const shared = new Registry();
  new Gauge({
    name: "warroom_jobs",
    help: "Jobs in the shared queue by job and state (read from the database at scrape time).",
    labelNames: ["job", "state"] as const,
    registers: [shared],
    async collect() {
      this.reset();
      for (const row of await countJobsByState(db)) this.set({ job: row.name, state: row.state }, row.n);
    },
  });
  new Gauge({
    name: "warroom_open_war_rooms",
    help: "War-rooms whose escalation is open, by platform (read from the database at scrape time).",
    labelNames: ["platform"] as const,
    registers: [shared],
    async collect() {
      this.reset();
      for (const row of await countOpenWarRooms(db)) this.set({ platform: row.platform }, row.n);
    },
  });
  return async () => ({
    contentType: registry.contentType,
    body: `${await registry.metrics()}\n${await shared.metrics()}`,
  });
}
