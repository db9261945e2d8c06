// README.md's examples, read from the README itself at test time, so it cannot show one that fails.
//
// Which block is run and which is checked (test/readme/readme-blocks.ts sorts them):
// - a scenario block (```js/```mjs/```ts whose first line is `// FILE — run with: npx clonelab run ./FILE`)
//   is written to FILE in a fresh folder and run once, as its comment says, with `--out` and
//   `--jobs 2` added; it must exit 0 with every scenario in results.json ended as expected; a models
//   file block (`// FILE — a models file …`) is written beside it first, and some scenario command reads it;
// - every `npx clonelab …` line is checked against `--help`: each command it names exists, each
//   option exists (and takes a value exactly when the README gives one), each `a|b` value of an
//   option is one its help names, and it gives no more arguments than the command takes;
// - lines of commands that only read (READ_ONLY) also run, in a fresh folder: synopses once as the
//   bare command and once with every optional switch, placeholders filled from PLACEHOLDERS;
// - other concrete lines (no `[`, `|`, `…` or upper-case placeholder) run in a fresh folder, unless
//   `notRunReason` says why not;
// - the quick start's `npm` lines are SKIPPED with their reason; any other line or block is a failure.
import { readdirSync, readFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import tmp from 'tmp';
import { hostTools } from '../../../harness/host/tools.js';
import { packNtfsDisk, packWim } from '../../fixtures/windows/windows-images.js';
import { writeWindowsSystem } from '../../fixtures/windows/windows-system.js';
import { RESULTS_SCHEMA_VERSION, type RunResult } from '../../../harness/results/types.js';
import {
  classifyFences, extractFences, isPlaceholder, named, parseHelp, resolveCommand,
  type CommandHelp, type ReadmeExample, type ResolvedCommand,
} from '../../readme/readme-blocks.js';

const CLI = path.resolve('dist/cli/main.js');
const README = readFileSync('README.md', 'utf8');

/** Lines of sh blocks that do not run, and why. */
const SKIPPED: Record<string, string> = {
  'npm ci && npm start': 'the quick start: installs host packages as root and runs the whole built-in library (tens of minutes under TCG); `npm start` is `clonelab run` with no scenario, whose options this file checks',
  'npm install-ci-test': 'the quick start: it runs this test suite',
};

/** Commands that only read (the host, the catalog, the library, results files): their README lines run. */
const READ_ONLY = new Set(['doctor', 'machines list', 'machines show', 'scenarios list', 'scenarios show', 'compare', 'inspect']);

/** Values for placeholders of the commands that run, keyed by `command PLACEHOLDER`. */
const PLACEHOLDERS: Record<string, () => Promise<string>> = {
  'machines show NAME': async () => firstName(['machines', 'list', '--json']),
  'scenarios show NAME': async () => firstName(['scenarios', 'list', '--json']),
  'compare BASE.json': async () => path.resolve('test/fixtures/results/small-run/results.json'),
  'compare HEAD.json': async () => path.resolve('test/fixtures/results/small-run/results.json'),
  // Windows images made by the tests' fixtures (README "Windows images").
  'inspect IMAGE…': async () => (await windowsImages()).folder,
  'inspect INSTALL.wim': async () => (await windowsImages()).wim,
  'inspect INSTALL.wim:INDEX': async () => `${(await windowsImages()).wim}:1`,
  'inspect CLONE.img': async () => (await windowsImages()).disk,
  'inspect DIR': async () => path.join((await windowsImages()).root, 'report'),
  'inspect FLEET.json': async () => (await windowsImages()).models,
};

const windowsRoot = tmp.dirSync({ unsafeCleanup: true, prefix: 'clonelab-readme-windows-' });
test.after.always(() => windowsRoot.removeCallback());
let windowsFixtures: Promise<{ root: string; folder: string; wim: string; disk: string; models: string }> | undefined;
/** A generalized Windows 10 WIM (the master), a deployed disk and folder of their own identity, and a models file with `branch-desk`; made once. */
function windowsImages(): Promise<{ root: string; folder: string; wim: string; disk: string; models: string }> {
  windowsFixtures ??= (async () => {
    const at = (name: string): string => path.join(windowsRoot.name, name);
    await writeWindowsSystem(at('gold'), { nt: '10.0', machineSid: [10, 20, 30], generalized: true });
    await writeWindowsSystem(at('deployed'), { nt: '10.0', computerName: 'PC-0001', machineSid: [40, 50, 60] });
    await packWim(at('install.wim'), [{ dir: at('gold'), name: 'Windows 10 Pro' }]);
    await packNtfsDisk(at('clone.img'), at('deployed'), { table: 'gpt', sectorSize: 512 });
    writeFileSync(at('fleet.json'), JSON.stringify([{ name: 'branch-desk', extends: 'desktop-ahci', purpose: 'the branch offices\' AHCI desktop' }]));
    return { root: windowsRoot.name, folder: at('deployed'), wim: at('install.wim'), disk: at('clone.img'), models: at('fleet.json') };
  })();
  return windowsFixtures;
}

/** Why a concrete command line is only checked, not run; undefined when it runs. */
function notRunReason(resolved: ResolvedCommand): string | undefined {
  if (resolved.paths.some((entry) => entry[0] === 'run') && resolved.positionals.length === 0) {
    return 'runs the whole built-in library (tens of minutes under TCG); the scenario example is the README run that runs';
  }
  return undefined;
}

const examples = classifyFences(extractFences(README), SKIPPED);
const scenarios = examples.filter((example): example is Extract<ReadmeExample, { kind: 'scenario' }> => example.kind === 'scenario');
const commands = examples.filter((example): example is Extract<ReadmeExample, { kind: 'command' }> => example.kind === 'command');
const files = examples.filter((example): example is Extract<ReadmeExample, { kind: 'file' }> => example.kind === 'file');

/** Writes the README's models files into a folder, beside a scenario file. */
function writeFiles(folder: string): void {
  for (const file of files) writeFileSync(path.join(folder, file.file), file.source);
}

const helps = new Map<string, Promise<CommandHelp>>();
/** `clonelab PATH --help`, parsed; a help that does not exit 0 throws. */
function helpOf(commandPath: readonly string[]): Promise<CommandHelp> {
  const key = commandPath.join(' ');
  if (!helps.has(key)) helps.set(key, execa(process.execPath, [CLI, ...commandPath, '--help']).then((result) => parseHelp(result.stdout)));
  return helps.get(key)!;
}

/** Every command path of the CLI with its help, read level by level (the processes of one level at once). */
async function walkCommands(): Promise<{ path: string[]; help: CommandHelp }[]> {
  const found: { path: string[]; help: CommandHelp }[] = [];
  let level: string[][] = [[]];
  while (level.length > 0) {
    const read = await Promise.all(level.map(async (entry) => ({ path: entry, help: await helpOf(entry) })));
    found.push(...read);
    level = read.flatMap(({ path: entry, help }) => help.subcommands.map((name) => [...entry, name]));
  }
  return found;
}

// The help of every command, read once up front: the tests below then mostly read the cache.
test.before(async () => {
  await walkCommands();
});

async function firstName(args: string[]): Promise<string> {
  const { stdout } = await execa(process.execPath, [CLI, ...args]);
  const [first] = JSON.parse(stdout) as { name: string }[];
  if (!first) throw new Error(`clonelab ${args.join(' ')} listed nothing`);
  return first.name;
}

async function fill(commandPath: readonly string[], word: string): Promise<string> {
  if (!isPlaceholder(word)) return word;
  const value = PLACEHOLDERS[`${commandPath.join(' ')} ${word}`];
  if (!value) throw new Error(`no value for ${word} in \`${named(commandPath)}\`: add one to PLACEHOLDERS in test/e2e/readme/readme-examples.test.ts`);
  return value();
}

/** The argv variants a README line of a read-only command runs as: bare, and with every optional switch. */
async function readOnlyVariants(commandPath: string[], resolved: ResolvedCommand): Promise<string[][]> {
  const help = await helpOf(commandPath);
  // Arguments go to the alternatives that require them: `scenarios list|show NAME` runs `list` and `show NAME`.
  const required = resolved.positionals.filter((word) => !word.optional).slice(0, help.requiredArgs);
  if (required.length < help.requiredArgs) throw new Error(`${named(commandPath)} needs ${help.requiredArgs} argument(s), the README line gives ${required.length}`);
  const args = await Promise.all(required.map((word) => fill(commandPath, word.text)));
  const flags: string[] = [];
  for (const flag of resolved.flags.filter((entry) => !entry.optional)) flags.push(flag.name, ...(flag.value === undefined ? [] : [await fill(commandPath, flag.value)]));
  const switches = resolved.flags.filter((entry) => entry.optional && entry.value === undefined).map((entry) => entry.name);
  const bare = [...commandPath, ...args, ...flags];
  return switches.length > 0 ? [bare, [...bare, ...switches]] : [bare];
}

function where(example: { line: number; text: string }): string {
  return `README.md:${example.line} \`${example.text}\``;
}

test('every fenced block of README.md follows a rule of this test (run, check, or skip with a reason)', (t) => {
  for (const example of examples) {
    if (example.kind === 'unrecognised') t.fail(`${where(example)}: ${example.why}`);
    if (example.kind === 'skipped') t.log(`skipped ${where(example)}: ${example.reason}`);
  }
  t.true(scenarios.length > 0, 'the README shows a scenario example');
  for (const file of files) {
    const read = scenarios.some((scenario) => scenario.words.some((word, index) => word.text === '--models' && [file.file, `./${file.file}`].includes(scenario.words[index + 1]?.text ?? '')));
    t.true(read, `README.md:${file.line}: no scenario example reads ${file.file} (--models ./${file.file})`);
  }
  t.true(commands.length > 0, 'the README shows command examples');
});

test('README command lines name only commands, options and option values clonelab has', async (t) => {
  t.timeout(600_000);
  for (const example of commands) {
    const resolved = await resolveCommand(example.words, helpOf);
    for (const problem of resolved.problems) t.fail(`${where(example)}: ${problem}`);
    t.true(resolved.paths.length > 0, `${where(example)} names a command`);
  }
});

test('every clonelab command appears in a README command line', async (t) => {
  const documented = new Set<string>();
  for (const example of commands) for (const entry of (await resolveCommand(example.words, helpOf)).paths) documented.add(entry[0] ?? '');
  for (const command of (await helpOf([])).subcommands) t.true(documented.has(command), `\`clonelab ${command}\` is not in the README's examples`);
});

test('README command lines of read-only commands, and concrete examples, run and exit 0', async (t) => {
  t.timeout(600_000);
  const folder = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => folder.removeCallback());
  let ran = 0;
  for (const example of commands) {
    const resolved = await resolveCommand(example.words, helpOf);
    const runs: string[][] = [];
    if (!example.synopsis) {
      const reason = notRunReason(resolved);
      if (reason) t.log(`checked, not run: ${where(example)}: ${reason}`);
      else runs.push(example.words.map((word) => word.text));
    } else {
      for (const commandPath of resolved.paths.filter((entry) => READ_ONLY.has(entry.join(' ')))) runs.push(...await readOnlyVariants(commandPath, resolved));
    }
    for (const args of runs) {
      const result = await execa(process.execPath, [CLI, ...args], { cwd: folder.name, reject: false, all: true });
      ran += 1;
      t.is(result.exitCode, 0, `${where(example)} as \`clonelab ${args.join(' ')}\`: ${result.all}`);
      if (args.includes('--json') && result.exitCode === 0) t.notThrows(() => JSON.parse(result.stdout), `${where(example)} --json prints JSON`);
    }
  }
  t.true(ran > 0, 'some README command ran');
});

for (const scenario of scenarios) {
  test(`README.md:${scenario.line} scenario example ${scenario.file} is refused with a clear message when a machine name is wrong`, async (t) => {
    const folder = tmp.dirSync({ unsafeCleanup: true });
    t.teardown(() => folder.removeCallback());
    const machine = /machine: (['"])([^'"]+)\1/.exec(scenario.source);
    if (!machine) return t.fail(`README.md:${scenario.line}: the example names no machine, so this test cannot misspell one`);
    const misspelt = machine[2]!.slice(0, -1);
    writeFiles(folder.name);
    writeFileSync(path.join(folder.name, scenario.file), scenario.source.replace(machine[0], `machine: '${misspelt}'`));
    const out = path.join(folder.name, 'out');
    const result = await execa(process.execPath, [CLI, ...scenario.words.map((word) => word.text), '--out', out], { cwd: folder.name, reject: false });
    t.is(result.exitCode, 2, 'bad input exits 2');
    t.regex(result.stderr, new RegExp(`machine: expected [^\\n]*${machine[2]}[^\\n]*got "${misspelt}"`), 'names the field, the nearest model and what was given');
    t.false(existsSync(path.join(out, 'results.json')), 'refused before any VM started');
  });

  test(`README.md:${scenario.line} scenario example ${scenario.file} runs as its comment says and ends as expected`, async (t) => {
    t.timeout(900_000);
    const folder = tmp.dirSync({ unsafeCleanup: true });
    t.teardown(() => folder.removeCallback());
    writeFiles(folder.name);
    writeFileSync(path.join(folder.name, scenario.file), scenario.source);
    const models = scenario.words.flatMap((word, index) => (word.text === '--models' ? ['--models', scenario.words[index + 1]?.text ?? ''] : []));
    const listed = await execa(process.execPath, [CLI, 'scenarios', 'list', `./${scenario.file}`, ...models, '--json'], { cwd: folder.name });
    const names = (JSON.parse(listed.stdout) as { name: string }[]).map((entry) => entry.name);
    const out = path.join(folder.name, 'out');
    const args = [...scenario.words.map((word) => word.text), '--out', out, '--jobs', '2'];
    const run = await execa(process.execPath, [CLI, ...args], { cwd: folder.name, reject: false, all: true });
    t.log(`clonelab ${args.join(' ')}: exit ${run.exitCode}`);
    const resultsFile = path.join(out, 'results.json');
    if (!existsSync(resultsFile)) return t.fail(`no results.json; exit ${run.exitCode}: ${run.all}`);
    const result = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResult;
    t.is(result.schemaVersion, RESULTS_SCHEMA_VERSION);
    t.deepEqual(result.scenarios.map((entry) => entry.name), names, 'every scenario of the file ran');
    for (const entry of result.scenarios) {
      const failed = entry.checks.filter((check) => check.status === 'fail').map((check) => `${check.id}${check.cloneId ? ` on ${check.cloneId}` : ''}: ${check.summary}`);
      t.true(entry.status === 'passed' || entry.status === 'reproduced', `${entry.name} ended ${entry.status}, expected ${JSON.stringify(entry.expected)}${entry.error ? `\n  error: ${entry.error.message}` : ''}${failed.map((line) => `\n  ${line}`).join('')}`);
    }
    t.is(run.exitCode, 0, run.all);
    // "writes three reports into --out and prints the HTML report's path as its last line"
    for (const report of ['results.json', 'junit.xml', 'report.html']) t.true(existsSync(path.join(out, report)), `${report} written`);
    t.is(path.resolve(folder.name, run.stdout.trim().split('\n').at(-1) ?? ''), path.join(out, 'report.html'));
    // "junit.xml: one testsuite per scenario"
    t.is(readFileSync(path.join(out, 'junit.xml'), 'utf8').match(/<testsuite\b/g)?.length, result.scenarios.length);
  });
}

test('the layout block names every top-level folder, and each exists', (t) => {
  const layouts = examples.filter((example): example is Extract<ReadmeExample, { kind: 'layout' }> => example.kind === 'layout');
  t.is(layouts.length, 1, 'one layout tree');
  const listed = new Set(layouts.flatMap((layout) => layout.folders));
  for (const folder of listed) t.true(existsSync(folder) && statSync(folder).isDirectory(), `README's layout names ${folder}/, which does not exist`);
  const ignored = readFileSync('.gitignore', 'utf8').split('\n').map((line) => line.trim().replace(/\/$/, ''));
  const actual = readdirSync('.', { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !ignored.includes(entry.name));
  for (const entry of actual) t.true(listed.has(entry.name), `${entry.name}/ is missing from README's layout`);
});

test('files and folders of the project the README names exist', (t) => {
  const layout = examples.flatMap((example) => (example.kind === 'layout' ? example.folders : []));
  const spans = [...README.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]!);
  const links = [...README.matchAll(/\]\(([^)#\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/.test(target));
  // A path .gitignore lists is something the project writes (bench/results.json), not one of its files.
  const outputs = readFileSync('.gitignore', 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);
  const paths = [...spans.filter((span) => layout.some((folder) => span.startsWith(`${folder}/`))), ...links].filter((entry) => !outputs.includes(entry));
  t.true(paths.length > 0);
  for (const entry of new Set(paths)) t.true(existsSync(entry), `README names ${entry}, which does not exist`);
});

test('the quick start names exactly the Debian packages the bootstrap installs', (t) => {
  const listed = /missing\s+Debian packages \(`([^`]+)`/.exec(README.replace(/\n/g, ' '));
  if (!listed) return t.fail('README no longer lists the bootstrap packages in the quick start; update this test');
  t.deepEqual(listed[1]!.split(/\s+/).sort(), [...new Set(hostTools.map((tool) => tool.debianPackage))].sort());
});

test('--accel defaults to auto wherever a command boots VMs, as the README says', async (t) => {
  const accel: string[] = [];
  for (const { path: commandPath, help } of await walkCommands()) {
    const option = help.options.get('--accel');
    if (option) accel.push(`${named(commandPath)} --accel: ${option.description}`);
  }
  t.true(accel.length > 0, 'some command has --accel');
  t.deepEqual(accel.filter((line) => !line.includes('(default: "auto")')), []);
});
