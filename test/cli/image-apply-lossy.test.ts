import test from 'ava';
import { execa } from 'execa';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeScratch } from '../harness/disks/fixtures.js';

const cli = path.resolve('dist/cli/main.js');
const scratch = makeScratch();

/** Runs the clonelab CLI without throwing. */
function run(...args: string[]) {
  return execa('node', [cli, ...args], { reject: false, cwd: scratch });
}

// The NTFS volume (case twins + a colon), made and captured with the CLI itself.
const source = (async () => {
  const docs = path.join(scratch, 'tree', 'Docs');
  await mkdir(docs, { recursive: true });
  await writeFile(path.join(docs, 'CaseName.TXT'), 'upper\n');
  await writeFile(path.join(docs, 'casename.txt'), 'lower\n');
  await writeFile(path.join(docs, 'x:y.txt'), 'colon\n');
  const create = await run('disk', 'create', 'ntfs.img', '--size', '32M', '--fs', 'ntfs', '--from', 'tree');
  if (create.exitCode !== 0) throw new Error(create.stderr);
  const capture = await run('image', 'capture', 'ntfs.img', 'ntfs.wim');
  if (capture.exitCode !== 0) throw new Error(capture.stderr);
  return { disk: 'ntfs.img', wim: 'ntfs.wim' };
})();

const names = ['/Docs/CaseName.TXT: case-collision', '/Docs/casename.txt: case-collision', '/Docs/x:y.txt: forbidden-character'];

test('image apply onto FAT16 is refused (exit 2) naming target, filesystem and the three names; --lossy applies and lists them', async (t) => {
  const { wim } = await source;
  const refused = await run('image', 'apply', wim, 'fat.img', '--size', '40M', '--fs', 'fat16');
  t.is(refused.exitCode, 2);
  t.regex(refused.stderr, /Refused to apply image 1 of ntfs\.wim onto fat\.img \(fat16\): 3 names/);
  for (const name of names) t.true(refused.stderr.includes(name), name);
  t.regex(refused.stderr, /hint: .*--lossy/);
  t.is(refused.stdout, '');
  await t.throwsAsync(access(path.join(scratch, 'fat.img')), { code: 'ENOENT' });

  const lossy = await run('image', 'apply', wim, 'fat.img', '--size', '40M', '--fs', 'fat16', '--lossy');
  t.is(lossy.exitCode, 0, lossy.stderr);
  t.regex(lossy.stdout, /fat\.img: image 1 of ntfs\.wim applied \(fat16/);
  t.true(lossy.stdout.includes('  lost: /Docs/CaseName.TXT: case-collision (written in place of its case twins)'), lossy.stdout);
  t.true(lossy.stdout.includes('  lost: /Docs/casename.txt: case-collision (not written)'), lossy.stdout);
  t.true(lossy.stdout.includes('  lost: /Docs/x:y.txt: forbidden-character (not written)'), lossy.stdout);

  const json = await run('image', 'apply', wim, 'fat-json.img', '--size', '40M', '--fs', 'fat16', '--lossy', '--json');
  t.deepEqual((JSON.parse(json.stdout) as { losses: Array<{ path: string }> }).losses.map((loss) => loss.path), ['/Docs/CaseName.TXT', '/Docs/casename.txt', '/Docs/x:y.txt']);
});

test('clone --method file follows the same rule; --lossy is only for file clones', async (t) => {
  const { disk } = await source;
  const refused = await run('clone', '--method', 'file', disk, 'clone.img', '--fs', 'fat16', '--size', '40M');
  t.is(refused.exitCode, 2);
  for (const name of names) t.true(refused.stderr.includes(name), name);
  const lossy = await run('clone', '--method', 'file', disk, 'clone.img', '--fs', 'fat16', '--size', '40M', '--lossy');
  t.is(lossy.exitCode, 0, lossy.stderr);
  t.is(lossy.stdout.split('\n').filter((line) => line.startsWith('  lost: ')).length, 3, lossy.stdout);
  const sector = await run('clone', '--method', 'sector', disk, 'sector.img', '--lossy');
  t.is(sector.exitCode, 2);
  t.regex(sector.stderr, /Invalid --lossy: expected it with --method file .*, got "--method sector"/);
});
