import pLimit from 'p-limit';
import type { RunResult } from '../harness/results/types.js';
import { readExcerpt, readSmallFile } from './text/read-excerpt.js';
import { cleanGuestString } from './text/sanitize.js';

/** The text of a clone's artifacts, read once for all reporters. */
export interface CloneTexts {
  console?: string;
  agent?: string;
  runScript?: string;
  /** The display screenshot as PNG bytes. */
  screenshot?: Buffer;
}

/** What to read. */
export interface CollectOptions {
  /** Read the PNG screenshots (the HTML embeds them). */
  screenshots: boolean;
  /** Screenshots larger than this are left out (linked instead). */
  maxScreenshotBytes?: number;
}

/** Loads the clone texts of a run (shared by reporters so each file is read once). */
export type LoadTexts = (result: RunResult) => Promise<ReadonlyMap<string, CloneTexts>>;

/** Reads every clone's log excerpts, repro script and (optionally) screenshot, a few files at a time. */
export async function collectCloneTexts(result: RunResult, options: CollectOptions): Promise<Map<string, CloneTexts>> {
  const limit = pLimit(16);
  const clones = result.scenarios.flatMap((scenario) => scenario.clones);
  const entries = await Promise.all(clones.map((clone) => limit(async (): Promise<[string, CloneTexts]> => {
    const [consoleText, agentText, runScript, screenshot] = await Promise.all([
      readExcerpt(clone.artifacts.consoleLog),
      // The agent log is the probe report, whose content the checks' evidence already shows:
      // its last 1.5 kB are enough to see how it ended, and keep a large fleet's report small.
      readExcerpt(clone.artifacts.agentLog, 1_536, { maxLines: 20 }),
      readExcerpt(clone.artifacts.runScript, 64_000, { maxLines: 400, maxLineChars: 4_000 }),
      options.screenshots ? readSmallFile(clone.artifacts.screenshot, options.maxScreenshotBytes ?? 1_000_000) : undefined,
    ]);
    const texts: CloneTexts = {};
    if (consoleText !== undefined) texts.console = consoleText;
    if (agentText !== undefined) texts.agent = agentText;
    if (runScript !== undefined) texts.runScript = cleanGuestString(runScript);
    if (screenshot) texts.screenshot = screenshot;
    return [clone.cloneId, texts];
  })));
  return new Map(entries);
}
