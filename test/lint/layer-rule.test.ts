// The layer rule (.dependency-cruiser.cjs, run by `npm run lint`) bites: dependency-cruiser with
// the project's config fails on a tree of small files that each break one rule, passes on a tree
// that follows them all, and the README's row line of harness/ says what the config enforces.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import test from 'ava';
import { execa } from 'execa';

const CONFIG = path.resolve('.dependency-cruiser.cjs');
const DEPCRUISE = path.resolve('node_modules/.bin/depcruise');
const TOP_FOLDERS = ['cli', 'harness', 'machines', 'scenarios', 'reports', 'bench', 'test'];

const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-layers-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));

/** A fixture tree on disk: its folder and the top-level folders it has. */
interface Tree {
  root: string;
  tops: string[];
}

/** Writes a tree of TypeScript files (path → the paths it imports) with a tsconfig, as the project has. */
function writeTree(name: string, files: Record<string, string[]>): Tree {
  const root = path.join(folder, name);
  for (const [file, imports] of Object.entries(files)) {
    const lines = imports.map((target, index) => {
      const specifier = path.posix.relative(path.posix.dirname(file), target).replace(/\.ts$/, '.js');
      return `import { value as v${index} } from '${specifier.startsWith('.') ? specifier : `./${specifier}`}';`;
    });
    const sum = ['0', ...imports.map((_, index) => `v${index}`)].join(' + ');
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(root, file), `${lines.join('\n')}\nexport const value: number = ${sum};\n`);
  }
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
  return { root, tops: TOP_FOLDERS.filter((top) => Object.keys(files).some((file) => file.startsWith(`${top}/`))) };
}

/** Runs dependency-cruiser with the project's config over a fixture tree, as `npm run lint` does. */
async function cruise(tree: Tree): Promise<{ exitCode: number; output: string }> {
  const result = await execa(DEPCRUISE, [...tree.tops, '--config', CONFIG, '--output-type', 'err'], { cwd: tree.root, reject: false, all: true });
  // Colours depend on the terminal and on CI=true/FORCE_COLOR; the words are what is asserted.
  return { exitCode: result.exitCode ?? -1, output: stripVTControlCharacters(result.all ?? '') };
}

test('an import against the layers fails lint, naming the rule and the import', async (t) => {
  const tree = writeTree('wrong-way', {
    'harness/qemu/vm.ts': ['reports/junit.ts'],
    'reports/junit.ts': ['harness/qemu/vm.ts'],
    'harness/host/probe-qemu.ts': ['harness/qemu/args.ts'],
    'harness/qemu/args.ts': [],
    'harness/disks/a.ts': ['harness/disks/b.ts'],
    'harness/disks/b.ts': ['harness/disks/a.ts'],
    'harness/gadgets/g.ts': ['harness/errors/errors.ts'],
    'harness/errors/errors.ts': ['cli/main.ts'],
    'cli/main.ts': [],
    'scenarios/library.ts': ['harness/run/run-lab.ts'],
    'harness/run/run-lab.ts': [],
    'machines/models.ts': ['harness/spec/schema.ts'],
    'harness/spec/schema.ts': [],
    'bench/main.ts': ['test/fixtures.ts'],
    'test/fixtures.ts': [],
  });
  const { exitCode, output } = await cruise(tree);
  t.not(exitCode, 0, output);
  const expected = [
    'harness-points-down: harness/qemu/vm.ts → reports/junit.ts',
    'reports-read-results-only: reports/junit.ts → harness/qemu/vm.ts',
    'harness-host-points-down: harness/host/probe-qemu.ts → harness/qemu/args.ts',
    'harness-folder-has-a-row: harness/gadgets/g.ts → harness/errors/errors.ts',
    'nothing-imports-the-cli: harness/errors/errors.ts → cli/main.ts',
    'scenarios-read-the-spec: scenarios/library.ts → harness/run/run-lab.ts',
    'machines-is-the-bottom: machines/models.ts → harness/spec/schema.ts',
    'product-not-on-bench-or-tests: bench/main.ts → test/fixtures.ts',
  ];
  for (const line of expected) t.true(output.includes(`error ${line}`), `expected "${line}" in:\n${output}`);
  t.regex(output, /error no-circular: harness\/disks\/a\.ts → \n\s+harness\/disks\/b\.ts →\n\s+harness\/disks\/a\.ts/);
  t.regex(output, /error no-circular: harness\/qemu\/vm\.ts → \n\s+reports\/junit\.ts →/);
});

test('a tree whose imports all point down passes', async (t) => {
  const tree = writeTree('right-way', {
    'cli/main.ts': ['scenarios/library.ts', 'reports/junit.ts', 'harness/run/run-lab.ts', 'machines/models.ts'],
    'scenarios/library.ts': ['harness/spec/schema.ts', 'machines/models.ts'],
    'reports/junit.ts': ['harness/results/types.ts', 'harness/errors/errors.ts'],
    'harness/run/run-lab.ts': ['harness/lifecycle/machine.ts', 'harness/results/types.ts', 'harness/qemu/accel.ts'],
    'harness/lifecycle/machine.ts': ['harness/results/types.ts', 'harness/guest/boot.ts', 'harness/hardware/resolve.ts', 'harness/teardown/stack.ts'],
    'harness/results/types.ts': ['harness/checks/types.ts', 'harness/spec/schema.ts'],
    'harness/checks/types.ts': ['harness/plan/types.ts', 'harness/probe/report.ts', 'harness/imaging/fat.ts'],
    'harness/plan/types.ts': ['harness/spec/schema.ts'],
    'harness/spec/schema.ts': ['harness/guest/boot.ts'],
    'harness/guest/boot.ts': ['harness/imaging/fat.ts', 'harness/qemu/accel.ts', 'harness/probe/report.ts'],
    'harness/imaging/fat.ts': ['harness/disks/volume.ts'],
    'harness/disks/volume.ts': ['harness/qemu/accel.ts', 'harness/host/atomic.ts'],
    'harness/qemu/accel.ts': ['harness/host/atomic.ts', 'harness/teardown/stack.ts', 'machines/models.ts'],
    'harness/host/atomic.ts': ['harness/errors/errors.ts'],
    'harness/hardware/resolve.ts': ['harness/errors/errors.ts', 'machines/models.ts'],
    'harness/teardown/stack.ts': [],
    'harness/probe/report.ts': [],
    'harness/errors/errors.ts': [],
    'machines/models.ts': [],
    'bench/main.ts': ['cli/main.ts'],
    'test/cli.test.ts': ['cli/main.ts', 'bench/main.ts'],
  });
  const { exitCode, output } = await cruise(tree);
  t.is(exitCode, 0, output);
  t.regex(output, /no dependency violations found/);
});

test('the README\'s row line of harness/ is what the config enforces', (t) => {
  const readme = readFileSync('README.md', 'utf8');
  const line = readme.split('\n').map((text) => text.trim()).find((text) => /^[a-z]+ → .* → errors$/.test(text));
  if (!line) return t.fail('README has no `<top row> → … → errors` line');
  // Top row first, as the README writes it: `a → b → {c, d} → e`.
  const rows = line.split(' → ').map((cell) => cell.replace(/[{}]/g, '').split(',').map((name) => name.trim()));
  const config = createRequire(import.meta.url)(CONFIG) as { forbidden: { name: string; to: { path?: string } }[] };
  const rowRules = new Map(config.forbidden.filter((rule) => /^harness-.+-points-down$/.test(rule.name)).map((rule) => [rule.name, rule.to.path ?? '']));
  for (const [index, row] of rows.entries()) {
    for (const name of row) {
      const above = [...rows.slice(0, index).flat(), ...row.filter((other) => other !== name)].sort();
      const rule = rowRules.get(`harness-${name}-points-down`);
      if (above.length === 0) {
        t.is(rule, undefined, `${name} is the top row: nothing above it to forbid`);
        continue;
      }
      const forbidden = /^\^harness\/\((.*)\)\/$/.exec(rule ?? '')?.[1]?.split('|').sort();
      t.deepEqual(forbidden, above, `harness/${name}/: the config forbids ${forbidden?.join(', ')}, the README's line says ${above.join(', ')}`);
    }
  }
  t.is(rowRules.size, rows.flat().length - 1, 'one rule per harness/ folder but the top one');
});
