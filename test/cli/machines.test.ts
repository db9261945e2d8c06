import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { installFakeQemu } from '../harness/qemu/fake-qemu.js';

const CLI = path.resolve('dist/cli/main.js');
// --qemu-args asks how QEMU is confined here: the probe meets the confinement fake and a private
// cache, so this test neither starts the real QEMU nor writes the user's cache.
const host = mkdtempSync(path.join(tmpdir(), 'clonelab-machines-host-'));
test.after.always(() => rmSync(host, { recursive: true, force: true }));
const env = { ...process.env, PATH: installFakeQemu(host, 'confinement'), CLONELAB_CACHE: path.join(host, 'cache') };
const clonelab = (...args: string[]) => execa('node', [CLI, ...args], { reject: false, env });

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
  t.regex(result.stdout, /-sandbox[\s\\]+on,/, 'confined as the (fake) QEMU of this test allows');
});

test('an unknown model name is refused with the nearest names', async (t) => {
  const result = await clonelab('machines', 'show', 'desktop-lsy');
  t.is(result.exitCode, 2);
  t.regex(result.stderr, /Invalid hardware model name: expected one of the \d+ catalog models, got "desktop-lsy"/);
  t.regex(result.stderr, /Did you mean desktop-lsi/);
});

test('--models: user models join the list, marked with their file; show gives bridges and guest addresses', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-machines-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  const file = path.join(folder, 'fleet.json');
  writeFileSync(file, JSON.stringify([
    { name: 'desk-bridged', extends: 'desktop-e1000', bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }], nics: [{ device: 'e1000', bus: 'br1', slot: 3 }] },
  ]));
  const list = await clonelab('machines', 'list', '--models', file);
  t.is(list.exitCode, 0, list.stderr);
  t.regex(list.stdout, /desk-bridged[^\n]*e1000@br1:3[^\n]*fleet\.json/);
  t.regex(list.stdout, /desktop-e1000 [^\n]*built-in/);
  t.true(list.stdout.includes(`your models:\n  desk-bridged: ${file} (extends desktop-e1000)`));
  const json = JSON.parse((await clonelab('machines', 'list', '--json', '--models', file)).stdout) as { name: string; source?: string }[];
  t.is(json.find((model) => model.name === 'desk-bridged')?.source, file);
  const show = await clonelab('machines', 'show', 'desk-bridged', '--models', file);
  t.is(show.exitCode, 0, show.stderr);
  t.regex(show.stdout, /bridge +│? *pci-bridge br1 +│? *00:08\.0 .*1b36:0001.*bus 01 behind it/);
  t.regex(show.stdout, /e1000 +│? *01:03\.0 /);
  const args = await clonelab('machines', 'show', 'desk-bridged', '--models', file, '--qemu-args');
  t.regex(args.stdout, /pci-bridge,id=br1,chassis_nr=1,bus=pci\.0,addr=0x08[\s\S]*e1000,id=nic0,netdev=net0,mac=[0-9a-f:]+,bus=br1,addr=0x03/);
});

test('--models with a bad model exits 2 before anything, naming the file, the model and the field', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-machines-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  const file = path.join(folder, 'bad.json');
  writeFileSync(file, JSON.stringify({ name: 'desk-b', extends: 'desktop-e1000', nics: [{ device: 'e1000', slto: 3 }] }));
  const result = await clonelab('machines', 'list', '--models', file);
  t.is(result.exitCode, 2);
  t.regex(result.stderr, /bad\.json: model "desk-b": nics\[0\]\.slto: Unrecognized key "slto": did you mean slot\?/);
});
