import test from 'ava';
import { renderKeptSection } from '../../../reports/html/kept-section.js';
import type { RetentionRecord, ScenarioResult } from '../../../harness/results/types.js';

test('the Kept on disk section names the policy, the bytes and each clone\'s kept disks and boot files', (t) => {
  const record: RetentionRecord = { policy: 'failures', applied: true, keptBytes: 3 * 2 ** 20, removedBytes: 100 * 2 ** 20, removedFiles: 7, masters: { files: [], bytes: 0 }, note: 'a <note>' };
  const clone = (id: string, files: string[]) => ({ cloneId: id, machine: 'm', status: 'booted' as const, timeline: [], attempts: 1, notes: [], artifacts: {}, kept: { files, bytes: 2 ** 20 } });
  const scenario = {
    name: 'bad', kept: { files: ['scenarios/bad/capture.wim'], bytes: 2 ** 20 },
    clones: [clone('bad/m-1', ['scenarios/bad/clones/m-1/disk.img', 'scenarios/bad/clones/m-1/boot-1/console.log']), clone('bad/m-2', ['scenarios/bad/clones/m-2/boot-1/console.log'])],
  } as unknown as ScenarioResult;
  const html = renderKeptSection(record, [scenario]);
  t.regex(html, /data-policy="failures" data-applied="true">--keep failures: 3\.0 MiB kept, 100\.0 MiB removed \(7 files\)\. a &lt;note&gt;/);
  t.regex(html, /bad · bad\/m-1<\/th><td>1\.0 MiB<\/td><td>2<\/td><td><code>scenarios\/bad\/clones\/m-1\/disk\.img<\/code><\/td>/);
  t.regex(html, /bad · bad\/m-2<\/th><td>1\.0 MiB<\/td><td>1<\/td><td>logs only<\/td>/);
  t.regex(html, /<th scope="row">bad<\/th><td>1\.0 MiB<\/td><td>1<\/td><td><code>scenarios\/bad\/capture\.wim<\/code>/);
});
