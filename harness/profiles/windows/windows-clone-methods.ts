import { open } from 'node:fs/promises';
import { cloneMethods, sectorMethod } from '../../imaging/index.js';
import type { CloneMethod, CloneMethodName } from '../../imaging/types.js';
import { readFileRange } from '../../host/read-file-range.js';

// The MBR disk signature: 4 bytes at 0x1B8 (440). Windows names its volumes by it
// (MountedDevices, BCD), and a sector copy of a disk carries it to every clone.
const SIGNATURE_OFFSET = 440;

/**
 * A sector clone of a Windows disk, as imaging tools do it: the partition bit for bit, and the
 * source disk's MBR disk signature with it (the lab's sector method writes a new partition table,
 * whose signature would be random). GPT disks get a new disk GUID: said in the notes.
 */
export const windowsSectorMethod: CloneMethod = {
  ...sectorMethod,
  async apply(image, target, geometry, options) {
    const applied = await sectorMethod.apply(image, target, geometry, options);
    if (image.sourceInfo?.table !== 'mbr' || geometry.table !== 'mbr') {
      return { ...applied, notes: [...applied.notes, 'GPT: the target has a new partition table and disk GUID (only an MBR disk signature is copied)'] };
    }
    const signature = await readFileRange(image.source, SIGNATURE_OFFSET, 4).catch(() => undefined);
    if (signature?.length !== 4) return { ...applied, notes: [...applied.notes, `the source disk ${image.source} could not be read: the disk signature was not copied`] };
    const handle = await open(target, 'r+');
    try {
      await handle.write(signature, 0, 4, SIGNATURE_OFFSET);
    } finally {
      await handle.close();
    }
    return { ...applied, notes: [...applied.notes, `disk signature ${signature.readUInt32LE(0).toString(16).padStart(8, '0')} copied from the source disk's MBR`] };
  },
};

/** The NTFS clone methods for Windows masters: the lab's own, with a sector clone that keeps the disk signature. */
export const windowsCloneMethods: Record<CloneMethodName, CloneMethod> = { ...cloneMethods, sector: windowsSectorMethod };
