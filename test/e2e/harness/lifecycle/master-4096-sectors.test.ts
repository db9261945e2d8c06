import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import type { RunResult } from '../../../../harness/results/types.js';

// Real QEMU (TCG): a master on a disk with 4096-byte logical sectors installs, generalizes and
// clones on SCSI controllers. Every boot of that disk (install, generalize, each clone) must
// tell QEMU the sector size, or the guest's SCSI disk driver reads 512-byte sectors, finds no
// volume and the loader ends in STOP 0x7B.
const CLI = path.resolve('dist/cli/main.js');
const GEOMETRY = { size: '320M', filesystem: 'fat32', sectorSize: 4096, partitionStart: 256 };

test('a 4096-byte-sector master installs on virtio-scsi, generalizes, and its file clones boot on virtio-scsi and lsi53c895a', async (t) => {
  const out = mkdtempSync(path.join(tmpdir(), 'clonelab-4096-'));
  t.teardown(() => rmSync(out, { recursive: true, force: true }));
  const file = path.join(out, 'scenario.mjs');
  writeFileSync(file, `export default [${JSON.stringify({
    name: 'master-4096-scsi',
    description: 'A master on 4096-byte sectors, file-cloned onto 4096-byte-sector disks on two SCSI controllers',
    master: { machine: 'cloud-virtio-scsi', geometry: GEOMETRY },
    generalize: { massStorage: true },
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'cloud-virtio-scsi' }, { machine: 'desktop-lsi' }],
    expect: 'pass',
  })}];\n`);
  const runDir = path.join(out, 'run');
  const run = await execa(process.execPath, [CLI, 'run', file, '--out', runDir, '--accel', 'tcg', '--jobs', '2', '--retries', '0', '--boot-timeout', '120'], { reject: false, all: true });
  const result = JSON.parse(readFileSync(path.join(runDir, 'results.json'), 'utf8')) as RunResult;
  const scenario = result.scenarios[0];
  t.is(scenario?.error, undefined, `the scenario errored: ${JSON.stringify(scenario?.error)}\n${run.all}`);
  t.deepEqual(scenario?.timeline.map((entry) => entry.state).slice(0, 3), ['install', 'generalize', 'capture']);
  t.deepEqual(scenario?.clones.map((clone) => [clone.machine, clone.status, clone.facts?.stop]), [['cloud-virtio-scsi', 'booted', undefined], ['desktop-lsi', 'booted', undefined]]);
  for (const clone of scenario?.clones ?? []) {
    const report = clone.facts?.report;
    t.is(report?.setup, 'mini-setup', clone.cloneId);
    t.deepEqual(report?.devices.filter((device) => device.status !== 'started'), [], clone.cloneId);
    t.is(report?.volume?.filesystem, 'fat32', clone.cloneId);
  }
  // Evidence in the repro scripts: every boot of the disk carried the sector size.
  const scripts = readdirSync(runDir, { recursive: true, encoding: 'utf8' }).filter((name) => path.basename(name) === 'runqemu.sh').sort();
  t.is(scripts.length, 4, scripts.join(', '));
  for (const script of scripts) t.regex(readFileSync(path.join(runDir, script), 'utf8'), /logical_block_size=4096,physical_block_size=4096/, script);
});
