import { z } from 'zod';
import { sidChangers } from './kernel-append.js';

/** The version of the probe line protocol the guest speaks (`"v":1` on every line). */
export const PROBE_SCHEMA_VERSION = 1;

const hex4 = z.string().regex(/^[0-9a-f]{4}$/);
const slot = z.string().regex(/^[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/);
const mac = z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
const sid = z.string().regex(/^S-1-5-\d+(-\d+)*$/);
const driver = z.string().regex(/^[A-Za-z0-9_+-]{1,64}$/);
const seconds = z.number().nonnegative();

/** One PCI function as the guest reports it. */
export const deviceLineSchema = z.object({
  v: z.literal(1), t: z.literal('device'), slot, vendor: hex4, device: hex4, class: hex4,
  recordedDriver: driver.nullable(), boundDriver: driver.nullable(), functionDriver: driver.nullable(),
  status: z.enum(['started', 'problem', 'system']),
  problem: z.union([z.literal(10), z.literal(24), z.literal(28)]).nullable(),
}).strict();

/** One NIC: the hardware MAC against the install-time record and the override. */
export const nicLineSchema = z.object({
  v: z.literal(1), t: z.literal('nic'), slot, interface: z.string().regex(/^[a-z0-9]{1,15}$/).nullable(),
  hardwareMac: mac.nullable(), recordedMac: mac.nullable(), overrideMac: mac.nullable(), mac: mac.nullable(), up: z.boolean(),
}).strict();

const lineSchemas = z.discriminatedUnion('t', [
  z.object({
    v: z.literal(1), t: z.literal('begin'), setup: z.enum(['install', 'mini-setup', 'none']),
    mode: z.enum(['normal', 'generalize']), kernel: z.string().max(64),
  }).strict(),
  z.object({ v: z.literal(1), t: z.literal('identity'), machineSid: sid.nullable(), computerName: z.string().max(63).nullable() }).strict(),
  z.object({ v: z.literal(1), t: z.literal('account'), name: z.string().max(64), rid: z.number().int().nonnegative(), sid }).strict(),
  deviceLineSchema,
  nicLineSchema,
  z.object({
    v: z.literal(1), t: z.literal('volume'), mount: z.string().max(256), device: z.string().max(32),
    filesystem: z.enum(['fat16', 'fat32', 'ntfs']), label: z.string().max(32).nullable(), serial: z.string().max(32).nullable(),
    sizeBytes: z.number().int().nonnegative(), freeBytes: z.number().int().nonnegative(), deviceBytes: z.number().int().nonnegative(),
  }).strict(),
  z.object({ v: z.literal(1), t: z.literal('descriptor'), path: z.string().max(1024), owner: sid }).strict(),
  z.object({
    v: z.literal(1), t: z.literal('timing'), loaderStart: seconds, bootDriversLoaded: seconds, volumeMounted: seconds,
    setupDone: seconds, driversStarted: seconds, reported: seconds,
  }).strict(),
  z.object({ v: z.literal(1), t: z.literal('generalized'), massStorage: z.boolean(), sidChanger: z.enum(sidChangers) }).strict(),
  z.object({
    v: z.literal(1), t: z.literal('stop'), code: z.string().regex(/^0x[0-9A-F]{8}$/), name: z.string().max(64),
    detail: z.string().max(512), at: seconds,
  }).strict(),
  z.object({ v: z.literal(1), t: z.literal('end') }).strict(),
]);

/** Validates one parsed probe line. */
export const probeLineSchema = lineSchemas;
/** One validated probe line. */
export type ProbeLine = z.infer<typeof lineSchemas>;
/** One PCI function of a probe report. */
export type ProbeDevice = Omit<z.infer<typeof deviceLineSchema>, 'v' | 't'>;
/** One NIC of a probe report. */
export type ProbeNic = Omit<z.infer<typeof nicLineSchema>, 'v' | 't'>;

/** What the guest says about itself after one boot, assembled from its probe lines. */
export const probeReportSchema = z.object({
  schema: z.literal(PROBE_SCHEMA_VERSION),
  /** Which setup ran on this boot: install, mini-setup (after generalize), or none. */
  setup: z.enum(['install', 'mini-setup', 'none']).nullable(),
  mode: z.enum(['normal', 'generalize']).nullable(),
  kernel: z.string().nullable(),
  machineSid: sid.nullable(),
  computerName: z.string().nullable(),
  accounts: z.array(z.object({ name: z.string(), rid: z.number(), sid })),
  devices: z.array(deviceLineSchema.omit({ v: true, t: true })),
  nics: z.array(nicLineSchema.omit({ v: true, t: true })),
  volumes: z.array(z.object({
    mount: z.string(), device: z.string(), filesystem: z.enum(['fat16', 'fat32', 'ntfs']), label: z.string().nullable(),
    serial: z.string().nullable(), sizeBytes: z.number(), freeBytes: z.number(), deviceBytes: z.number(),
  })),
  /** File owners from the OS's security descriptor file (a stand-in for NTFS ACLs). */
  descriptors: z.array(z.object({ path: z.string(), owner: sid })),
  /** Guest uptime in seconds at each boot step. */
  timings: z.record(z.string(), z.number()).nullable(),
  /** What generalize did: mass-storage drivers in the loader, and the SID changer mini-setup will run. */
  generalized: z.object({ massStorage: z.boolean(), sidChanger: z.enum(sidChangers) }).nullable(),
  /** The bugcheck, when the boot ended in one. */
  stop: z.object({ code: z.string(), name: z.string(), detail: z.string() }).nullable(),
  /** True when the closing line arrived (the report is whole). */
  complete: z.boolean(),
});

/** What the guest says about itself after one boot. */
export type ProbeReport = z.infer<typeof probeReportSchema>;
