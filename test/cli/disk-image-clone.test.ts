import test from 'ava';
import { execa } from 'execa';
import path from 'node:path';
import { makeScratch, makeTree } from '../harness/disks/fixtures.js';

const cli = path.resolve('dist/cli/main.js');
const scratch = makeScratch();
const tree = makeTree(path.join(scratch, 'tree'));

/** Runs the clonelab CLI without throwing. */
function run(...args: string[]) {
  return execa('node', [cli, ...args], { reject: false, cwd: scratch });
}

test('disk create / info / ls / cat, image capture / info / apply, clone — with --json', async (t) => {
  const create = await run('disk', 'create', 'm.img', '--size', '64M', '--fs', 'fat32', '--table', 'gpt', '--label', 'CLI', '--from', await tree, '--json');
  t.is(create.exitCode, 0, create.stderr);
  t.like(JSON.parse(create.stdout), { table: 'gpt', filesystem: 'fat32', label: 'CLI' });
  const ls = await run('disk', 'ls', 'm.img', '/Boot', '--json');
  t.deepEqual((JSON.parse(ls.stdout) as Array<{ name: string }>).map((entry) => entry.name).sort(), ['Deep', 'Long File Name.cfg']);
  t.is((await run('disk', 'cat', 'm.img', 'MARKER.TXT')).stdout, 'marker 1');
  t.is((await run('image', 'capture', 'm.img', 'm.wim', '--compress', 'xpress', '--name', 'first')).exitCode, 0);
  t.is((await run('image', 'capture', await tree, 'm.wim', '--append', '--name', 'second')).exitCode, 0);
  const info = JSON.parse((await run('image', 'info', 'm.wim', '--json')).stdout) as { images: Array<{ name: string }>; dedupeSaving: number };
  t.deepEqual(info.images.map((image) => image.name), ['first', 'second']);
  t.true(info.dedupeSaving > 0.45);
  const apply = await run('image', 'apply', 'm.wim:2', 'n.img', '--size', '32M', '--fs', 'ntfs', '--sector-size', '4096', '--json');
  t.like(JSON.parse(apply.stdout), { info: { filesystem: 'ntfs', sectorSize: 4096 } });
  const clone = await run('clone', '--method', 'sector', 'm.img', 'c.img', '--size', '96M', '--json');
  t.regex(clone.stdout, /filesystem kept its old size/);
  const refused = await run('clone', '--method', 'sector', 'm.img', 'd.img', '--size', '32M');
  t.is(refused.exitCode, 2);
  t.regex(refused.stderr, /clonelab: error: Cannot sector clone onto d\.img/);
});

test('bad input exits 2 with one clear line', async (t) => {
  const badFs = await run('disk', 'create', 'x.img', '--size', '64M', '--fs', 'ext4');
  t.is(badFs.exitCode, 2);
  t.regex(badFs.stderr, /ext4 is the root filesystem of the Linux guests .*this volume takes fat16, fat32 or ntfs/);
  const unknownFs = await run('disk', 'create', 'x.img', '--size', '64M', '--fs', 'btrfs');
  t.is(unknownFs.exitCode, 2);
  t.regex(unknownFs.stderr, /Invalid filesystem: expected "fat16", "fat32", "ntfs", "ext4", got "btrfs"/);
  const badMethod = await run('clone', '--method', 'rsync', 'x.img', 'y.img');
  t.is(badMethod.exitCode, 2);
  const notWim = await run('image', 'info', 'missing.wim');
  t.regex(notWim.stderr, /Cannot read WIM missing\.wim: ENOENT/);
});

test('every command that takes a geometry takes the same geometry flags', async (t) => {
  const flags = ['--size', '--fs', '--table', '--sector-size', '--partition-start', '--cluster-size', '--label', '--serial'];
  for (const command of [['guest', 'install'], ['disk', 'create'], ['image', 'apply'], ['clone']]) {
    const help = (await run(...command, '--help')).stdout;
    const given = [...help.matchAll(/^\s+(--[a-z-]+)/gm)].map((match) => match[1]);
    t.deepEqual(flags.filter((flag) => !given.includes(flag)), [], `${command.join(' ')} lacks geometry flags`);
    t.deepEqual(given.filter((flag) => ['--sector', '--start', '--cluster'].includes(flag!)), [], `${command.join(' ')}: no second name for a geometry field`);
  }
  const old = await run('disk', 'create', 'x.img', '--size', '64M', '--fs', 'fat32', '--sector', '4096');
  t.not(old.exitCode, 0);
  t.regex(old.stderr, /unknown option '--sector'/, 'the short names of before are gone');
});

test('guest install takes its geometry through the shared flags: --fs is required, the size defaults to 256M', async (t) => {
  const help = (await run('guest', 'install', '--help')).stdout;
  t.regex(help, /--size <size>\s+disk size, e\.g\. 256M \(default: "256M"\)/);
  const noFs = await run('guest', 'install', 'g.img', '--machine', 'desktop-e1000');
  t.not(noFs.exitCode, 0);
  t.regex(noFs.stderr, /required option '--fs <filesystem>' not specified/);
  const badSector = await run('guest', 'install', 'g.img', '--machine', 'desktop-e1000', '--fs', 'fat32', '--sector-size', '1024');
  t.is(badSector.exitCode, 2, badSector.stderr);
  t.regex(badSector.stderr, /sector size/i);
});
