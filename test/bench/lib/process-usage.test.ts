import test from 'ava';
import { parseProcStat, readPeakRssMiB, readProcessUsage } from '../../../bench/lib/process-usage.js';

test('parseProcStat: CPU fields after a command name with spaces and parentheses', (t) => {
  const line = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 30 1200 80 20 0 11 0 123 456 789';
  t.deepEqual(parseProcStat(line), { selfMs: 2800, childMs: 12800 });
  t.throws(() => parseProcStat('1 (x) S 1'));
});

test('readProcessUsage: this process burns CPU, children CPU grows when a child ends', async (t) => {
  const before = readProcessUsage();
  const { execa } = await import('execa');
  // A child that burns some CPU; its time lands in cutime/cstime once it is waited for.
  await execa(process.execPath, ['-e', 'let x = 0; const end = Date.now() + 300; while (Date.now() < end) x++;']);
  const after = readProcessUsage();
  t.true(after.selfCpuMs >= before.selfCpuMs);
  t.true(after.childCpuMs > before.childCpuMs);
  t.true(readPeakRssMiB() > 10);
});
