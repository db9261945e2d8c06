// The Debian guest's probe lines (guest/debian/probe.sh): one JSON object per line on COM2, `"v":1`.
// Every string is bounded here as in the script, so a hostile guest cannot grow the report.
import { z } from 'zod';

/** The version of the Debian probe line protocol (`"v":1` on every line). */
export const DEBIAN_PROBE_VERSION = 1;

const hex4 = z.string().regex(/^[0-9a-f]{4}$/);
const slot = z.string().regex(/^[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/);
const mac = z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
const driver = z.string().regex(/^[A-Za-z0-9_+-]{1,64}$/);
// UUIDs are compared, not parsed: fstab may name anything, so any short printable text passes.
const uuid = z.string().min(1).max(64);
const seconds = z.number().nonnegative();
const text = (max: number): z.ZodString => z.string().max(max);

/** One PCI function: the driver bound to it, and for virtio the driver of its virtio device. */
export const debianDeviceSchema = z.object({
  v: z.literal(1), t: z.literal('device'), slot, vendor: hex4, device: hex4, class: hex4,
  boundDriver: driver.nullable(), functionDriver: driver.nullable(),
}).strict();

/** One network interface with a PCI parent: its name, MACs, link and whether DHCP gave it an IPv4 address. */
export const debianNicSchema = z.object({
  v: z.literal(1), t: z.literal('nic'), slot, interface: z.string().regex(/^[A-Za-z0-9_.-]{1,15}$/),
  hardwareMac: mac.nullable(), mac: mac.nullable(), operstate: text(16).nullable(), up: z.boolean(), address: z.boolean(),
}).strict();

/** The root filesystem as mounted, and what fstab, the kernel command line and /dev/disk/by-uuid say. */
export const debianRootSchema = z.object({
  v: z.literal(1), t: z.literal('root'), device: text(128).nullable(), uuid: uuid.nullable(),
  fstabRoot: text(128).nullable(), cmdlineRoot: text(128).nullable(),
  fstabUuids: z.array(uuid).max(32), presentUuids: z.array(uuid).max(32),
}).strict();

/** Which setup ran on this boot: the lab's install, systemd's first boot (after generalize), or none. */
export const debianSetups = ['install', 'first-boot', 'none'] as const;

const lineSchemas = z.discriminatedUnion('t', [
  z.object({
    v: z.literal(1), t: z.literal('begin'), setup: z.enum(debianSetups),
    setupErrors: z.array(text(200)).max(8), firstBootSteps: z.array(text(32)).max(8), kernel: text(64).nullable(),
  }).strict(),
  z.object({
    v: z.literal(1), t: z.literal('identity'), machineId: z.string().regex(/^[0-9a-f]{32}$/).nullable(),
    hostname: text(64).nullable(), staticHostname: text(64).nullable(),
    sshHostKeys: z.array(z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/)).max(8),
  }).strict(),
  debianDeviceSchema,
  debianNicSchema,
  debianRootSchema,
  z.object({ v: z.literal(1), t: z.literal('units'), failed: z.array(text(128)).max(32) }).strict(),
  z.object({
    v: z.literal(1), t: z.literal('timing'), multiUser: seconds.nullable(), probeStarted: seconds, networkWaitEnded: seconds, reported: seconds,
  }).strict(),
  z.object({ v: z.literal(1), t: z.literal('end') }).strict(),
]);

/** Validates one parsed Debian probe line. */
export const debianProbeLineSchema = lineSchemas;
/** One validated Debian probe line. */
export type DebianProbeLine = z.infer<typeof lineSchemas>;
type Body<T> = Omit<T, 'v' | 't'>;

/** What a Debian guest said about one boot, assembled from its probe lines. */
export interface DebianProbeReport {
  schema: typeof DEBIAN_PROBE_VERSION;
  setup: (typeof debianSetups)[number] | null;
  setupErrors: string[];
  /** What the first-boot unit did (`ssh-host-keys`, `hostname`). */
  firstBootSteps: string[];
  kernel: string | null;
  machineId: string | null;
  hostname: string | null;
  staticHostname: string | null;
  sshHostKeys: string[];
  devices: Body<z.infer<typeof debianDeviceSchema>>[];
  nics: Body<z.infer<typeof debianNicSchema>>[];
  root: Body<z.infer<typeof debianRootSchema>> | null;
  failedUnits: string[] | null;
  /** Seconds since boot: multi-user.target reached, probe started, its DHCP wait over, report written. */
  timings: { multiUser: number | null; probeStarted: number; networkWaitEnded: number; reported: number } | null;
  /** True when the closing line arrived (the report is whole). */
  complete: boolean;
}
