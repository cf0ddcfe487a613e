/**
 * Money as people read it in a war-room or a digest (amounts are in the account's currency; warroom shows
 * them with a dollar sign, as the CRM's ARR field usually is).
 */

/** $180,000: the whole amount. */
export function formatAmount(amount: number): string {
  return `$${Math.round(amount).toLocaleString("en-US")}`;
}

/** $2.3M, $640K, $9,500: short enough for a headline. */
export function formatMoney(amount: number): string {
  if (amount >= 1_000_000) return `$${(amount / 1_000_000).toFixed(1).replace(/\.0$/, "")}M`;
  if (amount >= 10_000) return `$${Math.round(amount / 1000)}K`;
  return formatAmount(amount);
}
