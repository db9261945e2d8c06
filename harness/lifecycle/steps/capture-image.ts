import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fromPromise } from 'xstate';
import type { CheckResult } from '../../checks/types.js';
import { InfrastructureError } from '../../errors/errors.js';
import { verifyWim, type CapturedImage, type WimCompression } from '../../imaging/index.js';
import { findProfile } from '../../profiles/registry.js';
import type { CaptureOutput, StepInput } from '../types.js';
import type { RunContext } from './run-context.js';

const COMPRESSION: Record<string, WimCompression> = { none: 'none', xpress: 'xpress', lzx: 'lzx', lzms: 'lzms-solid' };

/** Step `captureImage`: captures the (generalized) master with the scenario's clone method; a WIM is verified. */
export function captureImageStep(context: RunContext) {
  return fromPromise<CaptureOutput, StepInput>(async ({ input, signal }) => {
    const { scenario } = input.planned;
    const source = input.source ?? input.master;
    if (!source) throw new InfrastructureError('capture needs a master', { phase: 'capture', scenario: scenario.name });
    const folder = path.join(context.runDir, 'scenarios', scenario.name);
    await mkdir(folder, { recursive: true });
    const method = scenario.capture.method;
    const out = path.join(folder, method === 'file' ? 'capture.wim' : 'capture.raw');
    const compression = scenario.capture.compression ? COMPRESSION[scenario.capture.compression] : undefined;
    const captured = await findProfile(scenario.master.guest).cloneMethods[method].capture(source.disk, { out, name: scenario.name, check: method === 'file', signal, ...(compression ? { compress: compression } : {}) });
    const checks = method === 'file' ? [await checkWim(captured, signal)] : [];
    return { method, image: captured, notes: captured.notes, checks };
  });
}

async function checkWim(captured: CapturedImage, signal: AbortSignal): Promise<CheckResult> {
  const base = { id: 'wim-verifies', scope: 'image' as const };
  try {
    const verified = await verifyWim(captured.path, captured.refs, signal);
    return { ...base, status: 'pass', failures: [], summary: `wimlib-imagex verify: ok (${verified.parts} part(s), ${captured.storedBytes} bytes)`, evidence: { source: 'wimlib-imagex verify', wim: captured.path } };
  } catch (error) {
    signal.throwIfAborted(); // a canceled verify is not a failed one
    return { ...base, status: 'fail', failures: ['wim-verify-failed'], summary: (error as Error).message, evidence: { source: 'wimlib-imagex verify', wim: captured.path } };
  }
}
