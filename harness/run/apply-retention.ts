import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CloneArtifacts, KeptFiles, RetentionRecord, RunResult } from '../results/types.js';
import { classifyRunFile, decideCellRemoval, decideMasterRemoval, endedAsExpected, type RetentionPolicy } from './retention.js';

/** What retention will do with a run's output folder: the files to delete, and what each cell keeps. */
export interface RetentionPlan {
  /** Absolute paths to delete. */
  remove: string[];
  record: RetentionRecord;
  /** Kept files per clone id, and per scenario (its own files, outside its clones' folders). */
  clones: Map<string, KeptFiles>;
  scenarios: Map<string, KeptFiles>;
}

interface FileFact { relative: string; bytes: number; inode: string }

/**
 * Walks the output folder and decides, file by file, what the policy removes (see
 * `decideCellRemoval`). An interrupted run removes nothing: what exists stays, and the record
 * says so. The master cache lives outside the output folder and is never walked.
 */
export async function planRetention(outDir: string, result: Pick<RunResult, 'scenarios' | 'interrupted'>, policy: RetentionPolicy, masterCache: boolean): Promise<RetentionPlan> {
  const files = await walk(outDir, '');
  const status = new Map(result.scenarios.map((scenario) => [scenario.name, scenario.status]));
  const removeMasters = decideMasterRemoval(policy, masterCache);
  const remove: FileFact[] = [];
  const kept: FileFact[] = [];
  for (const file of files) {
    const kind = classifyRunFile(file.relative);
    const [top, scenario] = file.relative.split('/');
    let gone = false;
    if (kind === 'evidence' || result.interrupted) gone = false;
    else if (top === 'masters') gone = removeMasters;
    else if (top === 'scenarios' && scenario !== undefined) {
      const decision = decideCellRemoval({ asExpected: endedAsExpected(status.get(scenario) ?? 'errored') }, policy);
      gone = kind === 'disk' ? decision.disk : kind === 'image' ? decision.image : decision.bootFiles;
    } else if (top === 'boot-files') gone = policy !== 'all'; // the run's store: kept boot folders hold links to it
    (gone ? remove : kept).push(file);
  }
  const clones = new Map<string, KeptFiles>();
  const scenarios = new Map<string, KeptFiles>();
  for (const scenario of result.scenarios) {
    const own: FileFact[] = kept.filter((file) => file.relative.startsWith(`scenarios/${scenario.name}/`));
    for (const clone of scenario.clones) {
      const folder = cloneFolder(outDir, clone.artifacts);
      if (!folder) continue;
      const mine = own.filter((file) => file.relative.startsWith(`${folder}/`));
      clones.set(clone.cloneId, summarize(mine));
    }
    const cloneFolders = scenario.clones.map((clone) => cloneFolder(outDir, clone.artifacts)).filter((folder): folder is string => folder !== undefined);
    scenarios.set(scenario.name, summarize(own.filter((file) => !cloneFolders.some((folder) => file.relative.startsWith(`${folder}/`)))));
  }
  const masters = summarize(kept.filter((file) => file.relative.startsWith('masters/') && classifyRunFile(file.relative) !== 'evidence'));
  const removed = summarize(remove);
  const record: RetentionRecord = {
    policy, applied: !result.interrupted, keptBytes: summarize(kept).bytes, removedBytes: removed.bytes, removedFiles: removed.files.length, masters,
    note: result.interrupted
      ? 'the run was interrupted: every file that exists was kept'
      : `--keep ${policy}: ${policy === 'all' ? 'every file kept' : policy === 'none' ? 'no disk or boot file kept' : 'disks and boot files kept only for scenarios that did not end as expected'}; logs, screenshots and runqemu.sh always kept; masters ${removeMasters ? 'removed' : 'kept'}`,
  };
  return { remove: remove.map((file) => path.join(outDir, file.relative)), record, clones, scenarios };
}

/** Puts the plan's `kept` records into the result (before the reports are written). */
export function recordRetention(result: RunResult, plan: RetentionPlan): RunResult {
  return {
    ...result, retention: plan.record,
    scenarios: result.scenarios.map((scenario) => ({
      ...scenario, kept: plan.scenarios.get(scenario.name) ?? { files: [], bytes: 0 },
      clones: scenario.clones.map((clone) => ({ ...clone, kept: plan.clones.get(clone.cloneId) ?? { files: [], bytes: 0 } })),
    })),
  };
}

/** Deletes the plan's files; stops at the first abort and says how many it left (they stay, which is safe). */
export async function removeRetained(plan: RetentionPlan, signal?: AbortSignal): Promise<{ removed: number; left: number }> {
  let removed = 0;
  for (const file of plan.remove) {
    if (signal?.aborted) break;
    await rm(file, { force: true });
    removed += 1;
  }
  return { removed, left: plan.remove.length - removed };
}

function cloneFolder(outDir: string, artifacts: CloneArtifacts): string | undefined {
  // A clone's files sit in scenarios/<scenario>/clones/<folder>/ (its disk, or boot-N/ logs).
  for (const file of Object.values(artifacts)) {
    if (!file) continue;
    const parts = path.relative(outDir, file).split(path.sep);
    if (parts[0] === 'scenarios' && parts[2] === 'clones' && parts[3]) return parts.slice(0, 4).join('/');
  }
  return undefined;
}

function summarize(files: readonly FileFact[]): KeptFiles {
  // Hard links (a boot folder's kernel and the store's copy) take their bytes once.
  const inodes = new Map(files.map((file) => [file.inode, file.bytes]));
  return { files: files.map((file) => file.relative).sort(), bytes: [...inodes.values()].reduce((sum, bytes) => sum + bytes, 0) };
}

async function walk(root: string, relative: string): Promise<FileFact[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => []);
  const facts: FileFact[] = [];
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) facts.push(...await walk(root, child));
    else if (entry.isFile()) {
      const info = await lstat(path.join(root, child));
      facts.push({ relative: child, bytes: info.blocks * 512, inode: `${info.dev}:${info.ino}` });
    }
  }
  return facts;
}
