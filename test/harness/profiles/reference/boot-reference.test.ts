import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { createDisk, parseGeometry } from '../../../../harness/disks/index.js';
import { resolveModel } from '../../../../harness/hardware/resolve-model.js';
import type { BootInput } from '../../../../harness/profiles/types.js';
import { bootReference } from '../../../../harness/profiles/reference/boot-reference.js';
import { FAKE_QEMU_DIR } from '../../qemu/fake-qemu.js';

// A fake QEMU that, once continued, writes the agent lines of $FAKE_AGENT_FILE to COM2 and exits
// (the guest powered off): bootGuest reads them as the guest's report. The mapping of every
// outcome onto the common BootResult is what is tested; the real guest boots in test/e2e.
const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-boot-reference-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));
const bin = path.join(folder, 'bin');
mkdirSync(bin, { recursive: true });
const fake = path.join(bin, 'qemu-system-x86_64');
writeFileSync(fake, `#!/usr/bin/env node
import { copyFileSync, writeFileSync } from 'node:fs';
import { findChannels } from ${JSON.stringify(pathToFileURL(path.join(FAKE_QEMU_DIR, 'chardevs.mjs')).href)};
import { serveQmp, startsPaused } from ${JSON.stringify(pathToFileURL(path.join(FAKE_QEMU_DIR, 'fake-qmp.mjs')).href)};
const argv = process.argv.slice(2);
if (!argv.includes('-kernel')) process.exit(0);
const { consoleLog, agentLog } = findChannels(argv);
if (startsPaused(argv)) await serveQmp(argv).continued;
writeFileSync(consoleLog, 'fake console\\n');
copyFileSync(process.env.FAKE_AGENT_FILE, agentLog);
process.exit(0);
`);
chmodSync(fake, 0o755);
process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
process.env.CLONELAB_CACHE = path.join(folder, 'cache');
const model = resolveModel('desktop-e1000');
let count = 0;

async function makeDisk(withBootFiles: boolean): Promise<string> {
  const tree = path.join(folder, `tree-${count}`);
  mkdirSync(path.join(tree, 'boot'), { recursive: true });
  if (withBootFiles) {
    writeFileSync(path.join(tree, 'boot', 'vmlinux'), 'kernel');
    writeFileSync(path.join(tree, 'boot', 'loader.img'), 'loader');
  }
  const disk = path.join(folder, `disk-${count}.img`);
  await createDisk(disk, parseGeometry({ size: '64M', filesystem: 'fat16' }), { fromDir: tree });
  return disk;
}

async function boot(agentLines: readonly string[], withBootFiles = true) {
  count += 1;
  const agentFile = path.join(folder, `agent-${count}.log`);
  writeFileSync(agentFile, agentLines.map((line) => `${line}\n`).join(''));
  process.env.FAKE_AGENT_FILE = agentFile;
  const input: BootInput = {
    master: { boot: 'direct', install: {} }, disk: await makeDisk(withBootFiles), format: 'raw', model, workDir: path.join(folder, `work-${count}`),
    accel: 'tcg', bootFileStore: path.join(folder, 'store'), signal: new AbortController().signal, timeoutMs: 20_000,
  };
  return bootReference(input);
}

const recorded = readFileSync(path.join(FAKE_QEMU_DIR, 'install-agent.log'), 'utf8').trim().split('\n');
const begin = recorded[0] ?? '';
const stopLine = (code: string, name: string) => JSON.stringify({ v: 1, t: 'stop', code, name, detail: 'the boot device is gone', at: 3.5 });

test.serial('a boot that reported: the common report, the VM, its MACs and placement; no stop', async (t) => {
  const result = await boot(recorded);
  t.is(result.stop, undefined);
  t.is(result.report?.setup, 'install');
  t.true(result.report?.identity.some((item) => item.kind === 'machine-sid'));
  t.is(result.malformedLines, 0);
  t.is(result.macs.length, model.nics.length);
  t.is(result.vm?.exitCode, 0);
  t.truthy(result.placement);
  t.is(typeof result.reportMs, 'number');
  t.true(result.consoleLog?.endsWith('console.log'));
});

test.serial('STOP 0x7B and 0xED are named; another code is a boot without a report; the report is dropped', async (t) => {
  const stop7b = await boot([begin, stopLine('0x0000007B', 'INACCESSIBLE_BOOT_DEVICE')]);
  t.deepEqual(stop7b.stop, { failure: 'stop-0x7b', text: 'STOP 0x0000007B INACCESSIBLE_BOOT_DEVICE' });
  t.is(stop7b.report, undefined);
  t.truthy(stop7b.vm);
  const stopEd = await boot([begin, stopLine('0x000000ED', 'UNMOUNTABLE_BOOT_VOLUME')]);
  t.is(stopEd.stop?.failure, 'stop-0xed');
  const other = await boot([begin, stopLine('0x0000001E', 'KMODE_EXCEPTION_NOT_HANDLED')]);
  t.deepEqual(other.stop, { failure: 'no-probe-report', text: 'STOP 0x0000001E KMODE_EXCEPTION_NOT_HANDLED' });
});

test.serial('nothing on COM2 but noise: no report, no stop, the malformed lines counted', async (t) => {
  const result = await boot(['not json', '{"v":1,"t":"bogus"}']);
  t.is(result.report, undefined);
  t.is(result.stop, undefined);
  t.is(result.malformedLines, 2);
});

test.serial('a volume without boot files: STOP 0xED from the boot loader, no VM', async (t) => {
  const result = await boot(recorded, false);
  t.is(result.stop?.failure, 'stop-0xed');
  t.regex(result.stop?.text ?? '', /^STOP 0x000000ED UNMOUNTABLE_BOOT_VOLUME \(boot loader: Cannot read the boot files/);
  t.is(result.vm, undefined);
  t.deepEqual(result.macs, []);
  t.is(result.malformedLines, 0);
});
