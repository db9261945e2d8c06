// The Debian floor: the installed master with its probe unit made to run /bin/true, so the same
// image boots through the same path to multi-user.target and powers off (the unit's
// SuccessAction=poweroff stays) without the probe's work (DHCP wait, report on COM2).
import path from 'node:path';
import { execa } from 'execa';
import { findLinuxRoot } from '../../harness/debian/boot/find-linux-root.js';
import { makeExt4Dir, readExt4File, writeExt4Files } from '../../harness/disks/ext4-files.js';

/** The drop-in folder of the lab's probe unit. */
export const FLOOR_DROPIN_DIR = '/etc/systemd/system/clonelab-probe.service.d';
/** The floor's drop-in: replaces the probe's ExecStart. */
export const FLOOR_DROPIN_PATH = `${FLOOR_DROPIN_DIR}/floor.conf`;

/** What Linux prints on COM1 (console=ttyS0 on every path) as its very last line of a clean power-off. */
export const LINUX_POWER_OFF_LINE = 'reboot: Power down';

/**
 * True when a floor boot's console tail shows Linux powering off: a floor boot gives no report, so
 * this is what tells it from GRUB halting (out of memory) or a panic's reset, which QEMU also exits from.
 */
export function showsLinuxPowerOff(consoleTail: string): boolean {
  return consoleTail.split(/\r?\n/).some((line) => line.includes(LINUX_POWER_OFF_LINE));
}

/** The drop-in's text: an empty ExecStart= clears the unit's command list, then only /bin/true runs. */
export function renderFloorDropIn(): string {
  return '# clonelab bench floor: the probe unit only powers off (its SuccessAction=poweroff).\n[Service]\nExecStart=\nExecStart=/bin/true\n';
}

/** Copies the master (sparse) to `out` and writes the floor drop-in into the copy's root (no mount); checks it reads back. */
export async function makeDebianFloorImage(master: string, out: string, signal?: AbortSignal): Promise<void> {
  await execa('cp', ['--sparse=always', path.resolve(master), path.resolve(out)], signal ? { cancelSignal: signal } : {});
  const root = await findLinuxRoot(out);
  await makeExt4Dir(out, root.startBytes, FLOOR_DROPIN_DIR, signal);
  await writeExt4Files(out, root.startBytes, [{ path: FLOOR_DROPIN_PATH, content: Buffer.from(renderFloorDropIn()), mode: 0o644 }], signal);
  const back = (await readExt4File(out, root.startBytes, FLOOR_DROPIN_PATH, { maxBytes: 4096, ...(signal ? { signal } : {}) })).toString('utf8');
  if (back !== renderFloorDropIn()) throw new Error(`the floor drop-in ${FLOOR_DROPIN_PATH} in ${out} did not read back as written (got ${JSON.stringify(back.slice(0, 200))})`);
}
