import { defineScenario } from '../define-scenario.js';

const generalized = { generalize: { massStorage: false }, skipChecks: ['no-foreign-sid' as const] };
const userFiles = { 'users/User/Documents/report.txt': 'quarterly numbers\n', 'data/keep.me': 'user data on the target volume\n' };

/** Imaging: file vs sector clones across geometry and filesystems. */
export const imagingScenarios = [
  defineScenario({
    name: 'large-ntfs-to-small-fat',
    description: 'A file (WIM) clone of a large NTFS master applied onto a small FAT16 volume boots: WIM is filesystem- and geometry-neutral',
    master: { machine: 'desktop-e1000', geometry: { size: '512M', filesystem: 'ntfs' } }, ...generalized,
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desktop-e1000', geometry: { size: '160M', filesystem: 'fat16' } }],
    tags: ['imaging'],
  }),
  defineScenario({
    name: 'sector-to-smaller-refused',
    description: 'A sector clone onto a smaller disk is refused before anything is written',
    master: { machine: 'desktop-e1000' }, ...generalized,
    capture: { method: 'sector' },
    targets: [{ machine: 'desktop-e1000', geometry: { size: '160M' } }],
    expect: { reproduces: ['apply-refused'] },
    tags: ['imaging'],
  }),
  defineScenario({
    name: 'sector-to-smaller-forced',
    description: 'A forced sector clone of an NTFS master onto a smaller disk is truncated: the loader finds the volume but cannot mount it (STOP 0xED)',
    master: { machine: 'desktop-e1000', geometry: { filesystem: 'ntfs' } }, ...generalized,
    capture: { method: 'sector', force: true },
    targets: [{ machine: 'desktop-e1000', geometry: { size: '160M' } }],
    expect: { reproduces: ['stop-0xed'] },
    tags: ['imaging'],
  }),
  defineScenario({
    name: 'sector-to-smaller-forced-fat',
    description: 'A forced sector clone of a FAT32 master onto a smaller disk: Linux vfat still mounts it, and the volume claims more than its partition',
    master: { machine: 'desktop-e1000' }, ...generalized,
    capture: { method: 'sector', force: true },
    targets: [{ machine: 'desktop-e1000', geometry: { size: '160M' } }],
    expect: { reproduces: ['volume-size-mismatch'] },
    tags: ['imaging'],
  }),
  defineScenario({
    name: 'sector-to-larger-keeps-size',
    description: 'A sector clone onto a larger disk boots, but the filesystem keeps the master\'s size',
    master: { machine: 'desktop-e1000' }, ...generalized,
    capture: { method: 'sector' },
    targets: [{ machine: 'desktop-e1000', geometry: { size: '384M' } }],
    expect: { reproduces: ['volume-size-mismatch'] },
    tags: ['imaging'],
  }),
  defineScenario({
    name: 'sector-to-4096-sectors',
    description: 'A sector clone onto a disk with 4096-byte logical sectors: the copied boot sector still says 512, vfat refuses it (STOP 0xED)',
    master: { machine: 'desktop-lsi' }, ...generalized,
    capture: { method: 'sector' },
    // FAT32 on 4096-byte sectors needs more than 256 MiB to have enough clusters.
    targets: [{ machine: 'desktop-lsi', geometry: { size: '320M', sectorSize: 4096, partitionStart: 256 } }],
    expect: { reproduces: ['stop-0xed'] },
    tags: ['imaging'],
  }),
  defineScenario({
    name: 'non-destructive-apply',
    description: 'A file (WIM) clone applied onto a volume that already holds user files keeps them',
    master: { machine: 'desktop-e1000' }, ...generalized,
    capture: { method: 'file', compression: 'xpress', keepExisting: true },
    targets: [{ machine: 'desktop-e1000', existingFiles: userFiles }],
    tags: ['imaging'],
  }),
  defineScenario({
    name: 'sector-clone-destroys-user-files',
    description: 'A sector clone onto a volume that held user files overwrites the whole partition: the files are gone',
    master: { machine: 'desktop-e1000' }, ...generalized,
    capture: { method: 'sector' },
    targets: [{ machine: 'desktop-e1000', existingFiles: userFiles }],
    expect: { reproduces: ['user-files-lost'] },
    tags: ['imaging'],
  }),
  defineScenario({
    name: 'used-blocks-clone',
    description: 'A used-blocks clone copies only allocated clusters, and, like a sector clone, the volume serial',
    master: { machine: 'desktop-e1000', geometry: { filesystem: 'ntfs' } }, ...generalized,
    capture: { method: 'used-blocks' },
    targets: [{ machine: 'desktop-e1000' }],
    clonesPerTarget: 2,
    expect: { reproduces: ['duplicate-volume-serial'] },
    tags: ['imaging'],
  }),
  defineScenario({
    name: 'overlay-clones',
    description: 'Overlay clones are qcow2 children of the generalized master: instant, the master never written, but the volume serial is the master\'s',
    master: { machine: 'desktop-e1000' }, ...generalized,
    capture: { method: 'overlay' },
    targets: [{ machine: 'desktop-e1000' }],
    clonesPerTarget: 2,
    expect: { reproduces: ['duplicate-volume-serial'] },
    tags: ['imaging'],
  }),
];
