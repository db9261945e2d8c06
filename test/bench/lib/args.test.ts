import test from 'ava';
import { parseBenchArgs } from '../../../bench/lib/args.js';
import { UsageError } from '../../../harness/errors/errors.js';

test('parseBenchArgs: defaults, --quick, --only', (t) => {
  t.deepEqual(parseBenchArgs([]), { quick: false, library: false, only: [1, 2, 3, 4, 5, 6], out: 'bench/results.json' });
  t.deepEqual(parseBenchArgs(['--quick', '--only', '3, 1,3', '--out', '/tmp/b.json']), { quick: true, library: false, only: [1, 3], out: '/tmp/b.json' });
  t.true(parseBenchArgs(['--library']).library);
});

test('parseBenchArgs: --library runs section 7 alone, or beside the sections --only names', (t) => {
  t.deepEqual(parseBenchArgs(['--library']).only, [7]);
  t.deepEqual(parseBenchArgs(['--library', '--only', '2,1']).only, [1, 2, 7]);
  t.deepEqual(parseBenchArgs(['--only', '7']).only, [7]);
});

test('parseBenchArgs: bad input names the flag, what was expected and what came', (t) => {
  const unknown = t.throws(() => parseBenchArgs(['--quik']), { instanceOf: UsageError });
  t.regex(unknown.message, /expected --quick, --library.*got "--quik"/);
  const only = t.throws(() => parseBenchArgs(['--only', '1,8']), { instanceOf: UsageError });
  t.is(only.message, 'Invalid --only: expected a comma-separated list of sections 1 to 7, got "1,8".');
  t.throws(() => parseBenchArgs(['--only', 'x']), { instanceOf: UsageError });
  t.throws(() => parseBenchArgs(['stray']), { instanceOf: UsageError });
});
