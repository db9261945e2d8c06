// Timing helpers: wall time of one async step, and the best of several runs.

/** Times one async step in milliseconds (monotonic clock). */
export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Best (smallest) of `runs` timings: the one least disturbed by other work on a shared machine. */
export async function bestOfMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) fastest = Math.min(fastest, await timeMs(work));
  return fastest;
}
