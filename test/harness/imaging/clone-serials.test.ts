// Volume serials through the clone methods (real wimlib, mkntfs, mkfs.fat; no VM): file clones
// land on fresh volumes with serials of their own, unless the target asks for the clock's;
// sector clones copy the source's serial, and the fleet check calls that a duplicate.
import test from 'ava';
import path from 'node:path';
import { createDisk, parseGeometry, readDiskInfo, type Filesystem } from '../../../harness/disks/index.js';
import { cloneMethods } from '../../../harness/imaging/index.js';
import { cloneFacts, referenceFleetChecks, setIdentity } from '../../fixtures/clone-facts.js';
import { makeScratch, makeTree } from '../disks/fixtures.js';

const scratch = makeScratch();
const tree = makeTree(path.join(scratch, 'tree'), 20_000);

for (const filesystem of ['ntfs', 'fat32'] as const) {
  test(`file clones onto ${filesystem} applied together: distinct serials; with serial "clock" and one clock: the same`, async (t) => {
    const captured = await cloneMethods.file.capture(await tree, { out: path.join(scratch, `serial-${filesystem}.wim`), compress: 'none' });
    const size = filesystem === 'ntfs' ? '20M' : '48M';
    const apply = (name: string, serial?: 'clock', formatClock?: number) =>
      cloneMethods.file.apply(captured, path.join(scratch, `${name}-${filesystem}.img`), parseGeometry({ size, filesystem, serial }), { formatClock });
    const fresh = await Promise.all([1, 2, 3].map((i) => apply(`fresh-${i}`)));
    const freshSerials = await Promise.all(fresh.map(async (result) => (await readDiskInfo(result.target)).serial));
    t.is(new Set(freshSerials).size, 3, `serials: ${freshSerials.join(' ')}`);
    const clock = Date.now();
    const together = await Promise.all([1, 2].map((i) => apply(`clock-${i}`, 'clock', clock)));
    const clockSerials = await Promise.all(together.map(async (result) => (await readDiskInfo(result.target)).serial));
    t.is(clockSerials[0], clockSerials[1]);
    t.false(freshSerials.includes(clockSerials[0]!));
  });
}

test('sector clones copy the source serial; the fleet check reports duplicate-volume-serial with the host\'s view beside the guests\'', async (t) => {
  const filesystem: Filesystem = 'ntfs';
  const source = path.join(scratch, 'sector-source.img');
  const sourceInfo = await createDisk(source, parseGeometry({ size: '20M', filesystem }), { fromDir: await tree });
  const captured = await cloneMethods.sector.capture(source, { out: path.join(scratch, 'sector.raw') });
  const serials: string[] = [];
  for (const i of [1, 2]) {
    const result = await cloneMethods.sector.apply(captured, path.join(scratch, `sector-${i}.img`), parseGeometry({ size: '20M', filesystem }));
    serials.push((await readDiskInfo(result.target)).serial);
  }
  t.deepEqual(serials, [sourceInfo.serial, sourceInfo.serial]);
  // What each guest would report about its volume, and what the host read after apply.
  const fleet = serials.map((serial) => {
    const facts = cloneFacts();
    setIdentity(facts, 'volume-serial', [serial]);
    facts.volumeSerial = serial;
    return facts;
  });
  const check = referenceFleetChecks(fleet, undefined).find((entry) => entry.id === 'volume-serial-unique');
  t.deepEqual(check?.failures, ['duplicate-volume-serial']);
  t.deepEqual(check?.evidence.targetSerials, Object.fromEntries(fleet.map((facts) => [facts.cloneId, sourceInfo.serial])));
});
