/**
 * The radar's part of the composition root: its deps (alerts go to the primary platform's triage channel),
 * its jobs, and the hourly scan when there is a channel to alert.
 */
import type { Config } from "../config.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { Scheduler } from "../jobs/scheduler.ts";
import type { WarRoomDeps } from "../war-room/deps.ts";
import { defaultTriage } from "./default-triage.ts";
import type { RadarDeps } from "./radar-deps.ts";
import { defineRadarJobs, radarScanSchedule } from "./radar-jobs.ts";
import type { TriageFn } from "./radar-types.ts";

/** Builds the radar's deps and registers its jobs and schedule. */
export function wireRadar(
  config: Config,
  primary: WarRoomDeps,
  queue: JobQueue,
  scheduler: Scheduler,
  triage: TriageFn = defaultTriage().triage,
): RadarDeps {
  const radar: RadarDeps = {
    db: primary.db,
    crm: primary.crm,
    triage,
    clock: primary.clock,
    logger: primary.logger.child({ component: "radar" }),
    queue,
    chat: primary.chat,
    triageChannel: config.triageChannel,
    threshold: config.riskAlertThreshold,
  };
  defineRadarJobs(queue, radar);
  if (config.triageChannel) scheduler.add(radarScanSchedule);
  return radar;
}
