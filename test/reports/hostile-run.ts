import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '../../harness/results/types.js';
import { synthesizeRun } from '../fixtures/results/load-fixture.js';

/** What a hostile guest can put into a report: markup, terminal escapes, a huge line, invalid UTF-8. */
export const HOSTILE = {
  script: '<script>window.__pwned = true</script>',
  img: '<img src=x onerror="window.__pwned = true">',
  ansi: '\u001b[31mRED\u001b[0m\u001b]0;title\u0007',
  hugeLineChars: 200_000,
  longLineChars: 10_000,
};

/**
 * A synthetic run (3 scenarios × 3 models × 2 clones, one failing cell, one errored cell) whose
 * first clone's logs and facts are hostile; its artifacts are written under `dir`.
 */
export function makeHostileRun(dir: string): RunResult {
  const run = synthesizeRun({
    scenarios: 3, machines: ['desktop-e1000', 'desktop-cirrus', 'desktop-lsi'], clonesPerMachine: 2,
    inject: [{ scenario: 'scenario-001', machines: ['desktop-cirrus'], failure: 'problem-10' }],
    errored: ['scenario-003/desktop-lsi'],
  });
  const clone = run.scenarios[0]!.clones[0]!;
  const cloneDir = path.join(dir, 'scenarios', 'scenario-001', 'clones', 'desktop-e1000-1');
  mkdirSync(cloneDir, { recursive: true });
  const consoleLog = Buffer.concat([
    Buffer.from(`boot ${HOSTILE.script}\n${HOSTILE.ansi}\n${'A'.repeat(HOSTILE.hugeLineChars)}\n`),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]), // invalid UTF-8
    Buffer.from(`</pre></details>${HOSTILE.img}\n${'B'.repeat(HOSTILE.longLineChars)}\nlast line\n`),
  ]);
  writeFileSync(path.join(cloneDir, 'console.log'), consoleLog);
  writeFileSync(path.join(cloneDir, 'agent.log'), `${HOSTILE.img}\u0000\u0008 agent\n`);
  clone.artifacts = { ...clone.artifacts, consoleLog: path.join(cloneDir, 'console.log'), agentLog: path.join(cloneDir, 'agent.log') };
  clone.facts!.report!.identity.push({ kind: 'computer-name', value: HOSTILE.img });
  clone.notes = [HOSTILE.script];
  run.scenarios[0]!.description = `${HOSTILE.script} ${HOSTILE.ansi}`;
  return run;
}
