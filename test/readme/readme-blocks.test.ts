import test from 'ava';
import { classifyFences, extractFences, parseHelp, resolveCommand, splitCommand, type CommandHelp } from './readme-blocks.js';

const fence = '```';
const markdown = (...blocks: [string, string][]): string => blocks.map(([lang, body]) => `Some prose.\n\n${fence}${lang}\n${body}\n${fence}\n`).join('\n');

// Help texts as commander prints them.
const HELPS: Record<string, string> = {
  '': `Usage: clonelab [options] [command]

Options:
  -h, --help                       display help for command

Commands:
  run [options] [scenario...]      run scenarios
  machines                         the hardware catalog
  help [command]                   display help for command
`,
  run: `Usage: clonelab run [options] [scenario...]

Options:
  --jobs <n>                VMs at once (default: "2")
  --accel <mode>            auto | kvm | tcg (default: "auto")
  --json                    print the results JSON instead of the
                            summary
  -h, --help                display help for command
`,
  machines: `Usage: clonelab machines [options] [command]

Options:
  -h, --help             display help for command

Commands:
  list [options]         list the hardware models
  show [options] <name>  show one model
  help [command]         display help for command
`,
  'machines list': 'Usage: clonelab machines list [options]\n\nOptions:\n  --json      print JSON\n  -h, --help  display help for command\n',
  'machines show': 'Usage: clonelab machines show [options] <name>\n\nOptions:\n  --json      print JSON\n  -h, --help  display help for command\n',
};
const helpOf = async (path: readonly string[]): Promise<CommandHelp> => {
  const text = HELPS[path.join(' ')];
  if (text === undefined) throw new Error(`no help for ${path.join(' ')}`);
  return parseHelp(text);
};
const resolve = async (line: string) => resolveCommand(splitCommand(line), helpOf);

test('a block of an unknown language, a scenario block without its run comment and a stray shell line are unrecognised', (t) => {
  const examples = classifyFences(extractFences(markdown(
    ['python', 'print(1)'],
    ['js', "export default [{ name: 'x' }];"],
    ['js', '// x.mjs — run with: npx clonelab doctor\nexport default [];'],
    ['sh', 'clonelab run x'],
    ['sh', 'npm ci'],
    ['', 'harness/  the engine\nREADME.md'],
  )), {});
  t.deepEqual(examples.map((example) => example.kind), ['unrecognised', 'unrecognised', 'unrecognised', 'unrecognised', 'unrecognised', 'unrecognised']);
});

test('scenario blocks, skipped lines, synopses, concrete lines and the layout tree are told apart', (t) => {
  const examples = classifyFences(extractFences(markdown(
    ['js', "// my.mjs — run with: npx clonelab run ./my.mjs\nexport default [{ name: 'x' }];"],
    ['sh', [
      'npm ci && npm start     # the quick start',
      'npx clonelab run [SCENARIO|FILE…] [--jobs N]',
      '    [--json]',
      'npx clonelab machines show NAME',
      'npx clonelab machines list --json   # a concrete example',
    ].join('\n')],
    ['', 'harness/  the engine\nmachines/ the catalog'],
  )), { 'npm ci && npm start': 'the whole lab' });
  t.like(examples[0], { kind: 'scenario', file: 'my.mjs', line: 3 });
  t.deepEqual(examples[0]?.kind === 'scenario' ? examples[0].words.map((word) => word.text) : [], ['run', './my.mjs']);
  t.like(examples[1], { kind: 'skipped', reason: 'the whole lab' });
  t.like(examples[2], { kind: 'command', synopsis: true, text: 'npx clonelab run [SCENARIO|FILE…] [--jobs N] [--json]' });
  t.like(examples[3], { kind: 'command', synopsis: true });
  t.like(examples[4], { kind: 'command', synopsis: false, text: 'npx clonelab machines list --json' });
  t.like(examples[5], { kind: 'layout', folders: ['harness', 'machines'] });
});

test('a models file block is a file the scenario commands read', (t) => {
  const examples = classifyFences(extractFences(markdown(
    ['js', "// fleet.mjs — a models file (npx clonelab run ./my.mjs --models ./fleet.mjs)\nexport default [{ name: 'm' }];"],
    ['js', '// my.mjs — run with: npx clonelab run ./my.mjs --models ./fleet.mjs\nexport default [];'],
  )), {});
  t.like(examples[0], { kind: 'file', file: 'fleet.mjs', line: 3, source: "// fleet.mjs — a models file (npx clonelab run ./my.mjs --models ./fleet.mjs)\nexport default [{ name: 'm' }];\n" });
  t.deepEqual(examples[1]?.kind === 'scenario' ? examples[1].words.map((word) => word.text) : [], ['run', './my.mjs', '--models', './fleet.mjs']);
});

test('an unclosed fence and unbalanced brackets throw', (t) => {
  t.throws(() => extractFences(`${fence}sh\nnpx clonelab doctor\n`), { message: /never closed/ });
  t.throws(() => splitCommand('run [--jobs N'), { message: /\[ without \]/ });
});

test('parseHelp reads subcommands, options (wrapped descriptions too) and argument counts', (t) => {
  const root = parseHelp(HELPS['']!);
  t.deepEqual(root.subcommands, ['run', 'machines']);
  const run = parseHelp(HELPS.run!);
  t.deepEqual([...run.options.keys()], ['--jobs', '--accel', '--json', '--help']);
  t.true(run.options.get('--jobs')?.takesValue);
  t.false(run.options.get('--json')?.takesValue);
  t.regex(run.options.get('--json')?.description ?? '', /instead of the summary$/);
  t.is(run.maxArgs, Infinity);
  t.like(parseHelp(HELPS['machines show']!), { requiredArgs: 1, maxArgs: 1 });
});

test('a synopsis that matches the CLI resolves without problems, alternatives expanded', async (t) => {
  const run = await resolve('run [SCENARIO|FILE…] [--jobs N] [--accel auto|kvm|tcg] [--json]');
  t.deepEqual(run.problems, []);
  t.deepEqual(run.paths, [['run']]);
  t.deepEqual(run.flags, [{ name: '--jobs', value: 'N', optional: true }, { name: '--accel', value: 'auto|kvm|tcg', optional: true }, { name: '--json', optional: true }]);
  const machines = await resolve('machines list|show NAME [--json]');
  t.deepEqual(machines.problems, []);
  t.deepEqual(machines.paths, [['machines', 'list'], ['machines', 'show']]);
});

test('a synopsis naming a command, option or value the CLI lacks, or misusing an option, has problems', async (t) => {
  t.deepEqual((await resolve('machines list|remove')).problems, ['clonelab machines has no command "remove" (it has: list, show)']);
  t.deepEqual((await resolve('run [--shard i/n]')).problems, ['clonelab run has no option --shard']);
  t.deepEqual((await resolve('run [--accel auto|hvf]')).problems, ['clonelab run --accel: the README offers "hvf", its help does not (auto | kvm | tcg (default: "auto"))']);
  t.deepEqual((await resolve('run [--jobs]')).problems, ['--jobs takes a value in clonelab, the README gives none']);
  t.deepEqual((await resolve('run [--json FILE]')).problems, ['--json takes no value in clonelab, the README gives "FILE"']);
  t.deepEqual((await resolve('machines show A B')).problems, ['clonelab machines show takes at most 1 argument(s), the README gives 2: A B']);
});
