import { defineScenario } from '../define-scenario.js';

// Debian 12 as Debian ships it: every failure below comes from Debian's own systemd, udev and
// initramfs-tools, not from a script of the lab. A master is ~1.5 GB and a boot ~30 s under TCG,
// so each scenario has few clones; the masters are shared (the same master description).
const master = { guest: 'debian' as const, machine: 'desktop-e1000' };
const tags = ['debian'];

/** The Debian library: `clonelab run --guest debian` (or `--tag debian`). */
export const debianScenarios = [
  defineScenario({
    name: 'debian-no-generalize-duplicates',
    description: 'Clones of a Debian master that was not generalized share its machine-id, hostname, SSH host keys and root filesystem UUID',
    master,
    capture: { method: 'overlay' },
    targets: [{ machine: 'desktop-e1000' }],
    clonesPerTarget: 2,
    expect: { reproduces: ['duplicate-machine-id', 'master-machine-id-reused', 'duplicate-hostname', 'duplicate-ssh-host-key', 'duplicate-filesystem-uuid'] },
    tags: [...tags, 'identity'],
  }),
  defineScenario({
    name: 'debian-sector-clones-share-uuid',
    description: 'Sector clones of a generalized Debian master each make a machine-id, hostname and host keys, but share the root filesystem UUID',
    master,
    generalize: { massStorage: false },
    capture: { method: 'sector' },
    targets: [{ machine: 'desktop-e1000' }],
    clonesPerTarget: 2,
    expect: { reproduces: ['duplicate-filesystem-uuid'] },
    tags: [...tags, 'identity', 'imaging'],
  }),
  defineScenario({
    name: 'debian-nic-moved-slot',
    description: 'The same e1000 one slot further: udev names it enp0s3 instead of enp0s2, the install\'s network configuration names the old interface, the NIC stays down',
    master,
    capture: { method: 'overlay' },
    targets: [{ machine: 'desktop-e1000-slot3' }],
    expect: { reproduces: ['nic-down', 'master-machine-id-reused'] },
    tags: [...tags, 'nic', 'drivers'],
  }),
  defineScenario({
    name: 'debian-storage-change-modules-dep',
    description: 'An initramfs built with MODULES=dep on PIIX3 IDE has no AHCI driver: on an AHCI controller it gives up waiting for the root device (the Linux STOP 0x7B)',
    master,
    capture: { method: 'overlay' },
    targets: [{ machine: 'desktop-ahci' }],
    expect: { reproduces: ['stop-0x7b'] },
    tags: [...tags, 'storage', 'drivers'],
  }),
  defineScenario({
    name: 'debian-file-clone-stale-uuid',
    description: 'A file clone of a master that was not generalized lands on a new filesystem with a new UUID: the kernel command line still names the old one, and the root is never found',
    master,
    capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desktop-e1000' }],
    expect: { reproduces: ['stale-root-uuid'] },
    tags: [...tags, 'imaging'],
  }),
  defineScenario({
    name: 'debian-generalized-every-model',
    description: 'A generalized Debian master (MODULES=most, network by match, root by label) file-cloned onto six hardware models boots on each with its own identity',
    master,
    generalize: { massStorage: false },
    capture: { method: 'file', compression: 'xpress' },
    targets: [
      { machine: 'desktop-e1000' }, { machine: 'desktop-e1000-slot3' }, { machine: 'desktop-ahci' },
      { machine: 'desktop-lsi' }, { machine: 'desktop-rtl8139' }, { machine: 'server-megasas-gen2' },
    ],
    tags: [...tags, 'fleet', 'drivers', 'identity'],
  }),
];
