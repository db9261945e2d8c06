// A hostile guest on both serial ports (test/fixtures/fake-qemu/hostile-guest.mjs answers the clone
// boot; the install is replayed): binary garbage, 10 MB lines, fake probe lines on COM1,
// terminal escapes and HTML, and a flood of lines. The run must keep bounded memory (peak RSS of
// the CLI, measured with a preload), keep the evidence, and escape it in every report.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { assertCleanAfter, CLI, FAULTS_DIR, setUpFaultRun, readResults } from '../../faults/fault-run.js';

const FLOOD_MB = 150;
// Measured: ~285 MB for a run whatever the flood; reading a flooded COM2 whole took 555 MB at 100 MB.
const RSS_LIMIT_KB = 400 * 1024;

test.serial(`a hostile guest flooding both serial ports (${FLOOD_MB} MB each): bounded memory, evidence kept, reports escaped`, async (t) => {
  const setup = setUpFaultRun(t, 'hostile', { FAULT_REPLAY_MATCH: '/masters/', FAULT_MATCH: '/scenarios/', FAULT_MODE: 'hostile', FAULT_FLOOD_MB: String(FLOOD_MB) });
  const rssFile = path.join(setup.dir, 'rss');
  const run = await execa(process.execPath, ['--import', path.join(FAULTS_DIR, 'max-rss.mjs'), CLI, 'run', setup.scenario, '--out', setup.out, '--accel', 'tcg', '--jobs', '1', '--retries', '0'], {
    reject: false, all: true, env: { ...setup.env, FAULT_RSS_FILE: rssFile },
  });
  t.true(run.exitCode === 1 || run.exitCode === 2, run.all);
  const peakKb = Number(readFileSync(rssFile, 'utf8'));
  t.log(`peak RSS of clonelab run: ${Math.round(peakKb / 1024)} MB with ${2 * FLOOD_MB} MB of hostile serial output`);
  t.true(peakKb > 0 && peakKb < RSS_LIMIT_KB, `peak RSS ${peakKb} kB`);
  const [clone] = readResults(setup.out).scenarios[0]?.clones ?? [];
  t.truthy(clone, 'the clone has a record');
  t.is(clone?.facts?.stop, undefined, 'a fake STOP line on COM1 is not taken for the agent');
  for (const log of [clone?.artifacts.consoleLog, clone?.artifacts.agentLog]) {
    t.true(statSync(log ?? '').size > FLOOD_MB * 1024 * 1024, `evidence kept: ${log}`);
  }
  t.false(run.all.includes('\u001b'), 'no escape from the guest reaches the terminal');
  for (const report of ['report.html', 'junit.xml']) {
    const text = readFileSync(path.join(setup.out, report), 'utf8');
    t.false(text.includes('<script>alert'), `${report}: guest HTML is escaped`);
    t.false(text.includes('onerror=alert'), `${report}: no guest attribute`);
    t.false(text.includes('\u0000') || text.includes('\u001b'), `${report}: no raw NUL or ESC`);
  }
  t.true(statSync(path.join(setup.out, 'report.html')).size < 5 * 1024 * 1024, 'the HTML report stays small');
  await assertCleanAfter(t, setup);
});
