/**
 * Where an account is in its contract when something happens: month 1 is the contract's first month. Whole
 * calendar months, counted as PostgreSQL's age() counts them, so the digest's SQL and findings agree.
 */

/** The contract month at `at` (1 = the first), 0 before the contract started, null without a start. */
export function lifecycleMonth(contractStart: string | undefined | null, at: Date): number | null {
  if (!contractStart) return null;
  const start = new Date(contractStart);
  if (Number.isNaN(start.getTime())) return null;
  if (at < start) return 0;
  let months = (at.getUTCFullYear() - start.getUTCFullYear()) * 12 + at.getUTCMonth() - start.getUTCMonth();
  // A month is complete only once its day (and time) of the month has come round again.
  const dayOf = (d: Date) => d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (dayOf(at) < dayOf(start)) months -= 1;
  return months + 1;
}
