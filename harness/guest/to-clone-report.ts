import type { ProbeReport } from './probe-schema.js';
import type { CloneReport } from '../probe/clone-report.js';

/** Maps the reference guest's probe report to the neutral shape the checks read. */
export function toCloneReport(report: ProbeReport): CloneReport {
  const system = report.volumes.find((volume) => volume.mount === '/' || volume.mount.startsWith('/sys')) ?? report.volumes[0];
  return {
    setup: report.setup ?? 'none',
    identity: [
      ...(report.machineSid ? [{ kind: 'machine-sid' as const, value: report.machineSid }] : []),
      ...(report.computerName ? [{ kind: 'computer-name' as const, value: report.computerName }] : []),
      ...report.accounts.map((account) => ({ kind: 'account-sid' as const, value: account.sid })),
      ...(system?.serial ? [{ kind: 'volume-serial' as const, value: system.serial }] : []),
    ],
    devices: report.devices.filter((device) => device.status !== 'system').map((device) => ({
      slot: device.slot,
      vendorDevice: `${device.vendor}:${device.device}`,
      ...(device.recordedDriver ? { recordedDriver: device.recordedDriver } : {}),
      ...(device.boundDriver ? { boundDriver: device.functionDriver ?? device.boundDriver } : {}),
      status: device.status === 'started' ? 'started' : 'problem',
      ...(device.problem === null ? {} : { problem: device.problem }),
    })),
    nics: report.nics.map((nic) => ({
      slot: nic.slot,
      hardwareMac: nic.hardwareMac ?? '',
      ...(nic.recordedMac ? { recordedMac: nic.recordedMac } : {}),
      ...(nic.overrideMac ? { overrideMac: nic.overrideMac } : {}),
      effectiveMac: nic.mac ?? nic.overrideMac ?? nic.hardwareMac ?? '',
      ...(nic.interface ? { interface: nic.interface } : {}),
      up: nic.up,
    })),
    ...(system ? { volume: { filesystem: system.filesystem, serial: system.serial ?? '', sizeBytes: system.sizeBytes, freeBytes: system.freeBytes } } : {}),
    descriptors: report.descriptors.map((descriptor) => ({ path: descriptor.path, ownerSid: descriptor.owner })),
  };
}
