/** z for a two-sided 95 % interval: the 97.5th percentile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval of a proportion: `count` successes in `trials`, at confidence `z`
 * (default 95 %). Unlike the normal approximation it stays inside [0, 1] and is not empty at
 * 0 or `trials` successes, which is where a reproduction rate over a few repeats usually is.
 * No trials: [0, 1] (nothing is known). Pure.
 * @example wilsonInterval(5, 10) // [0.2366, 0.7634] (rounded)
 * @example wilsonInterval(0, 10) // [0, 0.2775]: ten clean runs still allow a 28 % failure rate
 */
export function wilsonInterval(count: number, trials: number, z = Z_95): [number, number] {
  if (!Number.isInteger(count) || !Number.isInteger(trials) || count < 0 || trials < 0 || count > trials) {
    throw new RangeError(`Expected whole numbers 0 ≤ count ≤ trials, got ${count} of ${trials}`);
  }
  if (trials === 0) return [0, 1];
  const p = count / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 and at `trials` one bound is exactly 0 or 1; the formula gives it up to rounding.
  return [count === 0 ? 0 : Math.max(0, center - half), count === trials ? 1 : Math.min(1, center + half)];
}

/** Whether two intervals share a point. */
export function intervalsOverlap(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}
