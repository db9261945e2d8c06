import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { buildQemuArgs } from '../../../harness/qemu/build-args.js';
import { buildFirmwareArgs } from '../../../harness/qemu/firmware-args.js';
import { UsageError } from '../../../harness/errors/errors.js';
import type { BootSpec, QemuArgsInput } from '../../../harness/qemu/types.js';

const reference = hardwareCatalog[0] as HardwareModel;
const uefi: BootSpec = { kind: 'firmware', firmware: 'uefi', code: '/usr/share/OVMF/OVMF_CODE_4M.fd', vars: '/lab/vm1/OVMF_VARS.fd' };

function input(boot: BootSpec, model = reference): QemuArgsInput {
  return {
    name: model.name, model, disks: [{ path: '/lab/disk.img', format: 'raw' }], boot,
    channels: { consoleLog: '/lab/console.log', agentLog: '/lab/agent.log', qmpSocket: '/lab/qmp.sock' },
    macSeed: 'seed', accel: 'tcg', confinement: { sandbox: false, why: { sandbox: 'test', runAs: 'test' } },
  };
}

const valuesOf = (args: string[], flag: string): string[] => args.flatMap((arg, index) => (arg === flag ? [args[index + 1] ?? ''] : []));

test('bios: SeaBIOS (QEMU\'s default) boots the disk at boot index 0, the same argv as the plain firmware kind', (t) => {
  const { args } = buildQemuArgs(input({ kind: 'firmware', firmware: 'bios' }));
  t.deepEqual(args, buildQemuArgs(input({ kind: 'firmware' })).args);
  t.false(args.includes('-kernel'));
  t.false(args.some((arg) => arg.includes('pflash')));
  t.regex(args.join(' '), /drive=disk0,bootindex=0/);
});

test('uefi: OVMF code read-only as pflash unit 0, the private variables writable as unit 1, disk at boot index 0', (t) => {
  for (const model of hardwareCatalog) {
    const { args } = buildQemuArgs(input(uefi, model));
    const drives = valuesOf(args, '-drive');
    t.deepEqual(drives.slice(-2), [
      'if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd',
      'if=pflash,format=raw,unit=1,file=/lab/vm1/OVMF_VARS.fd',
    ], model.name);
    t.false(args.includes('-kernel'));
    t.regex(args.join(' '), /drive=disk0,bootindex=0/, model.name);
  }
});

test('uefi: commas in paths are escaped; the system variables template is refused', (t) => {
  t.deepEqual(buildFirmwareArgs({ ...uefi, vars: '/lab/a,b/vars.fd' })[3], 'if=pflash,format=raw,unit=1,file=/lab/a,,b/vars.fd');
  const error = t.throws(() => buildQemuArgs(input({ ...uefi, vars: '/usr/share/OVMF/OVMF_VARS_4M.fd' })), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /OVMF variables file: expected a private copy outside the firmware folder \/usr\/share\/OVMF, got "\/usr\/share\/OVMF\/OVMF_VARS_4M\.fd"/);
  t.throws(() => buildFirmwareArgs({ ...uefi, vars: uefi.kind === 'firmware' && 'code' in uefi ? uefi.code : '' }), { instanceOf: UsageError });
});

test('the kernel kind carries no firmware options', (t) => {
  t.deepEqual(buildFirmwareArgs({ kind: 'kernel', kernel: '/lab/vmlinux', append: 'quiet' }), []);
  t.deepEqual(buildFirmwareArgs({ kind: 'firmware' }), []);
});
