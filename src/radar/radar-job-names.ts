/** Names of the radar's jobs and schedule on the durable queue. */
export const RADAR_SCAN_JOB = "radar-scan";
export const RADAR_SCAN_SCHEDULE = "radar-scan-hourly";
export const POST_RISK_ALERT_JOB = "post-risk-alert";
