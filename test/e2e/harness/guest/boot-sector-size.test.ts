import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { parseGeometry } from '../../../../harness/disks/index.js';
import { installGuest } from '../../../../harness/guest/index.js';
import { resolveModel } from '../../../../harness/hardware/resolve-model.js';
import { installFakeQemu } from '../../../harness/qemu/fake-qemu.js';

// The install boot of a 4096-byte-sector master carries the logical sector size (the other boots:
// test/harness/guest/boot-sector-size.test.ts). The install builds the guest from the cached Debian
// kernel package; the record-argv fake QEMU records its argv and exits at once (the install then
// fails for want of a report; only the argv matters here).
const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-boot-sector-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));
const argvFile = path.join(folder, 'argv.jsonl');
process.env.PATH = installFakeQemu(folder, 'record-argv');
process.env.FAKE_ARGV_LOG = argvFile;

/** The -device option that carries the disk, in the last boot's argv. */
function diskDevice(): string {
  const argv = readFileSync(argvFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]).filter((entry) => entry.includes('-kernel')).at(-1) ?? [];
  const devices = argv.filter((arg, index) => argv[index - 1] === '-device' && arg.includes('drive=disk0'));
  if (devices.length !== 1) throw new Error(`expected one device with drive=disk0, got ${JSON.stringify(devices)}`);
  return devices[0] as string;
}

test('install on a 4096-byte-sector geometry: the scsi-hd carries logical_block_size=4096', async (t) => {
  const geometry = parseGeometry({ size: '320M', filesystem: 'fat32', sectorSize: 4096 });
  await t.throwsAsync(installGuest({ out: path.join(folder, 'master.img'), model: resolveModel('cloud-virtio-scsi'), geometry, accel: 'tcg', workDir: path.join(folder, 'work', 'install'), timeoutMs: 5000 }), { message: /did not finish setup/ });
  t.regex(diskDevice(), /^scsi-hd,.*,logical_block_size=4096,physical_block_size=4096$/);
});
