import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';

const CLI = path.resolve('dist/cli/main.js');
const clonelab = (...args: string[]) => execa('node', [CLI, ...args], { reject: false });

test('machines list --json lists at least 12 models', async (t) => {
  const result = await clonelab('machines', 'list', '--json');
  t.is(result.exitCode, 0);
  const models = JSON.parse(result.stdout) as { name: string }[];
  t.true(models.length >= 12);
  t.true(models.some((model) => model.name === 'desktop-e1000'));
});

test('machines list prints a table with every model', async (t) => {
  const result = await clonelab('machines', 'list');
  t.is(result.exitCode, 0);
  t.regex(result.stdout, /desktop-e1000-slot3/);
  t.regex(result.stdout, /\d+ models/);
});

test('machines show prints devices, slots, PCI ids and drivers', async (t) => {
  const result = await clonelab('machines', 'show', 'cloud-virtio-scsi');
  t.is(result.exitCode, 0);
  t.regex(result.stdout, /virtio-scsi-pci.*05\.0.*1af4:1004.*virtio-pci → virtio_scsi/);
});

test('machines show --qemu-args prints the argv', async (t) => {
  const result = await clonelab('machines', 'show', 'desktop-lsi', '--qemu-args');
  t.is(result.exitCode, 0);
  t.regex(result.stdout, /^qemu-system-x86_64/);
  t.regex(result.stdout, /lsi53c895a,id=stor0,addr=0x05/);
});

test('an unknown model name is refused with the nearest names', async (t) => {
  const result = await clonelab('machines', 'show', 'desktop-lsy');
  t.is(result.exitCode, 2);
  t.regex(result.stderr, /Invalid hardware model name: expected one of the \d+ catalog models, got "desktop-lsy"/);
  t.regex(result.stderr, /Did you mean desktop-lsi/);
});
