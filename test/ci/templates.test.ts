import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { parse } from 'yaml';
import { hostTools } from '../../harness/host/tools.js';

const cli = path.resolve('dist/cli/main.js');
const github = parse(readFileSync('ci/github/clonelab.yml', 'utf8')) as {
  env: Record<string, unknown>;
  jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }>;
};
const gitlab = parse(readFileSync('ci/gitlab/clonelab.gitlab-ci.yml', 'utf8')) as Record<string, { parallel?: number; script?: string[]; needs?: unknown; artifacts?: { reports?: { junit?: string } } }>;

/** Every `clonelab <command> …` line the templates run. */
function clonelabCalls(): string[][] {
  const scripts = [
    ...Object.values(github.jobs).flatMap((job) => job.steps.map((step) => step.run ?? '')),
    ...Object.values(gitlab).flatMap((job) => (Array.isArray(job?.script) ? job.script : [])),
  ];
  return scripts.flatMap((script) => [...script.matchAll(/npx clonelab ([a-z]+)([^|\n]*)/g)].map((match) => [match[1]!, ...(match[2]!.match(/--[a-z-]+/g) ?? [])]));
}

test('the GitHub workflow runs a matrix of shards, uploads each, and merges in a final job that publishes JUnit and the report', (t) => {
  const shards = github.jobs.shard!.strategy!.matrix.shard;
  t.deepEqual(shards, Array.from({ length: Number(github.env.SHARDS) }, (_, index) => index + 1));
  t.is(github.jobs.merge!.needs, 'shard');
  const uploads = github.jobs.merge!.steps.filter((step) => step.uses?.startsWith('actions/upload-artifact'));
  t.regex(String(uploads[0]?.with?.path), /junit\.xml[^]*report\.html/);
  t.true(github.jobs.shard!.steps.some((step) => step.uses?.startsWith('actions/upload-artifact')));
  t.true(github.jobs.merge!.steps.some((step) => step.run?.includes('npx clonelab compare "$BASELINE"')));
});

test('the GitLab pipeline runs parallel shards and a report job with a JUnit report', (t) => {
  t.is(gitlab['clonelab-shard']!.parallel, 4);
  t.regex(gitlab['clonelab-shard']!.script!.join('\n'), /--shard "\$CI_NODE_INDEX\/\$CI_NODE_TOTAL"/);
  t.is(gitlab['clonelab-report']!.artifacts?.reports?.junit, 'clonelab-report/junit.xml');
});

test('the templates call clonelab commands and options that exist', async (t) => {
  const calls = clonelabCalls();
  t.deepEqual([...new Set(calls.map((call) => call[0]))].sort(), ['compare', 'merge', 'run']);
  for (const [command, ...options] of calls) {
    const help = await execa('node', [cli, command!, '--help']);
    for (const option of options) t.true(help.stdout.includes(option), `clonelab ${command} has no ${option}`);
  }
});

test('the templates install exactly the Debian packages clonelab checks for', (t) => {
  const listed = readFileSync('ci/host-packages.txt', 'utf8').trim().split('\n').sort();
  t.deepEqual(listed, [...new Set(hostTools.map((tool) => tool.debianPackage))].sort());
});
