// glibc's random() (the TYPE_3 additive feedback generator srandom() sets up), so that the lab
// can compute the serial a clock-seeded mkntfs writes without running it at that second.

const DEGREE = 31;
const SEPARATION = 3;
const MODULUS = 2147483647;

/**
 * Returns glibc's `random()` after `srandom(seed)`: each call gives the next 31-bit value.
 * Checked against glibc: seed 1 gives 1804289383, 846930886, …
 * @example const next = seedGlibcRandom(1); next(); // 1804289383
 */
export function seedGlibcRandom(seed: number): () => number {
  // srandom takes an unsigned int; 0 would make a dead generator, so glibc uses 1.
  const start = seed >>> 0 || 1;
  const state = new Array<number>(DEGREE);
  state[0] = start;
  // glibc keeps the seed in an int32 and computes 16807 * word % (2^31 - 1) without overflow (Schrage).
  let word = start | 0;
  for (let i = 1; i < DEGREE; i++) {
    const hi = Math.trunc(word / 127773);
    const lo = word % 127773;
    word = 16807 * lo - 2836 * hi;
    if (word < 0) word += MODULUS;
    state[i] = word >>> 0;
  }
  let front = SEPARATION;
  let rear = 0;
  const next = (): number => {
    const value = ((state[front] as number) + (state[rear] as number)) >>> 0;
    state[front] = value;
    front = (front + 1) % DEGREE;
    rear = (rear + 1) % DEGREE;
    return value >>> 1;
  };
  // srandom throws away the first 10 × degree values.
  for (let i = 0; i < 10 * DEGREE; i++) next();
  return next;
}
