import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { XMLParser } from 'fast-xml-parser';
import { renderJunit } from '../../reports/junit-reporter.js';
import { loadSmallRun, resultsFixtureDir, synthesizeRun } from '../fixtures/results/load-fixture.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

interface ParsedCase { name: string; classname: string; failure?: { message: string; '#text': string }; error?: { message: string; type: string }; properties?: { property: { name: string; value: string }[] }; 'system-out'?: string }
interface ParsedSuite { name: string; tests: string; failures: string; errors: string; testcase: ParsedCase[] }

function parse(xml: string): { suites: ParsedSuite[]; root: Record<string, string> } {
  const document = parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: ParsedSuite[] } };
  return { suites: document.testsuites.testsuite, root: document.testsuites };
}

// Times and timestamps vary from run to run; everything else is stable.
function normalize(xml: string): string {
  return xml.replace(/ time="[\d.]+"/g, ' time="T"').replace(/ timestamp="[^"]+"/g, ' timestamp="TS"');
}

test('the real small run matches the golden file (times normalized)', async (t) => {
  const xml = normalize(await renderJunit(loadSmallRun()));
  const golden = path.join(resultsFixtureDir, 'small-run.junit.golden.xml');
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden, xml);
  t.is(xml, readFileSync(golden, 'utf8'));
});

test('expected reproductions are passes with a property naming what was reproduced; console in system-out', async (t) => {
  const { suites, root } = parse(await renderJunit(loadSmallRun()));
  t.is(root.failures, '0');
  t.is(suites.length, 1);
  const cases = suites[0]!.testcase;
  const expectation = cases.find((entry) => entry.name === 'expected reproductions')!;
  t.deepEqual(expectation.properties?.property.find((property) => property.name === 'reproduced')?.value.split(', ').sort(),
    ['duplicate-account-sid', 'duplicate-computer-name', 'duplicate-machine-sid', 'master-sid-reused']);
  const clone = cases.find((entry) => entry.name === 'no-sysprep-duplicate-sid/desktop-e1000#1')!;
  t.regex(clone['system-out'] ?? '', /probe report done, powering off/);
  t.truthy(cases.find((entry) => entry.name === 'fleet: machine-sid-unique'));
});

test('check failures become <failure> with evidence, infrastructure errors <error>; one suite per scenario, one case per clone and fleet check', async (t) => {
  const run = synthesizeRun({
    scenarios: 3, machines: ['desktop-e1000', 'desktop-cirrus'], clonesPerMachine: 2,
    inject: [{ scenario: 'scenario-001', machines: ['desktop-cirrus'], failure: 'problem-10' }],
    errored: ['scenario-002/desktop-e1000'],
  });
  const { suites } = parse(await renderJunit(run));
  t.deepEqual(suites.map((suite) => suite.name), ['scenario-001', 'scenario-002', 'scenario-003']);
  const fleetChecks = run.scenarios[0]!.checks.filter((check) => check.scope !== 'clone').length;
  t.is(suites[2]!.testcase.length, 4 + fleetChecks);
  const failed = suites[0]!.testcase.filter((entry) => entry.failure);
  t.deepEqual(failed.map((entry) => entry.name), ['scenario-001/desktop-cirrus#1', 'scenario-001/desktop-cirrus#2']);
  t.regex(failed[0]!.failure!['#text'], /evidence: \{\s+"source": "injected by the test"/);
  t.is(suites[0]!.failures, '2');
  const errored = suites[1]!.testcase.filter((entry) => entry.error);
  t.deepEqual(errored.map((entry) => entry.name), ['scenario-002/desktop-e1000#1', 'scenario-002/desktop-e1000#2']);
  t.regex(errored[0]!.error!.type, /infrastructure in targets\/boot \(timeout\)/);
  t.is(suites[1]!.failures, '0');
});

test('hostile guest text stays well-formed XML', async (t) => {
  const run = synthesizeRun({ scenarios: 1, machines: ['desktop-e1000'], clonesPerMachine: 1, errored: ['scenario-001/desktop-e1000'] });
  const clone = run.scenarios[0]!.clones[0]!;
  clone.error!.message = 'boom <![CDATA[ ]]> </error> & \u001b[31mred\u0000\u0007 \ud800';
  const xml = await renderJunit(run);
  // eslint-disable-next-line no-control-regex -- the point: no control characters survive
  t.false(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml));
  const { suites } = parse(xml);
  t.is(suites[0]!.testcase[0]!.error!.message, 'boom <![CDATA[ ]]> </error> & red \ufffd');
});
