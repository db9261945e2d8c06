import { formatPciAddress } from '../../machines/devices/pci-address.js';
import { invalidInput } from '../errors/errors.js';

/**
 * The SID changers generalize can stand for: `setupcl` (sysprep's own: mini-setup rewrites every
 * security descriptor naming the old machine SID), `no-acl-rewrite` (a third-party SID changer
 * that makes a new SID but leaves the descriptors naming the old one).
 */
export const sidChangers = ['setupcl', 'no-acl-rewrite'] as const;
/** One SID changer (see `sidChangers`). */
export type SidChanger = (typeof sidChangers)[number];

/** What the harness asks the guest for on one boot, through the kernel command line. */
export interface AppendOptions {
  mode: 'normal' | 'generalize';
  /** Generalize: put every mass-storage driver of the store into the loader. */
  massStorage?: boolean;
  /** Generalize: the SID changer mini-setup runs (default `setupcl`). */
  sidChanger?: SidChanger;
  /** Setup: drivers that win over the index's first match (the older-chip-revision choice). */
  preferDrivers?: readonly string[];
  /** Setup: network-address overrides to record, by PCI slot. */
  pinnedMacs?: readonly PinnedMac[];
  /** Module parameters (SCSI settle times from the device registry). */
  moduleParams?: readonly string[];
  /** Seconds the loader waits for the system volume (default 10). */
  rootWaitSeconds?: number;
  /**
   * 128 random bits (32 lower-case hex digits) for setup's new identity (96-bit machine SID and
   * the computer name). QEMU hands a bzImage kernel an RNG seed, but not a PVH kernel: without
   * one, the guest's first /dev/urandom read waits ~0.9 s under TCG for jitter entropy.
   */
  seed?: string;
}

/** A network-address override recorded for the NIC at one address (a MAC that every clone copies). */
export interface PinnedMac {
  /** The NIC's bus as the guest numbers it (0 unless behind a bridge: listModelDevices gives it). */
  bus?: number;
  /** PCI slot on that bus. */
  slot: number;
  mac: string;
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const SEED = /^[0-9a-f]{32}$/;
const MODULE = /^[A-Za-z0-9_-]{1,64}$/;
const PARAM = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_]+=[A-Za-z0-9_.,-]+$/;

/**
 * Builds the kernel command line of one guest boot (the builder appends nothing: this is all).
 * @example buildKernelAppend({ mode: 'normal', moduleParams: ['sym53c8xx.settle=0'] })
 */
export function buildKernelAppend(options: AppendOptions): string {
  // no_timer_check: on a loaded host, TCG is too slow for the kernel's IO-APIC timer check,
  // which then panics at 0.01 s ("IO-APIC + timer doesn't work") — seen under load in this lab.
  const words = ['console=ttyS0', 'quiet', 'panic=-1', 'no_timer_check', `clonelab.mode=${options.mode}`];
  if (options.massStorage) words.push('clonelab.massstorage=1');
  if (options.sidChanger !== undefined) {
    if (!(sidChangers as readonly string[]).includes(options.sidChanger)) throw invalidInput('SID changer', sidChangers.join(' or '), options.sidChanger);
    if (options.mode !== 'generalize') throw invalidInput('mode for a SID changer', 'generalize', options.mode);
  }
  if (options.mode === 'generalize') words.push(`clonelab.sidchanger=${options.sidChanger ?? 'setupcl'}`);
  if (options.seed !== undefined) {
    if (!SEED.test(options.seed)) throw invalidInput('seed', '32 lower-case hex digits (128 bits)', options.seed);
    words.push(`clonelab.seed=${options.seed}`);
  }
  const prefer = options.preferDrivers ?? [];
  for (const name of prefer) if (!MODULE.test(name)) throw invalidInput('preferred driver', 'a module name', name);
  if (prefer.length > 0) words.push(`clonelab.prefer=${prefer.join(',')}`);
  const pinned = options.pinnedMacs ?? [];
  for (const pin of pinned) {
    if (!MAC.test(pin.mac)) throw invalidInput(`pinned MAC for slot ${pin.slot}`, 'six lower-case hex pairs such as 02:00:00:00:00:01', pin.mac);
    if (!Number.isInteger(pin.slot) || pin.slot < 0 || pin.slot > 0x1f) throw invalidInput('pinned MAC slot', 'a PCI slot 0–31', pin.slot);
    if (pin.bus !== undefined && (!Number.isInteger(pin.bus) || pin.bus < 0 || pin.bus > 0xff)) throw invalidInput('pinned MAC bus', 'a PCI bus 0–255', pin.bus);
  }
  if (pinned.length > 0) words.push(`clonelab.pinmac=${pinned.map((pin) => `${formatPciAddress({ bus: pin.bus ?? 0, slot: pin.slot, fn: 0 })}@${pin.mac}`).join(',')}`);
  if (options.rootWaitSeconds !== undefined) words.push(`clonelab.rootwait=${Math.max(1, Math.round(options.rootWaitSeconds))}`);
  for (const param of options.moduleParams ?? []) {
    if (!PARAM.test(param)) throw invalidInput('module parameter', 'module.param=value', param);
    words.push(param);
  }
  return words.join(' ');
}
