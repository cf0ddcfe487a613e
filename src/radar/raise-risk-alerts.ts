/**
 * Scans open threads and raises an alert for each one above the threshold: the alert's row (unique per
 * thread and level) and the job that posts it commit together, so replicas scanning at once alert once, a
 * restart alerts nothing twice, and a post that fails is retried by the queue, never dropped.
 */
import { v5 as uuidv5 } from "uuid";
import { claimRiskAlert } from "../storage/risk-alert-store.ts";
import { assessOpenThreads } from "./assess-open-threads.ts";
import type { RadarDeps } from "./radar-deps.ts";
import { POST_RISK_ALERT_JOB } from "./radar-job-names.ts";
import type { RiskAssessment } from "./radar-types.ts";

/** Namespace of the post jobs' ids (uuid v5 of the alert id). */
const POST_NAMESPACE = "0b6f3f2e-94a1-4d1c-8f3e-2c7d5a9e1b40";

/** What a scan found and raised. */
export interface ScanOutcome {
  threads: number;
  aboveThreshold: number;
  /** Ids of the alerts raised by this scan (claimed before by no one). */
  raised: string[];
}

/** Claims and queues the alerts the assessments call for. */
export async function raiseRiskAlerts(
  assessments: readonly RiskAssessment[],
  deps: RadarDeps,
): Promise<string[]> {
  if (!deps.triageChannel) return [];
  const raised: string[] = [];
  for (const assessment of assessments) {
    if (assessment.score < deps.threshold || !assessment.level) continue;
    const id = await deps.db.transaction(async (tx) => {
      const alertId = await claimRiskAlert(tx, assessment, deps.clock.now());
      if (alertId)
        await deps.queue.send(
          POST_RISK_ALERT_JOB,
          { alertId },
          { tx, id: uuidv5(`risk-alert:${alertId}`, POST_NAMESPACE) },
        );
      return alertId;
    });
    if (id) raised.push(id);
  }
  if (raised.length > 0) deps.queue.wake(POST_RISK_ALERT_JOB);
  return raised;
}

/** Scores the open threads of one account (or every account) and raises the alerts due. */
export async function scanRisk(deps: RadarDeps, options: { accountId?: string } = {}): Promise<ScanOutcome> {
  const assessments = await assessOpenThreads(deps, options);
  const above = assessments.filter((a) => a.score >= deps.threshold);
  return {
    threads: assessments.length,
    aboveThreshold: above.length,
    raised: await raiseRiskAlerts(above, deps),
  };
}
