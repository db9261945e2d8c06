/**
 * Picks rows of a product so that every pair of values (of two dimensions) that one of `rows`
 * has is in at least one picked row (every value, when there is one dimension): a covering
 * array of strength 2 over the allowed rows (rows a constraint dropped are not among them, so no
 * picked row is invalid and no coverable pair is lost). Deterministic greedy: take the row that covers the
 * most pairs not yet covered; ties go to the earliest row. Returns the picked indices, in
 * `rows` order. Pure.
 *
 * No npm package does this for us: the few on the registry are unmaintained, and none takes an
 * explicit list of allowed rows; the greedy is 30 lines.
 * @example selectPairwise([[0, 0], [0, 1], [1, 0], [1, 1]]) // [0, 1, 2, 3]: with 2×2 every row is a pair
 */
export function selectPairwise(rows: readonly (readonly number[])[]): number[] {
  const keysOf = rows.map(listKeys);
  const uncovered = new Set(keysOf.flat());
  const picked = new Set<number>();
  while (uncovered.size > 0) {
    let best = -1;
    let bestGain = 0;
    keysOf.forEach((keys, index) => {
      if (picked.has(index)) return;
      const gain = keys.reduce((sum, key) => sum + (uncovered.has(key) ? 1 : 0), 0);
      if (gain > bestGain) {
        best = index;
        bestGain = gain;
      }
    });
    picked.add(best);
    for (const key of keysOf[best] ?? []) uncovered.delete(key);
  }
  return [...picked].sort((a, b) => a - b);
}

/** Checks a selection: the pairs of `rows` (values, for one dimension) that none of `picked` has (none: it covers). */
export function listUncoveredPairs(rows: readonly (readonly number[])[], picked: readonly number[]): string[] {
  const covered = new Set(picked.flatMap((index) => listKeys(rows[index] ?? [])));
  return [...new Set(rows.flatMap(listKeys))].filter((key) => !covered.has(key));
}

/**
 * A row's pairs of values (`d0=1,d2=0`); a row of one dimension has its single value (`d0=1`).
 * With two or more dimensions every value is in a pair, so covering the pairs covers the values;
 * counting them too would favour rows of unseen values over rows of unseen pairs (2×2×2: 5 rows, not 4).
 */
function listKeys(row: readonly number[]): string[] {
  if (row.length < 2) return row.map((value, dimension) => `d${dimension}=${value}`);
  const keys: string[] = [];
  for (let first = 0; first < row.length; first += 1) {
    for (let second = first + 1; second < row.length; second += 1) keys.push(`d${first}=${row[first]},d${second}=${row[second]}`);
  }
  return keys;
}
