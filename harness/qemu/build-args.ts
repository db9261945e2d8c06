import { findDevice } from '../../machines/devices/registry.js';
import type { DeviceSpec } from '../../machines/devices/types.js';
import { listModelBridges, rootBusName } from '../../machines/catalog/topology.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { formatSlot } from '../../machines/devices/pci-address.js';
import { validateModel } from '../../machines/validate/validate-model.js';
import { invalidInput } from '../errors/errors.js';
import { escapeOption } from './escape-option.js';
import { buildFirmwareArgs } from './firmware-args.js';
import { MAX_SOCKET_PATH } from './socket-path.js';
import { deriveMac } from './mac.js';
import type { QemuArgsInput, QemuCommand, QemuConfinement, VmDisk } from './types.js';

export const QEMU_BINARY = 'qemu-system-x86_64';

/**
 * Turns a hardware model plus disks, boot spec and channels into a QEMU argv. Pure: no I/O.
 * @example buildQemuArgs({ name: 'vm1', model, disks: [{ path: 'a.img', format: 'raw' }], boot: { kind: 'firmware' },
 *   channels: { consoleLog: 'c.log', agentLog: 'a.log', qmpSocket: 'q.sock' }, macSeed: 'x', accel: 'tcg',
 *   confinement: await resolveConfinement() })
 */
export function buildQemuArgs(input: QemuArgsInput): QemuCommand {
  const { model, channels } = input;
  const problems = validateModel(model);
  if (problems.length > 0) throw invalidInput(`hardware model "${model.name}"`, 'a valid model', problems.map((p) => p.message).join('; '));
  if (input.disks.length !== 1) throw invalidInput('disks', 'exactly one system disk', input.disks.map((disk) => disk.path));
  if (Buffer.byteLength(channels.qmpSocket) > MAX_SOCKET_PATH) {
    throw invalidInput('QMP socket path', `at most ${MAX_SOCKET_PATH} bytes (a unix socket limit)`, channels.qmpSocket);
  }
  const macs = model.nics.map((nic, index) => (nic.mac === undefined || nic.mac === 'auto' ? deriveMac(input.macSeed, index) : nic.mac.toLowerCase()));
  const args = [
    '-name', `${input.name},debug-threads=off`,
    '-nodefaults', '-no-user-config',
    '-machine', `${model.chipset},accel=${input.accel}`,
    '-m', String(model.memoryMiB), '-smp', String(model.cpus),
    '-display', 'none', '-no-reboot',
    ...buildConfinementArgs(input.confinement),
    ...(input.paused ? ['-S'] : []),
    '-chardev', `file,id=com1,path=${escapeOption(channels.consoleLog)}`, '-serial', 'chardev:com1',
    '-chardev', `file,id=com2,path=${escapeOption(channels.agentLog)}`, '-serial', 'chardev:com2',
    '-chardev', `socket,id=qmp,path=${escapeOption(channels.qmpSocket)},server=on,wait=off`, '-mon', 'chardev=qmp,mode=control',
    ...buildBridgeArgs(model),
    ...model.nics.flatMap((nic, index) => [
      // restrict=on: the guest can reach neither the host nor any network.
      '-netdev', `user,id=net${index},restrict=on`,
      '-device', `${nic.device},id=nic${index},netdev=net${index},mac=${macs[index]},${placement(nic)}`,
    ]),
    '-device', `${model.video.device},id=video0,${placement(model.video)}`,
    ...buildStorageArgs(model, input.disks[0] as VmDisk, input.boot.kind === 'firmware'),
    ...buildBootArgs(input),
  ];
  return { binary: QEMU_BINARY, args, macs, confinement: input.confinement };
}

/**
 * The `-sandbox` value: QEMU's seccomp filter with every optional deny. QEMU installs the filter
 * before `-runas` drops root, so a QEMU that switches users must be let through the set*uid
 * calls (measured on 7.2: `elevateprivileges=deny` or `children` with `-runas` ends QEMU by
 * SIGSYS, exit 159). Once switched every uid is the unprivileged one (QEMU itself checks that
 * setuid(0) fails), and `spawn=deny` keeps set-uid programs out of reach.
 */
export function sandboxOption(switchesUser: boolean): string {
  return `on,obsolete=deny,elevateprivileges=${switchesUser ? 'allow' : 'deny'},spawn=deny,resourcecontrol=deny`;
}

/** A device's `bus=` (only behind a bridge: bus 0 is QEMU's default) and `addr=`. */
function placement(entry: { bus?: string | undefined; slot: number }): string {
  return `${entry.bus === undefined ? '' : `bus=${entry.bus},`}addr=${formatSlot(entry.slot)}`;
}

/**
 * The model's bridges, parents before children (QEMU resolves `bus=` when it creates a device):
 * `pci-bridge,id=br1,chassis_nr=1,bus=pci.0,addr=0x08`, `pcie-root-port,id=rp1,chassis=1,slot=1,bus=pcie.0,addr=0x10`
 * (the port's physical slot number is its chassis number, so each pair is unique), `pcie-pci-bridge,id=pb1,bus=rp1,addr=0x00`.
 */
function buildBridgeArgs(model: HardwareModel): string[] {
  return listModelBridges(model).flatMap(({ bridge, spec, chassis }) => {
    const parent = bridge.bus ?? rootBusName(model.chipset);
    const number = spec?.chassisProperty === 'chassis' ? `chassis=${chassis},slot=${chassis},` : spec?.chassisProperty === 'chassis_nr' ? `chassis_nr=${chassis},` : '';
    return ['-device', `${bridge.type},id=${bridge.id},${number}bus=${parent},addr=${formatSlot(bridge.slot)}`];
  });
}

function buildConfinementArgs(confinement: QemuConfinement): string[] {
  return [
    ...(confinement.sandbox ? ['-sandbox', sandboxOption(confinement.runAs !== undefined)] : []),
    ...(confinement.runAs ? ['-runas', confinement.runAs.name] : []),
  ];
}

/** The confinement in two lines of words: `sandbox: on (…)` and `runas: nobody (…)`. */
export function describeConfinement(confinement: QemuConfinement): string[] {
  return [
    `sandbox: ${confinement.sandbox ? 'on' : 'unsupported'} (${confinement.why.sandbox})`,
    `runas: ${confinement.runAs?.name ?? 'none'} (${confinement.why.runAs})`,
  ];
}

// With -kernel, QEMU gives bootindex 0 to its linuxboot option ROM: a disk asking for it too is refused.
function buildStorageArgs(model: HardwareModel, disk: VmDisk, firmwareBoot: boolean): string[] {
  const bootIndex = firmwareBoot ? ',bootindex=0' : '';
  const spec = findDevice(model.storage.device) as DeviceSpec;
  const attachment = spec.disk ?? { kind: 'inline' };
  const sectorSize = disk.logicalSectorSize ?? 512;
  if (sectorSize !== 512 && attachment.kind === 'ide-bus') {
    throw invalidInput(`logical sector size for a disk on ${spec.qemu}`, '512 (QEMU IDE/AHCI disks only have 512-byte sectors)', sectorSize);
  }
  const blockSize = sectorSize === 512 ? '' : `,logical_block_size=${sectorSize},physical_block_size=${sectorSize}`;
  const drive = ['-drive', `if=none,id=disk0,file=${escapeOption(disk.path)},format=${disk.format},cache=unsafe${disk.readOnly ? ',readonly=on' : ''}`];
  const extra = Object.entries(spec.extraProps ?? {}).map(([key, value]) => `,${key}=${value}`).join('');
  const slot = model.storage.slot;
  const controller = slot === undefined ? [] : ['-device', `${spec.qemu},id=stor0,${placement({ bus: model.storage.bus, slot })}${attachment.kind === 'inline' ? `,drive=disk0${bootIndex}${blockSize}` : ''}${extra}`];
  // A controller built into the chipset (PIIX3 IDE, ICH9 AHCI) exposes its first port as bus ide.0.
  const bus = slot === undefined ? 'ide.0' : 'stor0.0';
  switch (attachment.kind) {
    case 'inline':
      return [...drive, ...controller];
    case 'ide-bus':
      return [...drive, ...controller, '-device', `ide-hd,id=disk0dev,bus=${bus},drive=disk0${bootIndex}`];
    case 'scsi':
      return [...drive, ...controller, '-device', `scsi-hd,id=disk0dev,bus=${bus},drive=disk0${bootIndex}${blockSize}`];
  }
}

function buildBootArgs(input: QemuArgsInput): string[] {
  if (input.boot.kind === 'firmware') return buildFirmwareArgs(input.boot);
  return [
    '-kernel', input.boot.kernel,
    ...(input.boot.initrd ? ['-initrd', input.boot.initrd] : []),
    '-append', input.boot.append,
  ];
}
