// Maps the Debian probe report onto the lab's common report, so checks, reports and `compare`
// read a Debian clone exactly as they read a reference one.
import type { CloneReport, DeviceFact } from '../../probe/clone-report.js';
import type { IdentityItem } from '../../probe/identity.js';
import type { DebianProbeReport } from './probe-schema.js';

// Mass storage, network and display functions are the model's devices (as for the reference
// guest); bridges, USB and the rest have no driver on many machines without anything being wrong.
const JUDGED_CLASSES = /^0[123]/;
const VIRTIO_VENDOR = '1af4';

/** Maps a Debian guest's probe report to the neutral shape the checks read. */
export function toCloneReportFromDebian(report: DebianProbeReport): CloneReport {
  return {
    setup: report.setup === 'install' ? 'install' : report.setup === 'first-boot' ? 'mini-setup' : 'none',
    identity: readIdentity(report),
    devices: report.devices.filter((device) => JUDGED_CLASSES.test(device.class)).map(toDeviceFact),
    nics: report.nics.map((nic) => ({
      slot: nic.slot,
      hardwareMac: nic.hardwareMac ?? nic.mac ?? '',
      effectiveMac: nic.mac ?? nic.hardwareMac ?? '',
      interface: nic.interface,
      // A NIC counts as up when it has a link and DHCP gave it an address: a renamed interface
      // that no configuration names stays without one.
      up: nic.up && nic.address,
    })),
    ...(report.root ? {
      root: {
        device: report.root.device ?? '',
        ...(report.root.uuid ? { uuid: report.root.uuid } : {}),
        fstabUuids: report.root.fstabUuids,
        presentUuids: report.root.presentUuids,
      },
    } : {}),
    ...(report.failedUnits ? { failedUnits: report.failedUnits } : {}),
  };
}

/** The machine's own identity first (machine-id), then hostname, host keys and the root filesystem's UUID. */
function readIdentity(report: DebianProbeReport): IdentityItem[] {
  return [
    ...(report.machineId ? [{ kind: 'machine-id' as const, value: report.machineId }] : []),
    ...(report.hostname ? [{ kind: 'hostname' as const, value: report.hostname }] : []),
    ...report.sshHostKeys.map((key) => ({ kind: 'ssh-host-key' as const, value: key })),
    ...(report.root?.uuid ? [{ kind: 'filesystem-uuid' as const, value: report.root.uuid }] : []),
  ];
}

/** A function works when a driver is bound; for virtio, when its virtio device has one too (virtio-pci alone moves no data). */
function toDeviceFact(device: DebianProbeReport['devices'][number]): DeviceFact {
  const driver = device.functionDriver ?? device.boundDriver;
  const started = device.vendor === VIRTIO_VENDOR && device.boundDriver === 'virtio-pci' ? device.functionDriver !== null : device.boundDriver !== null;
  return {
    slot: device.slot,
    vendorDevice: `${device.vendor}:${device.device}`,
    ...(driver ? { boundDriver: driver } : {}),
    // Problem 28 is Windows' "drivers not installed": the nearest words for a function Linux bound no driver to.
    ...(started ? { status: 'started' as const } : { status: 'problem' as const, problem: 28 }),
  };
}
