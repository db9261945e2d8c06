import { parseBootSector } from '../../disks/boot-sector.js';
import { readFileRange } from '../../host/read-file-range.js';
import type { LinuxRoot } from '../boot/find-linux-root.js';

// An EFI system partition: MBR type 0xef, or the GPT ESP type GUID.
const ESP_TYPES = new Set(['0xef', 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B']);

/** The labelled EFI system partitions of a disk, as fstab names them by UUID (`XXXX-XXXX`, the FAT serial) and by label. */
export async function readEspNames(disk: string, root: LinuxRoot): Promise<{ uuid: string; label: string }[]> {
  const names: { uuid: string; label: string }[] = [];
  for (const partition of root.layout.partitions.filter((entry) => ESP_TYPES.has(entry.typeId.toUpperCase().replace('0XEF', '0xef')))) {
    const facts = parseBootSector(await readFileRange(disk, partition.startBytes, 512));
    // A label fstab can name as it is (no spaces to escape).
    if (!facts?.label || facts.filesystem === 'ntfs' || !/^[A-Za-z0-9_-]+$/.test(facts.label)) continue;
    names.push({ uuid: `${facts.serial.slice(0, 4)}-${facts.serial.slice(4)}`, label: facts.label });
  }
  return names;
}
