/** The sample dataset's "now": all its dates are written relative to this Monday. */
export const SAMPLE_DATASET_ANCHOR = "2026-11-23T00:00:00Z";
