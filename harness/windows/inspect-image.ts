import path from 'node:path';
import tmp from 'tmp';
import { ClonelabError, UsageError } from '../errors/errors.js';
import { CONFIG_DIR, toWindowsPath } from './find-system-root.js';
import { HIVE_KEYS, HIVE_NAMES, type HiveName } from './hive-keys.js';
import { DEFAULT_LIMITS, type InspectLimits } from './limits.js';
import { openImages, type OpenedImage } from './open-images.js';
import { readCriticalDevices, readDriverDatabase, readServices } from './read-drivers.js';
import { readMountedDevices, readNics } from './read-devices.js';
import { readAccounts, readControlSet, readMachineSid, readNames, readPolicySid, readProduct, readProfiles, readState } from './read-identity.js';
import { readHive } from './read-hive.js';
import type { Hive } from './registry-types.js';
import type { ImageInspection, ImageRef } from './types.js';

/** Options of an inspection. */
export interface InspectOptions {
  limits?: InspectLimits;
  signal?: AbortSignal;
}

/** An image that could not be inspected, and why. */
export interface InspectFailure {
  /** The image as named (`install.wim:2`), or the argument when it could not be opened at all. */
  ref: ImageRef;
  error: Error;
}

/** What inspecting a list of images gave: an inspection per image, a failure per image that could not be read. */
export interface InspectOutcome {
  inspections: ImageInspection[];
  failures: InspectFailure[];
}

/**
 * Inspects every image the arguments name (see openImages), one after the other: the four
 * hives are copied out of the image into a private temporary folder, read (readHive), and the
 * folder is removed, also after a failure. A bad image is a failure of its own; the others are
 * still read. Bad input is a UsageError; a host tool that fails, an InfrastructureError.
 */
export async function inspectImages(specs: readonly string[], options: InspectOptions = {}): Promise<InspectOutcome> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const outcome: InspectOutcome = { inspections: [], failures: [] };
  for (const spec of specs) {
    const scratch = tmp.dirSync({ prefix: 'clonelab-inspect-', unsafeCleanup: true });
    try {
      const started = Date.now();
      let opened: Awaited<ReturnType<typeof openImages>>;
      try {
        opened = await openImages(spec, { limits, scratch: scratch.name, signal: options.signal });
      } catch (error) {
        if (options.signal?.aborted || !(error instanceof ClonelabError)) throw error;
        outcome.failures.push({ ref: { label: spec, kind: guessKind(spec), path: spec }, error });
        continue;
      }
      const openShare = (Date.now() - started) / opened.length;
      for (const image of opened) {
        if ('error' in image) {
          outcome.failures.push({ ref: image.ref, error: image.error });
          continue;
        }
        const begun = Date.now();
        try {
          const inspection = await inspectOpenedImage(image, { limits, scratch: scratch.name, signal: options.signal });
          outcome.inspections.push({ ...inspection, inspectMs: Math.round(openShare + Date.now() - begun) });
        } catch (error) {
          if (options.signal?.aborted || !(error instanceof ClonelabError)) throw error;
          outcome.failures.push({ ref: image.tree.ref, error });
        }
      }
    } finally {
      scratch.removeCallback();
    }
  }
  return outcome;
}

function guessKind(spec: string): ImageRef['kind'] {
  return /\.(wim|esd|swm)(:\d+)?$/i.test(spec) ? 'wim' : /\.(img|raw|qcow2|vhdx?|vmdk)$/i.test(spec) ? 'disk' : 'folder';
}

/** Reads one opened image's hives into an ImageInspection (inspectMs left 0 for the caller). */
export async function inspectOpenedImage(image: OpenedImage, options: { limits: InspectLimits; scratch: string; signal?: AbortSignal }): Promise<ImageInspection> {
  const { tree, systemRoot } = image;
  const label = tree.ref.label;
  const warnings: string[] = [];
  const hives = new Map<HiveName, Hive>();
  const configDir = (await tree.resolve(`${systemRoot}/${CONFIG_DIR}`)) ?? `${systemRoot}/${CONFIG_DIR}`;
  for (const name of HIVE_NAMES) {
    const where = await tree.resolve(`${configDir}/${name}`);
    if (where === undefined) {
      if (name === 'SYSTEM') throw new UsageError(`${tree.description} has no ${toWindowsPath(configDir)}\\SYSTEM hive.`, { step: 'hive-read' });
      warnings.push(`${label}: no ${toWindowsPath(configDir)}\\${name} hive: what it holds is not reported`);
      continue;
    }
    const file = path.join(options.scratch, `${hives.size}-${name}`);
    const source = `${label} ${toWindowsPath(where)}`;
    const bytes = await tree.extract(where, file, options.limits.maxHiveBytes);
    if (bytes === 0) throw new UsageError(`Cannot read the registry hive ${source}: it is empty (0 bytes).`, { step: 'hive-read' });
    const hive = await readHive(file, { name, source, keys: HIVE_KEYS[name], limits: options.limits, signal: options.signal });
    hives.set(name, { ...hive, source: toWindowsPath(where) });
    warnings.push(...hive.warnings);
  }
  const system = hives.get('SYSTEM')!.root;
  const software = hives.get('SOFTWARE')?.root;
  const sam = hives.get('SAM')?.root;
  const security = hives.get('SECURITY')?.root;
  const controlSet = readControlSet(system);
  if (!controlSet) {
    throw new UsageError(`The SYSTEM hive of ${label} has no control set: Select\\Current names none that exists, and there is no ControlSet001.`, { step: 'hive-read' });
  }
  const machine = readMachineSid(sam);
  const policy = readPolicySid(security);
  for (const warning of [machine.warning, policy.warning]) if (warning) warnings.push(`${label}: ${warning}`);
  const sidMismatch = machine.sid && policy.sid && machine.sid.value !== policy.sid.value
    ? `${machine.sid.source} says ${machine.sid.value}, ${policy.sid.source} says ${policy.sid.value}` : undefined;
  if (sidMismatch) warnings.push(`${label}: the machine SIDs differ: ${sidMismatch}`);
  const accounts = readAccounts(sam, machine.sid?.value);
  warnings.push(...accounts.warnings.map((warning) => `${label}: ${warning}`));
  const services = readServices(controlSet.key);
  const drivers = [...readCriticalDevices(controlSet.key), ...readDriverDatabase(system)];
  const named = new Set(drivers.flatMap((driver) => (driver.service ? [driver.service.toLowerCase()] : [])));
  return {
    image: tree.ref, systemRoot: toWindowsPath(systemRoot) || '\\',
    hives: [...hives.values()].map((hive) => ({ name: hive.name, path: hive.source, bytes: hive.bytes })),
    ...readProduct(software),
    controlSet: { value: controlSet.value, source: controlSet.source },
    ...readState(system),
    ...readNames(controlSet.key),
    ...(machine.sid ? { machineSid: machine.sid } : {}),
    ...(policy.sid ? { policySid: policy.sid } : {}),
    ...(sidMismatch ? { sidMismatch } : {}),
    accounts: accounts.accounts,
    profiles: readProfiles(software),
    nics: readNics(controlSet.key),
    mountedDevices: readMountedDevices(system),
    ...(image.disk ? { disk: image.disk } : {}),
    services: [...services.values()].filter((service) => service.start === 0 || named.has(service.name.toLowerCase())),
    drivers,
    warnings,
    inspectMs: 0,
  };
}
