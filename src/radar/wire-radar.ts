/**
 * The radar's part of the composition root: its deps (alerts go to the primary platform's triage channel,
 * tickets are triaged as the triage service would), its jobs, the hourly scan, and the scan after tickets
 * are recorded, when there is a channel to alert.
 */
import type { Config } from "../config.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { Scheduler } from "../jobs/scheduler.ts";
import type { TriageService } from "../use-cases/triage-service.ts";
import type { WarRoomDeps } from "../war-room/deps.ts";
import type { RadarDeps } from "./radar-deps.ts";
import { defineRadarJobs, radarScanSchedule } from "./radar-jobs.ts";
import { radarTriageFrom } from "./radar-triage.ts";
import { scanAfterTriage } from "./scan-after-triage.ts";

/** Builds the radar's deps, registers its jobs and schedule; returns the triage service that asks for scans. */
export function wireRadar(
  config: Config,
  primary: WarRoomDeps,
  services: { queue: JobQueue; scheduler: Scheduler; triage: TriageService },
): { radar: RadarDeps; triage: TriageService } {
  const { queue, scheduler, triage } = services;
  const radar: RadarDeps = {
    db: primary.db,
    crm: primary.crm,
    triage: radarTriageFrom((accountId) => triage.contextFor(accountId)),
    clock: primary.clock,
    logger: primary.logger.child({ component: "radar" }),
    queue,
    chat: primary.chat,
    triageChannel: config.triageChannel,
    threshold: config.riskAlertThreshold,
  };
  defineRadarJobs(queue, radar);
  if (!config.triageChannel) return { radar, triage };
  scheduler.add(radarScanSchedule);
  return { radar, triage: scanAfterTriage(triage, { db: primary.db, queue }) };
}
