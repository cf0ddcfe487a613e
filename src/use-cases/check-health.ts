/**
 * Health: is the database reachable, and which subsystems are on. Backs GET /healthz.
 */
import type { Database } from "../storage/database.ts";
import type { SubsystemStatus } from "../subsystems.ts";

/** The health report served by /healthz. */
export interface HealthReport {
  status: "ok" | "unavailable";
  database: { kind: Database["kind"]; reachable: boolean; error?: string };
  subsystems: Record<string, { on: boolean; detail: string }>;
}

/** Checks the database with a bounded wait and reports subsystems. */
export async function checkHealth(
  db: Database,
  subsystems: SubsystemStatus[],
  timeoutMs = 2_000,
): Promise<HealthReport> {
  let error: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  } finally {
    clearTimeout(timer);
  }
  return {
    status: error === undefined ? "ok" : "unavailable",
    database: { kind: db.kind, reachable: error === undefined, ...(error ? { error } : {}) },
    subsystems: Object.fromEntries(subsystems.map((s) => [s.name, { on: s.on, detail: s.detail }])),
  };
}
