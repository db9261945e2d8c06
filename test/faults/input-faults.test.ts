// Hostile or broken input through the CLI (real wimlib, mtools, mkfs; no VM): a corrupt WIM, a
// truncated disk image, a split WIM with a part missing, unreadable scenario files. Each must be
// refused with a message naming the cause (and the phase, for tool failures), leaving no target
// file, no temporary file and no tool process behind, and the source unchanged.
import { mkdirSync, openSync, rmSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { assertCleanAfter, CLI, findFiles, hashFile, setUpFaultRun, type FaultRunSetup } from './fault-run.js';

function clonelab(setup: FaultRunSetup, args: readonly string[]) {
  return execa(process.execPath, [CLI, ...args], { reject: false, all: true, cwd: setup.dir, env: setup.env });
}

// A 3 MB random file (stored, not compressed: corruption lands in its data) and a small one.
async function makeWim(t: ExecutionContext, setup: FaultRunSetup): Promise<string> {
  const source = path.join(setup.dir, 'src');
  mkdirSync(source);
  writeFileSync(path.join(source, 'a.bin'), Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 7919 + (i >> 8)) % 251)));
  writeFileSync(path.join(source, 'b.txt'), 'hello\n');
  const wim = path.join(setup.dir, 'x.wim');
  const captured = await clonelab(setup, ['image', 'capture', source, wim, '--compress', 'none']);
  t.is(captured.exitCode, 0, captured.all);
  return wim;
}

async function assertRefused(t: ExecutionContext, setup: FaultRunSetup, run: { exitCode?: number; all?: string }, cause: RegExp, target: string): Promise<void> {
  t.is(run.exitCode, 2, run.all);
  t.regex(run.all ?? '', cause);
  t.deepEqual(findFiles(setup.dir, new RegExp(`${path.basename(target)}$`)), [], 'no (half-written) target left');
  await assertCleanAfter(t, setup);
}

test('a corrupt WIM: apply fails in step wim-apply naming the checksum mismatch; the WIM is left as it was', async (t) => {
  const setup = setUpFaultRun(t, 'corrupt-wim');
  const wim = await makeWim(t, setup);
  const handle = openSync(wim, 'r+');
  writeSync(handle, Buffer.alloc(8192, 0xde), 0, 8192, 1_500_000);
  closeSync(handle);
  const before = await hashFile(wim);
  const target = path.join(setup.dir, 'target.img');
  const run = await clonelab(setup, ['image', 'apply', wim, target, '--size', '64M', '--fs', 'fat32']);
  await assertRefused(t, setup, run, /infrastructure error \(step wim-apply\): wimlib-imagex failed on .*x\.wim .*SHA-1 message digest of a WIM resource did not match/, target);
  t.is(await hashFile(wim), before, 'the source WIM is unchanged');
  const verify = await clonelab(setup, ['image', 'verify', wim]);
  t.not(verify.exitCode, 0, 'verify refuses it too');
});

test('a truncated disk image: clone is refused naming the truncation, for every method', async (t) => {
  const setup = setUpFaultRun(t, 'truncated');
  const source = path.join(setup.dir, 'src');
  mkdirSync(source);
  writeFileSync(path.join(source, 'hello.txt'), 'hello\n');
  const disk = path.join(setup.dir, 'disk.img');
  const made = await clonelab(setup, ['disk', 'create', disk, '--size', '64M', '--fs', 'fat32', '--from', source]);
  t.is(made.exitCode, 0, made.all);
  truncateSync(disk, 3 * 1024 * 1024);
  for (const method of ['sector', 'used-blocks', 'file']) {
    const target = path.join(setup.dir, `clone-${method}.img`);
    const run = await clonelab(setup, ['clone', disk, target, '--method', method]);
    await assertRefused(t, setup, run, /disk\.img is truncated: its partition table says the partition ends at byte 67108864, but the file has only 3145728 bytes/, target);
  }
});

test('a split WIM with a missing part: apply is refused naming the part', async (t) => {
  const setup = setUpFaultRun(t, 'split');
  const wim = await makeWim(t, setup);
  const split = await clonelab(setup, ['image', 'split', wim, '--part-size', '1M']);
  t.is(split.exitCode, 0, split.all);
  rmSync(path.join(setup.dir, 'x2.swm'));
  const target = path.join(setup.dir, 'target.img');
  const run = await clonelab(setup, ['image', 'apply', path.join(setup.dir, 'x.swm'), target, '--size', '64M', '--fs', 'fat32']);
  await assertRefused(t, setup, run, /Split WIM .*x\.swm is incomplete: part 2 of \d+ missing/, target);
});

test('unreadable scenario files are refused in step load before any VM or output folder', async (t) => {
  const setup = setUpFaultRun(t, 'scenario-file');
  const folder = path.join(setup.dir, 'folder.json');
  mkdirSync(folder);
  writeFileSync(path.join(setup.dir, 'broken.json'), '{"name": "x",');
  writeFileSync(path.join(setup.dir, 'binary.json'), Buffer.from([0, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a]));
  const cases: Array<[string, RegExp]> = [
    [folder, /error \(step load\): Cannot load scenario file .*folder\.json: EISDIR/],
    [path.join(setup.dir, 'broken.json'), /error \(step load\): Cannot load scenario file .*broken\.json: .*JSON/],
    [path.join(setup.dir, 'binary.json'), /error \(step load\): Cannot load scenario file .*binary\.json: .*JSON/],
    [path.join(setup.dir, 'missing.json'), /error.*missing\.json/],
  ];
  for (const [file, cause] of cases) {
    const run = await clonelab(setup, ['run', file, '--out', setup.out, '--accel', 'tcg']);
    t.is(run.exitCode, 2, run.all);
    t.regex(run.all, cause);
    t.false(run.all.includes('\u001b[2J'), 'file bytes do not reach the terminal as escapes');
  }
  t.deepEqual(findFiles(setup.dir, /^out$/), [], 'no output folder was made');
  await assertCleanAfter(t, setup);
});
