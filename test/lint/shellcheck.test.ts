// The guest's shell scripts are checked by shellcheck in `npm run lint`, as package.json says: from
// the two entry points (the loader's init and the OS's boot.sh) with -a, so the scripts boot.sh
// sources are checked in its context. These tests prove the check reaches every script and bites.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';

const lint = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.lint ?? '';
const command = /(?:^|&& )(shellcheck [^&]+?)\s*(?:&&|$)/.exec(lint)?.[1]?.split(/\s+/) ?? [];

/** Runs the lint's shellcheck command in `cwd` (a copy of the project's guest/ and .shellcheckrc). */
function shellcheck(cwd: string) {
  const [binary = 'shellcheck', ...args] = command;
  return execa(binary, args, { cwd, reject: false, all: true });
}

/** A copy of guest/ and .shellcheckrc in a fresh folder, removed when the test ends. */
function copyGuest(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clonelab-shellcheck-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync('guest', path.join(dir, 'guest'), { recursive: true });
  cpSync('.shellcheckrc', path.join(dir, '.shellcheckrc'));
  return dir;
}

test('npm run lint runs shellcheck on the loader and the OS entry point, and every OS script is sourced from boot.sh for it', (t) => {
  t.deepEqual(command.filter((word) => word.startsWith('guest/')), ['guest/loader/init', 'guest/os/boot.sh', 'guest/debian/probe.sh', 'guest/debian/install.sh', 'guest/debian/firstboot.sh']);
  const sourced = [...readFileSync('guest/os/boot.sh', 'utf8').matchAll(/^# shellcheck source=SCRIPTDIR\/(\S+)$/gm)].map((match) => match[1]);
  const scripts = readdirSync('guest/os').filter((name) => name.endsWith('.sh') && name !== 'boot.sh');
  t.deepEqual(sourced.sort(), scripts.sort(), 'a script boot.sh does not name in a source directive would escape the check');
});

test('the guest scripts pass as they are', async (t) => {
  const result = await shellcheck(copyGuest(t));
  t.is(result.exitCode, 0, result.all);
});

test('a word-splitting bug in a sourced script fails the check, named with its file', async (t) => {
  const dir = copyGuest(t);
  appendFileSync(path.join(dir, 'guest', 'os', 'drivers.sh'), 'for m in $(cat "$STORE/list"); do modprobe "$m"; done\n');
  const result = await shellcheck(dir);
  t.is(result.exitCode, 1);
  t.regex(result.all, /In guest\/os\/drivers\.sh line \d+:[\s\S]*SC2013/);
});
