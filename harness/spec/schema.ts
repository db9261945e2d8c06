import { z } from 'zod';
import { checkIds } from './check-ids.js';
import { failureNames } from './failure-names.js';
import { sidChangers } from '../guest/kernel-append.js';
import { bootPaths, guestProfileNames } from '../profiles/types.js';
import { chipsets } from '../../machines/devices/types.js';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case name (a-z, 0-9, -)');
const size = z.union([z.string(), z.number().int().positive()]);

/** Disk geometry of a volume (sizes like `256M`); defaults come from the disks module. */
export const geometrySchema = z.strictObject({
  size: size.optional(),
  table: z.enum(['mbr', 'gpt']).optional(),
  partitionStart: z.number().int().nonnegative().optional(),
  sectorSize: z.union([z.literal(512), z.literal(4096)]).optional(),
  filesystem: z.enum(['fat16', 'fat32', 'ntfs', 'ext4']).optional(),
  clusterSize: z.number().int().positive().optional(),
  label: z.string().max(32).optional(),
  /** Serial of a fresh volume: `random` (default, its own) or `clock` (a clock-seeded formatter: volumes formatted together share one). */
  serial: z.enum(['random', 'clock']).optional(),
});

const reproduces = z.array(z.enum(failureNames)).min(1);

/** The outcome a scenario (or one target) expects. */
export const expectationSchema = z.union([z.literal('pass'), z.strictObject({ reproduces })]);

/** One target: the hardware model a clone boots on, and the volume it is applied to. */
export const targetSchema = z.strictObject({
  machine: name,
  geometry: geometrySchema.optional(),
  /** Files already on the target volume before apply (path → content), to test non-destructive apply. */
  existingFiles: z.record(z.string(), z.string()).optional(),
  /** Failures expected on this clone only (e.g. a known organic incompatibility). */
  expect: expectationSchema.optional(),
});

/**
 * Targets as a matrix: a base model and the dimensions to vary, expanded to one derived model per
 * combination (the full product, or `--pairwise` a covering array of it). README "Matrices".
 */
export const matrixSchema = z.strictObject({
  base: name,
  vary: z.strictObject({
    /** NIC chips for the first NIC: a device, or a device with the driver its install records (another chip revision). */
    nic: z.array(z.union([z.string(), z.strictObject({ device: z.string(), installDriver: z.string().optional() })])).min(1).optional(),
    /** Slots for the first NIC, on its bus. */
    nicSlot: z.array(z.number().int().min(0).max(0x1f)).min(1).optional(),
    /** Storage controllers (built into the chipset, or an add-on card in the base's slot or a free one). */
    storage: z.array(z.string()).min(1).optional(),
    /** Video cards, in the base's video slot. */
    video: z.array(z.string()).min(1).optional(),
    chipset: z.array(z.enum(chipsets)).min(1).optional(),
  }).refine((vary) => Object.keys(vary).length > 0, 'at least one dimension to vary (nic, nicSlot, storage, video, chipset)'),
  /** The volume every cell's clone is applied to. */
  geometry: geometrySchema.optional(),
});

/** A scenario: a lifecycle plus its expected outcome. */
export const scenarioSchema = z.strictObject({
  name,
  description: z.string().min(10),
  master: z.strictObject({
    /** The guest profile: `reference` (the lab's own), `debian` (Debian 12 from Debian's packages), `image` (the user's own Linux disk: give `image`), `windows` (the user's Windows image, inspected offline: give `image`). */
    guest: z.enum(guestProfileNames).optional(),
    /** The user's own image, never written: a bootable Linux disk (raw or qcow2; guest `image`), or a Windows WIM image `X.wim:N` or NTFS disk (guest `windows`). */
    image: z.string().min(1).optional(),
    /** How the guest's kernel starts: `direct` (the harness reads it from the disk), `bios` (SeaBIOS → the image's GRUB), `uefi` (OVMF → the ESP). */
    boot: z.enum(bootPaths).default('direct'),
    machine: name,
    geometry: geometrySchema.default({}),
    install: z.strictObject({
      /** Drivers left out of the image's driver store. */
      omitDrivers: z.array(z.string()).optional(),
      /** Record a network-address override in the registry: every clone copies this MAC. */
      pinnedMac: z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i, 'a MAC such as 52:54:00:12:34:56').optional(),
    }).default({}),
  }).transform((master, context) => {
    const guest = master.guest ?? (master.image ? 'image' : 'reference');
    const takesImage = guest === 'image' || guest === 'windows';
    if (takesImage !== (master.image !== undefined)) {
      context.addIssue({
        code: 'custom', path: ['image'],
        message: guest === 'image' ? 'guest `image` needs `image: PATH` (the disk image to test)'
          : guest === 'windows' ? "guest `windows` needs `image: 'install.wim:1'` or an NTFS disk image (raw or qcow2) holding Windows"
            : `\`image\` is the user's own disk: it goes with guest 'image' (Linux, or no guest) or 'windows', not '${guest}'`,
      });
    }
    // A Windows master is an NTFS volume: its geometry says so unless the scenario says otherwise (then install refuses it).
    const geometry = guest === 'windows' && master.geometry.filesystem === undefined ? { ...master.geometry, filesystem: 'ntfs' as const } : master.geometry;
    return { ...master, guest, geometry };
  }),
  generalize: z.union([z.literal(false), z.strictObject({
    massStorage: z.boolean().default(false),
    /**
     * The SID changer mini-setup runs: `setupcl` (sysprep's own, rewrites descriptors naming the
     * old machine SID) or `no-acl-rewrite` (a third-party SID changer that leaves them).
     */
    sidChanger: z.enum(sidChangers).default('setupcl'),
  })]).default(false),
  capture: z.strictObject({
    method: z.enum(['sector', 'used-blocks', 'file', 'overlay']),
    compression: z.enum(['none', 'xpress', 'lzx', 'lzms']).optional(),
    /** Sector clone onto a smaller volume: truncate instead of refusing (to reproduce the failure). */
    force: z.boolean().optional(),
    /** File clone onto a volume that already holds files: keep them. */
    keepExisting: z.boolean().optional(),
    /** File clone onto FAT: accept leaving out names FAT cannot hold (each is a `tree-mismatch`); without it such an apply is refused. */
    lossy: z.boolean().optional(),
  }),
  targets: z.union([z.literal('all-models'), z.array(targetSchema).min(1), matrixSchema]),
  /** How many clones per target model (fleet size); default 1. */
  clonesPerTarget: z.number().int().min(1).max(16).default(1),
  expect: expectationSchema.default('pass'),
  /** Checks this scenario does not judge (they are still listed, as skipped). */
  skipChecks: z.array(z.enum(checkIds)).default([]),
  /** Tags to select scenarios by (`clonelab run --tag`, `clonelab scenarios list --tag`). */
  tags: z.array(z.string()).default([]),
});

/** What a scenario author writes (defaults still missing). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** An expected outcome. */
export type Expectation = z.output<typeof expectationSchema>;
/** Targets as a base model and the dimensions to vary. */
export type Matrix = z.output<typeof matrixSchema>;
/** Geometry as written in a scenario. */
export type ScenarioGeometry = z.output<typeof geometrySchema>;
