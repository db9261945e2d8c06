import test from 'ava';
import { parseBenchArgs } from '../../../bench/lib/args.js';
import { UsageError } from '../../../harness/errors/errors.js';

test('parseBenchArgs: defaults, --quick, --only', (t) => {
  t.deepEqual(parseBenchArgs([]), { quick: false, library: false, debian: false, cold: false, only: [1, 2, 3, 4, 5, 6], out: 'bench/results.json' });
  t.deepEqual(parseBenchArgs(['--quick', '--only', '3, 1,3', '--out', '/tmp/b.json']), { quick: true, library: false, debian: false, cold: false, only: [1, 3], out: '/tmp/b.json' });
  t.true(parseBenchArgs(['--library']).library);
});

test('parseBenchArgs: --library runs section 7 alone, or beside the sections --only names', (t) => {
  t.deepEqual(parseBenchArgs(['--library']).only, [7]);
  t.deepEqual(parseBenchArgs(['--library', '--only', '2,1']).only, [1, 2, 7]);
  t.deepEqual(parseBenchArgs(['--only', '7']).only, [7]);
});

test('parseBenchArgs: --debian runs section 8 alone or beside --only; --cold only with --debian', (t) => {
  t.deepEqual(parseBenchArgs(['--debian']).only, [8]);
  t.deepEqual(parseBenchArgs(['--debian', '--library', '--only', '1']).only, [1, 7, 8]);
  t.deepEqual(parseBenchArgs(['--only', '8']).only, [8]);
  t.like(parseBenchArgs(['--debian', '--cold', '--quick']), { debian: true, cold: true, quick: true });
  const cold = t.throws(() => parseBenchArgs(['--cold']), { instanceOf: UsageError });
  t.regex(cold.message, /--cold.*--debian/);
});

test('parseBenchArgs: bad input names the flag, what was expected and what came', (t) => {
  const unknown = t.throws(() => parseBenchArgs(['--quik']), { instanceOf: UsageError });
  t.regex(unknown.message, /expected --quick, --library.*got "--quik"/);
  const only = t.throws(() => parseBenchArgs(['--only', '1,9']), { instanceOf: UsageError });
  t.is(only.message, 'Invalid --only: expected a comma-separated list of sections 1 to 8, got "1,9".');
  t.throws(() => parseBenchArgs(['--only', 'x']), { instanceOf: UsageError });
  t.throws(() => parseBenchArgs(['stray']), { instanceOf: UsageError });
});
