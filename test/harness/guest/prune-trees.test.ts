import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { pruneStaleTrees } from '../../../harness/guest/prune-trees.js';

test('stale cached trees are pruned, recent ones and the kept one stay', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'clonelab-prune-'));
  try {
    for (const name of ['tree-0000000000000001', 'tree-0000000000000002', 'tree-0000000000000003', 'moduledb-x']) await mkdir(path.join(dir, name));
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(path.join(dir, 'tree-0000000000000001'), old, old);
    await utimes(path.join(dir, 'tree-0000000000000003'), old, old);
    await utimes(path.join(dir, 'moduledb-x'), old, old);
    const removed = await pruneStaleTrees(dir, 'tree-0000000000000003');
    t.deepEqual(removed, [path.join(dir, 'tree-0000000000000001')]);
    t.deepEqual((await readdir(dir)).sort(), ['moduledb-x', 'tree-0000000000000002', 'tree-0000000000000003']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
