import test from 'ava';
import { parsePeakRssMiB, parseProcCpuTimes, readSelfCpuTimes } from '../../../harness/host/proc-stat.js';

// A real /proc/<pid>/stat line (node), with utime 150, stime 30, cutime 900, cstime 120 ticks.
const LINE = '4242 (node) S 4200 4242 4200 34816 4242 4194304 12000 300 0 0 150 30 900 120 20 0 11 0 5000 1200000000 60000 18446744073709551615 1 1 0 0 0 0 0 4096 134234626 0 0 0 17 1 0 0 0 0 0';

test('utime, stime, cutime and cstime are read from fields 14 to 17, in ms at 100 ticks a second', (t) => {
  t.deepEqual(parseProcCpuTimes(LINE), { userMs: 1500, systemMs: 300, childUserMs: 9000, childSystemMs: 1200 });
});

test('a command name holding spaces and parentheses does not shift the fields', (t) => {
  const tricky = LINE.replace('(node)', '(qemu (x) 1 2 3)');
  t.deepEqual(parseProcCpuTimes(tricky), parseProcCpuTimes(LINE));
});

test('a line without the CPU fields is refused, naming what was expected and what came', (t) => {
  const error = t.throws(() => parseProcCpuTimes('4242 (node) S 4200 4242'));
  t.regex(error.message, /Expected a \/proc\/<pid>\/stat line with utime.*got: 4242 \(node\) S/);
  t.throws(() => parseProcCpuTimes('no parentheses at all 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15'));
});

test('the peak RSS comes from VmHWM in kB, and is undefined when the status has none', (t) => {
  t.is(parsePeakRssMiB('Name:\tnode\nVmPeak:\t 9000 kB\nVmHWM:\t  334848 kB\nVmRSS:\t 1000 kB\n'), 327);
  t.is(parsePeakRssMiB('Name:\tnode\n'), undefined);
});

test('this process\'s own /proc/self/stat parses', (t) => {
  const times = readSelfCpuTimes();
  t.true(Number.isFinite(times.userMs) && Number.isFinite(times.childUserMs));
});
