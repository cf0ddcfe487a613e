/**
 * Whole percentages that add up to 100 (largest-remainder rounding, the Hare quota): each share is
 * floored, and the points still missing go to the shares that lost the most in flooring. Rounding each
 * share on its own shows 33% + 33% + 33% for three equal parts, which a leader reads as a mistake.
 */

/** `values` as whole percentages of their sum, in the same order, summing to 100 (all 0 when the sum is 0). */
export function roundShares(values: readonly number[], total = 100): number[] {
  const sum = values.reduce((n, v) => n + v, 0);
  if (sum <= 0) return values.map(() => 0);
  const exact = values.map((v) => (v / sum) * total);
  const floors = exact.map(Math.floor);
  let missing = total - floors.reduce((n, v) => n + v, 0);
  // Ties go to the earlier value, so the same input always rounds the same way.
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    missing -= 1;
  }
  return floors;
}
