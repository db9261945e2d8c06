import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import type { BisectRecord, RunResult } from '../../../harness/results/types.js';

// `clonelab bisect` on real QEMU (TCG), as small as it can be: one master, installed and
// generalized once, cloned (overlay) once per model of round 1: the good model, the user's bad
// one (another NIC chip revision, in another slot, and another video card) and each single
// change. Only the NIC chip breaks it; bisect must name that and nothing else.
const CLI = path.resolve('dist/cli/main.js');

const models = [{
  name: 'desk-oldrev-cirrus', extends: 'desktop-e1000', purpose: 'an RTL8139 whose image recorded 8139too (another chip revision), in slot 3, and a Cirrus video card',
  nics: [{ device: 'rtl8139', slot: 3, installDriver: '8139too' }], video: { device: 'cirrus-vga' },
}];
const scenario = `export default {
  name: 'golden-generalized', description: 'The golden image, generalized, cloned by overlay',
  master: { machine: 'desktop-e1000', geometry: { size: '128M', filesystem: 'fat32' } },
  generalize: { massStorage: false }, capture: { method: 'overlay' },
  targets: [{ machine: 'desktop-e1000' }],
};
`;

test('bisect between desktop-e1000 and a model with another NIC chip revision in another slot and another video card names the NIC chip', async (t) => {
  t.timeout(900_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-bisect-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(path.join(folder, 'models.json'), JSON.stringify(models));
  writeFileSync(path.join(folder, 'golden.mjs'), scenario);
  const out = path.join(folder, 'out');
  const run = await execa(process.execPath, [CLI, 'bisect', './golden.mjs', '--good', 'desktop-e1000', '--bad', 'desk-oldrev-cirrus', '--models', './models.json', '--out', out, '--accel', 'tcg', '--jobs', '2', '--json'], { cwd: folder, reject: false });
  t.is(run.exitCode, 0, run.stderr);
  const record = JSON.parse(run.stdout) as BisectRecord;
  t.is(record.status, 'found');
  t.deepEqual(record.culprits, [{ dimensions: ['nic'], model: 'desktop-e1000--nic-rtl8139-8139too' }]);
  t.deepEqual(record.dimensions.map((dimension) => dimension.name), ['nic', 'nicSlot', 'video']);
  t.deepEqual(record.steps.map((step) => [step.round, step.model, step.verdict]), [
    [1, 'desktop-e1000', 'expected'],
    [1, 'desk-oldrev-cirrus', 'failed'],
    [1, 'desktop-e1000--nic-rtl8139-8139too', 'failed'],
    [1, 'desktop-e1000--slot-3', 'expected'],
    [1, 'desktop-e1000--video-cirrus-vga', 'expected'],
  ]);
  // The evidence of each failed step: the check, the clone, the failure, the device.
  t.regex(record.steps[2]?.evidence[0] ?? '', /^devices-started on golden-generalized-round-1\/desktop-e1000--nic-rtl8139-8139too#1: problem-10 — 00:02\.0 10ec:8139 problem 10 \(8139too\)/);
  t.regex(record.summary, /nic e1000 → rtl8139 \(install records 8139too\)/);

  // One round, one master: the results hold the round's scenario and the bisect, the report shows it.
  t.deepEqual(readdirSync(path.join(out, 'rounds')), ['1']);
  const result = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as RunResult;
  t.deepEqual(result.scenarios.map((entry) => [entry.name, entry.clones.length]), [['golden-generalized-round-1', 5]]);
  t.deepEqual(result.bisect, record);
  t.true(result.machines.some((machine) => machine.name === 'desktop-e1000--slot-3' && machine.slot.startsWith('nic@3')), 'derived models are in the recorded catalog');
  t.regex(readFileSync(path.join(out, 'report.html'), 'utf8'), /<section id="bisect">[\s\S]*<tr class="culprit"><th scope="row">nic<\/th>/);
});
