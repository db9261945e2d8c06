import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { buildQemuArgs, describeConfinement } from '../../../harness/qemu/build-args.js';
import { UsageError } from '../../../harness/errors/errors.js';
import type { QemuArgsInput, QemuConfinement } from '../../../harness/qemu/types.js';

const reference = hardwareCatalog[0] as HardwareModel;
const unconfined: QemuConfinement = { sandbox: false, why: { sandbox: 'test: off', runAs: 'test: none' } };
const sandboxed: QemuConfinement = { sandbox: true, why: { sandbox: 'test: on', runAs: 'test: not root' } };
const switching: QemuConfinement = { sandbox: true, runAs: { name: 'nobody', uid: 65534, gid: 65534 }, why: { sandbox: 'test: on', runAs: 'test: root' } };

function input(model: HardwareModel, overrides: Partial<QemuArgsInput> = {}): QemuArgsInput {
  return {
    name: model.name, model, disks: [{ path: '/lab/disk.img', format: 'raw' }],
    boot: { kind: 'kernel', kernel: '/lab/vmlinux', initrd: '/lab/loader.img', append: 'console=ttyS0 quiet' },
    channels: { consoleLog: '/lab/console.log', agentLog: '/lab/agent.log', qmpSocket: '/lab/qmp.sock' },
    macSeed: 'seed', accel: 'tcg', confinement: unconfined, ...overrides,
  };
}

/** The value of every `-flag value` pair with that flag. */
const valuesOf = (args: string[], flag: string): string[] => args.flatMap((arg, index) => (arg === flag ? [args[index + 1] ?? ''] : []));

for (const model of hardwareCatalog) {
  test(`argv snapshot: ${model.name}`, (t) => {
    t.snapshot(buildQemuArgs(input(model)));
  });

  test(`${model.name}: every PCI device has an explicit addr, NICs are restricted`, (t) => {
    const { args } = buildQemuArgs(input(model));
    const pciDevices = valuesOf(args, '-device').filter((device) => !/^(ide-hd|scsi-hd)/.test(device));
    t.is(pciDevices.length, model.nics.length + 1 + (model.storage.slot === undefined ? 0 : 1));
    for (const device of pciDevices) t.regex(device, /,addr=0x[0-9a-f]{2}/);
    for (const netdev of valuesOf(args, '-netdev')) t.regex(netdev, /^user,id=net\d+,restrict=on$/);
  });
}

test('fixed parts: -nodefaults, -no-reboot, COM1 console, COM2 agent, QMP socket', (t) => {
  const { binary, args } = buildQemuArgs(input(reference));
  t.is(binary, 'qemu-system-x86_64');
  for (const flag of ['-nodefaults', '-no-reboot', '-no-user-config']) t.true(args.includes(flag), flag);
  t.deepEqual(valuesOf(args, '-serial'), ['chardev:com1', 'chardev:com2']);
  t.deepEqual(valuesOf(args, '-chardev'), [
    'file,id=com1,path=/lab/console.log', 'file,id=com2,path=/lab/agent.log', 'socket,id=qmp,path=/lab/qmp.sock,server=on,wait=off',
  ]);
  t.deepEqual(valuesOf(args, '-mon'), ['chardev=qmp,mode=control']);
  t.false(args.includes('-S'));
  t.false(args.includes('-sandbox'));
});

test('paused VMs', (t) => {
  const { args } = buildQemuArgs(input(reference, { paused: true, boot: { kind: 'firmware' } }));
  t.true(args.includes('-S'));
  t.false(args.includes('-kernel'));
});

test('confinement: sandbox off, on, and on with a user switch; the command carries it', (t) => {
  const off = buildQemuArgs(input(reference));
  t.deepEqual([valuesOf(off.args, '-sandbox'), valuesOf(off.args, '-runas')], [[], []]);
  t.deepEqual(describeConfinement(off.confinement), ['sandbox: unsupported (test: off)', 'runas: none (test: none)']);
  const on = buildQemuArgs(input(reference, { confinement: sandboxed }));
  t.deepEqual(valuesOf(on.args, '-sandbox'), ['on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny']);
  t.deepEqual(valuesOf(on.args, '-runas'), []);
  t.is(on.confinement, sandboxed);
  // QEMU installs the filter before it switches users: the switch needs set*uid (measured: deny ends QEMU by SIGSYS).
  const switched = buildQemuArgs(input(reference, { confinement: switching }));
  t.deepEqual(valuesOf(switched.args, '-sandbox'), ['on,obsolete=deny,elevateprivileges=allow,spawn=deny,resourcecontrol=deny']);
  t.deepEqual(valuesOf(switched.args, '-runas'), ['nobody']);
  t.deepEqual(describeConfinement(switched.confinement), ['sandbox: on (test: on)', 'runas: nobody (test: root)']);
  const runAsOnly = buildQemuArgs(input(reference, { confinement: { ...switching, sandbox: false } }));
  t.deepEqual([valuesOf(runAsOnly.args, '-sandbox'), valuesOf(runAsOnly.args, '-runas')], [[], ['nobody']]);
  // The rest of the argv does not depend on the confinement.
  const strip = (args: string[]) => args.filter((arg, index) => !['-sandbox', '-runas'].includes(arg) && !['-sandbox', '-runas'].includes(args[index - 1] ?? ''));
  t.deepEqual(strip(switched.args), off.args);
});

test('MACs: unique per VM, locally administered unicast, stable for a seed', (t) => {
  const model: HardwareModel = { ...reference, nics: [{ device: 'e1000', slot: 2 }, { device: 'e1000', slot: 3 }] };
  const first = buildQemuArgs(input(model, { macSeed: 'vm-a' })).macs;
  const second = buildQemuArgs(input(model, { macSeed: 'vm-b' })).macs;
  t.deepEqual(buildQemuArgs(input(model, { macSeed: 'vm-a' })).macs, first);
  t.is(new Set([...first, ...second]).size, 4);
  for (const mac of [...first, ...second]) t.is(Number.parseInt(mac.slice(0, 2), 16) & 0b11, 0b10, mac);
});

test('a pinned MAC is used as given (every clone copies it)', (t) => {
  const model: HardwareModel = { ...reference, nics: [{ device: 'e1000', slot: 2, mac: '52:54:00:AA:BB:CC' }] };
  const { args, macs } = buildQemuArgs(input(model));
  t.deepEqual(macs, ['52:54:00:aa:bb:cc']);
  t.regex(valuesOf(args, '-device')[0] ?? '', /mac=52:54:00:aa:bb:cc/);
});

test('commas in paths are escaped inside QEMU options', (t) => {
  const { args } = buildQemuArgs(input(reference, { disks: [{ path: '/lab/a,b.img', format: 'raw' }] }));
  t.regex(valuesOf(args, '-drive')[0] ?? '', /file=\/lab\/a,,b\.img,format=raw/);
});

test('4096-byte sectors: on SCSI and NVMe, refused on IDE', (t) => {
  const lsi = hardwareCatalog.find((model) => model.name === 'desktop-lsi') as HardwareModel;
  const disks = [{ path: '/lab/disk.img', format: 'raw' as const, logicalSectorSize: 4096 as const }];
  t.regex(valuesOf(buildQemuArgs(input(lsi, { disks })).args, '-device').at(-1) ?? '', /logical_block_size=4096/);
  const error = t.throws(() => buildQemuArgs(input(reference, { disks })), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /expected 512.*got 4096/);
});

test('bad input is refused before any VM starts', (t) => {
  t.throws(() => buildQemuArgs(input({ ...reference, video: { device: 'VGA', slot: 2 } })), { message: /Two devices in slot 0x02/ });
  t.throws(() => buildQemuArgs(input(reference, { disks: [] })), { message: /exactly one system disk/ });
  const long = `/${'x'.repeat(120)}/qmp.sock`;
  t.throws(() => buildQemuArgs(input(reference, { channels: { consoleLog: 'c', agentLog: 'a', qmpSocket: long } })), { message: /at most 107 bytes/ });
});

test('the disk asks for boot index 0 only when firmware boots it (-kernel owns index 0)', (t) => {
  const kernel = buildQemuArgs(input(reference)).args.join(' ');
  t.notRegex(kernel, /bootindex/);
  const firmware = buildQemuArgs(input(reference, { boot: { kind: 'firmware' } })).args.join(' ');
  t.regex(firmware, /ide-hd,id=disk0dev,bus=ide\.0,drive=disk0,bootindex=0/);
});
