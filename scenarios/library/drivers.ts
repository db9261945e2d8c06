import { defineScenario } from '../define-scenario.js';

const generalized = { generalize: { massStorage: false } };

/** Drivers: a clone on other hardware than its install. */
export const driverScenarios = [
  defineScenario({
    name: 'nic-moved-slot',
    description: 'Not generalized, the same e1000 moved from slot 2 to slot 3: the recorded device is gone (24), the new one has no driver (28)',
    master: { machine: 'desktop-e1000' },
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desktop-e1000-slot3' }],
    // About drivers: that an un-generalized clone keeps the master's SID is no-sysprep-duplicate-sid's finding.
    skipChecks: ['master-sid-not-reused'],
    expect: { reproduces: ['problem-24', 'problem-28'] },
    tags: ['drivers', 'nic'],
  }),
  defineScenario({
    name: 'nic-moved-slot-generalized',
    description: 'Generalized, the same e1000 moved from slot 2 to slot 3: mini-setup re-detects and the NIC starts',
    master: { machine: 'desktop-e1000' }, ...generalized,
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desktop-e1000-slot3' }],
    tags: ['drivers', 'nic'],
  }),
  defineScenario({
    name: 'nic-chip-revision',
    description: 'An image made for the older RTL8139 chip revision records 8139too, which refuses the C+ revision: problem 10',
    master: { machine: 'desktop-e1000' }, ...generalized,
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desktop-rtl8139-oldrev', expect: { reproduces: ['problem-10'] } }, { machine: 'desktop-rtl8139' }],
    tags: ['drivers', 'nic'],
  }),
  defineScenario({
    name: 'storage-controller-change',
    description: 'Generalized without mass-storage drivers, moved from PIIX3 IDE to an LSI SCSI card: STOP 0x7B',
    master: { machine: 'desktop-e1000' }, ...generalized,
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desktop-lsi' }],
    expect: { reproduces: ['stop-0x7b'] },
    tags: ['drivers', 'storage'],
  }),
  defineScenario({
    name: 'storage-controller-mass-storage',
    description: 'Generalized with all mass-storage drivers in the loader ([SysprepMassStorage]): boots on the LSI SCSI card',
    master: { machine: 'desktop-e1000' },
    generalize: { massStorage: true },
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desktop-lsi' }],
    tags: ['drivers', 'storage'],
  }),
  defineScenario({
    name: 'video-card-change',
    description: 'Not generalized, standard VGA replaced by a Cirrus card in the same slot: the recorded card is gone (24), the new one has no driver (28)',
    master: { machine: 'desktop-e1000' },
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desktop-cirrus' }],
    skipChecks: ['master-sid-not-reused'],
    expect: { reproduces: ['problem-24', 'problem-28'] },
    tags: ['drivers', 'video'],
  }),
  defineScenario({
    name: 'missing-driver-in-store',
    description: 'An image built without the e1000 driver: the NIC has no driver (28), even after generalize',
    master: { machine: 'desktop-e1000', install: { omitDrivers: ['e1000'] } }, ...generalized,
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desktop-e1000' }],
    expect: { reproduces: ['problem-28'] },
    tags: ['drivers', 'nic'],
  }),
  defineScenario({
    name: 'mptsas-inaccessible-boot-device',
    description: 'On an LSI SAS1068 the mptsas driver binds but Linux 6.1 never sees the disk: STOP 0x7B even with mass-storage drivers',
    master: { machine: 'desktop-e1000' },
    generalize: { massStorage: true },
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'server-mptsas' }],
    expect: { reproduces: ['stop-0x7b'] },
    tags: ['drivers', 'storage'],
  }),
];
