import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';

const CLI = path.resolve('dist/cli/main.js');

function clonelab(...args: string[]) {
  return execa(process.execPath, [CLI, ...args], { reject: false });
}

test('scenarios list --tag lists the scenarios with one of the tags; the table shows every scenario\'s tags', async (t) => {
  const all = JSON.parse((await clonelab('scenarios', 'list', '--json')).stdout) as { name: string; tags: string[] }[];
  const tagged = JSON.parse((await clonelab('scenarios', 'list', '--tag', 'storage,video', '--json')).stdout) as { name: string; tags: string[] }[];
  const expected = all.filter((scenario) => scenario.tags.includes('storage') || scenario.tags.includes('video')).map((scenario) => scenario.name);
  t.true(expected.length >= 3 && expected.length < all.length);
  t.deepEqual(tagged.map((scenario) => scenario.name), expected);
  const table = await clonelab('scenarios', 'list', '--tag', 'video');
  t.regex(table.stdout, /video-card-change[^\n]*drivers video/);
  t.regex(table.stdout, /\n1 scenarios$/);
});

test('scenarios list refuses a tag no scenario carries', async (t) => {
  const result = await clonelab('scenarios', 'list', '--tag', 'nics');
  t.is(result.exitCode, 2);
  t.regex(result.stderr, /Invalid --tag: .*got "nics"[\s\S]*Did you mean nic/);
});
