/**
 * The composition root: builds every service from a validated Config, in one place, explicitly: the
 * database, the CRM, the knowledge base, the LLM, the queue and schedules, and each configured chat
 * platform with its entry points registered (as a ChatSurface: no platform's SDK types reach src/). `warroom
 * serve`, the other commands and the tests all start warroom through `openServices`. Vendor SDKs are
 * loaded only when their system is configured.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { stdout } from "node:process";
import {
  createLocalKnowledgeBaseAdapter,
  createTerminalChatAdapter,
  openLocalCrm,
} from "../integrations/local/index.ts";
import { digestSchedules, openSurfaces, type SharedWarRoomDeps, wirePlatforms } from "./app-platforms.ts";
import type { Config } from "./config.ts";
import { defineDigestJobs } from "./digest/digest-jobs.ts";
import type { DigestDeps } from "./digest/post-digest.ts";
import type { KnowledgeItem } from "./domain/case-bundle.ts";
import { createEvidenceWorker, type EvidenceWorker } from "./engine/run-evidence.ts";
import { ConfigError } from "./errors.ts";
import { housekeepingJob, housekeepingSchedule } from "./jobs/housekeeping.ts";
import { JobQueue } from "./jobs/job-queue.ts";
import { OpenRequests } from "./jobs/open-requests.ts";
import { Scheduler } from "./jobs/scheduler.ts";
import type { Logger } from "./logger.ts";
import { openLlm } from "./open-llm.ts";
import type { ChatPlatform } from "./ports/chat-platform.ts";
import type { ChatSurface } from "./ports/chat-surface.ts";
import type { Clock } from "./ports/clock.ts";
import type { CrmSource } from "./ports/crm-source.ts";
import type { KnowledgeBase } from "./ports/knowledge-base.ts";
import type { RadarDeps } from "./radar/radar-deps.ts";
import { wireRadar } from "./radar/wire-radar.ts";
import type { Database } from "./storage/database.ts";
import { openDatabase } from "./storage/open-database.ts";
import { clearEscalationHistory, importEscalationHistory } from "./use-cases/import-escalation-history.ts";
import { defineTriageJobs } from "./use-cases/triage-jobs.ts";
import { createTriageService, type TriageService } from "./use-cases/triage-service.ts";
import type { WarRoomDeps } from "./war-room/deps.ts";
import type { WarRoomPlatforms } from "./war-room/platforms.ts";
import { loadRoutingRules, NO_RULES } from "./war-room/routing-rules.ts";
import { defineCapabilityJobs, defineWarRoomJobs, resyncFindingsSchedule } from "./war-room/war-room-jobs.ts";

/** Everything a running warroom holds. */
export interface Services {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Database;
  queue: JobQueue;
  /** The HTTP requests being answered; jobs start once they are (src/jobs/open-requests.ts). */
  requests: OpenRequests;
  scheduler: Scheduler;
  crm: CrmSource;
  /** The primary platform's war-room deps (WAR_ROOM_PLATFORM, the only platform, or the terminal). */
  warRoom: WarRoomDeps;
  /** Every configured platform's war-room deps; an escalation's jobs run with its own platform's. */
  platforms: WarRoomPlatforms;
  /** The configured platforms' inbound sides (none on the terminal): routes, entry points, lifecycle. */
  surfaces: ChatSurface[];
  /** Building and posting weekly digests on the primary platform. */
  digest: DigestDeps;
  /** Digest deps per platform kind. */
  digests: ReadonlyMap<string, DigestDeps>;
  /** The evidence engine's worker thread (started on the first analysis). */
  evidence: EvidenceWorker;
  /** Ticket triage: recording tickets with their triage, the learned topics. */
  triage: TriageService;
  /** The escalation-risk radar (alerts to the primary platform's triage channel). */
  radar: RadarDeps;
}

/** What the entry point provides. */
export interface ServiceDeps {
  logger: Logger;
  clock: Clock;
  /** Idle workers' polling interval (tests shorten it). */
  pollingIntervalSeconds?: number;
  /** The only chat platform, instead of the configured ones (the terminal for `warroom escalate`, a test's fake). */
  chat?: ChatPlatform;
  /** Wraps the CRM (benchmarks add latency to it). */
  decorateCrm?: (crm: CrmSource) => CrmSource;
}

/** The CRM the configuration names, and the validated findings that came with it (a local dataset's). */
export interface OpenedCrm {
  crm: CrmSource;
  seedKnowledge: KnowledgeItem[];
}

const CRM_DATA_DIR_HINT =
  "point it at a dataset folder (format: integrations/local/sample-data/README.md), or unset it for the bundled sample";

/** A local dataset folder must exist: a typo would otherwise run on an empty CRM without a word. */
async function checkCrmDataDir(dir: string): Promise<void> {
  const found = await stat(dir).catch(() => null);
  if (!found) throw new ConfigError(`CRM_DATA_DIR ${dir} does not exist: ${CRM_DATA_DIR_HINT}`);
  if (!found.isDirectory()) throw new ConfigError(`CRM_DATA_DIR ${dir} is a file: ${CRM_DATA_DIR_HINT}`);
}

/** Opens the CRM the configuration names (Salesforce's SDK loaded only when configured). */
export async function openCrm(config: Config, clock: Clock, logger: Logger): Promise<OpenedCrm> {
  const c = config.crm;
  if (c.kind === "local") {
    if (c.dataDir) await checkCrmDataDir(c.dataDir);
    const local = await openLocalCrm(c.dataDir, clock.now());
    if (c.dataDir && local.dataset.accounts.length === 0)
      throw new ConfigError(
        `CRM_DATA_DIR ${c.dataDir} holds no accounts (accounts.json is missing or empty): ${CRM_DATA_DIR_HINT}`,
      );
    return { crm: local, seedKnowledge: local.dataset.knowledge };
  }
  const { createSalesforceAdapter, loadPrivateKey } = await import("../integrations/salesforce/index.ts");
  // A bad key stops the start, rather than failing every war-room later; loaded once, here.
  const auth =
    c.instanceUrl && c.accessToken
      ? { kind: "token" as const, instanceUrl: c.instanceUrl, accessToken: c.accessToken }
      : {
          kind: "jwt" as const,
          loginUrl: c.loginUrl ?? "https://login.salesforce.com",
          clientId: c.clientId ?? "",
          username: c.username ?? "",
          privateKey: await loadPrivateKey(c.privateKey ?? ""),
        };
  const crm = createSalesforceAdapter({ auth, apiVersion: c.apiVersion, fieldMap: c.fieldMap, logger });
  return { crm, seedKnowledge: [] };
}

/**
 * Opens the knowledge base: Notion when configured (its data source found or created and its schema
 * checked; a wrong schema stops the start, an unreachable Notion does not), else the local one.
 */
export async function openKnowledgeBase(
  config: Config,
  db: Database,
  seed: KnowledgeItem[],
  deps: { logger: Logger; clock: Clock },
): Promise<KnowledgeBase> {
  const { logger } = deps;
  const kb = config.knowledgeBase;
  if (kb.kind === "local")
    return createLocalKnowledgeBaseAdapter({ findings: seed, db, dir: join(config.dataDir, "knowledge") });
  const { createNotionAdapter } = await import("../integrations/notion/index.ts");
  const notion = createNotionAdapter({
    token: kb.token,
    dataSourceId: kb.dataSourceId,
    parentPageId: kb.parentPageId,
    apiUrl: kb.apiUrl,
    db,
    logger,
    clock: deps.clock,
  });
  try {
    await notion.verify();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    logger.warn({ err: error }, "Notion is not reachable now; findings wait in the outbox until it is");
  }
  return notion;
}

/** Opens the database (migrated), the CRM, the platforms, the queue and the scheduler; nothing runs until `startServices`. */
export async function openServices(config: Config, deps: ServiceDeps): Promise<Services> {
  const routing = config.routingRulesFile ? await loadRoutingRules(config.routingRulesFile) : NO_RULES;
  // The embedded database's first start (initdb) takes seconds: load the dataset meanwhile.
  const [crmResult, dbResult] = await Promise.allSettled([
    openCrm(config, deps.clock, deps.logger),
    openDatabase(config.database, deps.logger),
  ]);
  if (dbResult.status === "rejected") throw dbResult.reason;
  const db = dbResult.value;
  if (crmResult.status === "rejected") {
    await db.close();
    throw crmResult.reason;
  }
  const { crm, seedKnowledge } = crmResult.value;
  let surfaces: ChatSurface[] = [];
  try {
    // A local dataset's past escalations are the history the digest counts; with another CRM, they go.
    if (config.crm.kind === "local") await importEscalationHistory(db, crm, seedKnowledge);
    else await clearEscalationHistory(db);
    const knowledge = await openKnowledgeBase(config, db, seedKnowledge, deps);
    surfaces = deps.chat ? [] : await openSurfaces(config, db, deps.logger);
    // Between two requests of a burst, the jobs stored meanwhile are acked (see Database.deliverAnswers).
    // It runs inside the HTTP server's request event: a failure there is logged, not thrown at the server.
    const requests = new OpenRequests(undefined, () => {
      try {
        db.deliverAnswers?.();
      } catch (error) {
        deps.logger.warn({ err: error }, "could not read the database's answers between requests");
      }
    });
    const queue = new JobQueue({
      db,
      logger: deps.logger,
      requests,
      pollingIntervalSeconds: deps.pollingIntervalSeconds,
      leaseSeconds: config.jobs.leaseSeconds,
      // Jobs still running when the grace period ends go back to the queue and resume elsewhere.
      stopTimeoutMs: config.shutdownGraceMs,
    });
    const scheduler = new Scheduler({ db, queue, logger: deps.logger });
    const evidence = createEvidenceWorker();
    const shared: SharedWarRoomDeps = {
      db,
      crm: deps.decorateCrm ? deps.decorateCrm(crm) : crm,
      knowledge,
      llm: await openLlm(config),
      evidence: evidence.run,
      queue,
      logger: deps.logger,
      clock: deps.clock,
      routing,
      archiveOnClose: config.archiveOnClose,
      admins: config.adminUsers,
      triageChannel: config.triageChannel,
    };
    const chats = deps.chat
      ? [deps.chat]
      : surfaces.length > 0
        ? surfaces.map((s) => s.platform)
        : [createTerminalChatAdapter({ out: stdout, user: "terminal" })];
    const { platforms, digests, primaryDigest } = wirePlatforms(config, chats, surfaces, shared);
    queue.define(housekeepingJob(db));
    defineWarRoomJobs(queue, platforms, { concurrency: config.jobs.warRoomConcurrency });
    scheduler.add(housekeepingSchedule);
    scheduler.add(resyncFindingsSchedule);
    const casePollCron = config.crm.kind === "salesforce" ? config.crm.pollCron : undefined;
    for (const schedule of defineCapabilityJobs(queue, platforms.primary, { casePollCron }))
      scheduler.add(schedule);
    // The radar wraps the triage service so that every recording (the CRM poll included) asks for a scan.
    const { radar, triage } = wireRadar(config, platforms.primary, {
      queue,
      scheduler,
      triage: createTriageService({ db, crm, routing, logger: deps.logger, now: () => deps.clock.now() }),
    });
    const pollDeps = { db, crm, triage, clock: deps.clock, logger: deps.logger };
    for (const schedule of defineTriageJobs(queue, pollDeps, casePollCron)) scheduler.add(schedule);
    // The terminal prints a digest but delivers nothing: posting there would mark the week as sent.
    const schedules = digestSchedules(config, new Set(digests.keys()));
    if (schedules.length > 0) for (const s of defineDigestJobs(queue, digests, schedules)) scheduler.add(s);
    return {
      config,
      logger: deps.logger,
      clock: deps.clock,
      db,
      queue,
      requests,
      scheduler,
      crm,
      warRoom: platforms.primary,
      platforms,
      surfaces,
      digest: primaryDigest,
      digests,
      evidence,
      triage,
      radar,
    };
  } catch (error) {
    await Promise.allSettled(surfaces.map((s) => s.stop()));
    await db.close();
    throw error;
  }
}

/** Starts the workers, the schedules and Socket Mode when used. */
export async function startServices(services: Services): Promise<void> {
  await services.queue.start();
  services.scheduler.start();
  await services.scheduler.catchUp(services.clock.now());
  for (const surface of services.surfaces) await surface.start();
}

/** Stops schedules, lets running jobs finish (or return to the queue), then closes the database. */
export async function closeServices(services: Services): Promise<void> {
  for (const surface of services.surfaces) await surface.stop();
  await services.scheduler.stop();
  await services.queue.stop();
  await services.evidence.close();
  await services.db.close();
}
