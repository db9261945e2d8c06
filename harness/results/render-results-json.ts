import type { RunResult } from './types.js';

/** Serializes a run as the versioned results JSON (the input of `compare` and `merge`). */
export function renderResultsJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
