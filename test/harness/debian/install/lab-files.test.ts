import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { debianGuestDir, LAB_UNITS, listUnitLinks, readLabFiles } from '../../../../harness/debian/install/lab-files.js';

const guestDir = debianGuestDir();

test('the guest folder is the checkout\'s guest/debian', (t) => {
  t.true(existsSync(path.join(guestDir, 'README.md')), guestDir);
  t.true(guestDir.replace(/\/$/, '').endsWith(path.join('guest', 'debian')));
});

test('every unit and script the README names is a lab file, and every lab unit is in the README', async (t) => {
  const readme = await readFile(path.join(guestDir, 'README.md'), 'utf8');
  const files = await readLabFiles();
  const written = new Set(files.map((file) => path.posix.basename(file.path)));
  const named = new Set([...readme.matchAll(/`((?:clonelab-[a-z-]+\.service)|(?:[a-z]+\.sh))`/g)].map((match) => match[1] ?? ''));
  t.true(named.size >= 7, [...named].join(', '));
  for (const name of named) t.true(written.has(name), `${name} is named by the README but not written`);
  for (const { unit, wantedBy } of LAB_UNITS) {
    t.true(named.has(unit), `${unit} is not in the README`);
    t.true(readme.includes(`${wantedBy}.wants/`), `the README names ${wantedBy}.wants/ for ${unit}`);
  }
});

test('units and scripts go where the README says, with its modes; each unit\'s [Install] matches its link', async (t) => {
  const files = await readLabFiles();
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const script of ['probe.sh', 'install.sh', 'firstboot.sh']) t.is(byPath.get(`/usr/lib/clonelab/${script}`)?.mode, 0o755, script);
  t.is(byPath.get('/usr/lib/clonelab/lib.sh')?.mode, 0o644);
  for (const { unit, wantedBy } of LAB_UNITS) {
    const file = byPath.get(`/etc/systemd/system/${unit}`);
    t.truthy(file, unit);
    const text = Buffer.from(file?.content ?? '').toString('utf8');
    t.regex(text, new RegExp(`^WantedBy=${wantedBy.replace('.', '\\.')}$`, 'm'), unit);
    // The unit starts a script the lab writes.
    const exec = /^ExecStart=(\S+)/m.exec(text)?.[1] ?? '';
    t.true(byPath.has(exec), `${unit} starts ${exec}`);
    t.deepEqual(Buffer.from(file?.content ?? ''), await readFile(path.join(guestDir, unit)));
  }
});

test('the enable links are <target>.wants/<unit> and point at the unit files written', async (t) => {
  const files = new Set((await readLabFiles()).map((file) => file.path));
  const links = listUnitLinks();
  t.is(links.length, LAB_UNITS.length);
  for (const { link, target } of links) {
    t.true(files.has(target), `${link} → ${target}`);
    t.is(path.posix.basename(link), path.posix.basename(target));
    t.regex(link, /^\/etc\/systemd\/system\/[a-z-]+\.target\.wants\/clonelab-[a-z]+\.service$/);
  }
  t.deepEqual(links.find((entry) => entry.target.endsWith('clonelab-firstboot.service'))?.link, '/etc/systemd/system/sysinit.target.wants/clonelab-firstboot.service');
});

test('a guest folder without a script: the read fails naming it', async (t) => {
  const error = await t.throwsAsync(readLabFiles(path.join(guestDir, 'no-such-folder')));
  t.regex(error?.message ?? '', /probe\.sh|install\.sh|firstboot\.sh|lib\.sh/);
});
