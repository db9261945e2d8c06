// Item 8's boots: per boot path, the Debian floor and the installed master alternating, each on a
// fresh qcow2 overlay of its raw image (the boot writes its journal; the images stay as they were).
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { bootLinux, type BootLinuxOutcome } from '../../harness/debian/boot/boot-linux.js';
import type { BootPath } from '../../harness/profiles/types.js';
import type { Accel } from '../../harness/qemu/types.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { showsLinuxPowerOff } from './debian-floor.js';
import { describeBootFailure, type DebianPathTiming } from './debian-rows.js';

/** What every boot of the section shares. */
export interface DebianBootSetup {
  /** The installed master (raw, not written). */
  master: string;
  /** Its copy with the floor drop-in (raw, not written). */
  floor: string;
  model: HardwareModel;
  accel: Accel;
  bootFileStore: string;
  workDir: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

// A Debian boot is ~25 s alone under TCG; a loaded host makes it minutes (the profile allows 10).
const BOOT_TIMEOUT_MS = 600_000;
const CONSOLE_TAIL_BYTES = 64 * 1024;

/** Boots floor then master `rounds` times on one path; throws, naming the boot, when one gives no number. */
export async function timeDebianBootPath(setup: DebianBootSetup, bootPath: BootPath, rounds: number): Promise<DebianPathTiming> {
  const timing: DebianPathTiming = { path: bootPath, floorMs: [], reportMs: [], exitMs: [] };
  for (let round = 0; round < rounds; round++) {
    const floor = await bootOverlay(setup, setup.floor, bootPath, `${bootPath}-floor-${round}`);
    const floorTail = await readConsoleTail(floor.consoleLog);
    if (floor.vm.exitCode !== 0 || floor.vm.timedOut || floor.vm.canceled || floor.stop || !showsLinuxPowerOff(floorTail)) throw new Error(describe(`floor boot (${bootPath})`, floor, floorTail));
    if (floor.report) throw new Error(`floor boot (${bootPath}) ran the probe: the drop-in did not replace its ExecStart (console ${floor.consoleLog})`);
    timing.floorMs.push(floor.vm.durationMs);
    const guest = await bootOverlay(setup, setup.master, bootPath, `${bootPath}-guest-${round}`);
    if (!guest.report || guest.reportMs === undefined) throw new Error(describe(`guest boot (${bootPath})`, guest, await readConsoleTail(guest.consoleLog)));
    timing.reportMs.push(guest.reportMs);
    timing.exitMs.push(guest.vm.durationMs);
    setup.log(`debian: ${bootPath} round ${round + 1}/${rounds}: floor ${(floor.vm.durationMs / 1000).toFixed(1)} s, verdict ${(guest.reportMs / 1000).toFixed(1)} s, exit ${(guest.vm.durationMs / 1000).toFixed(1)} s`);
  }
  return timing;
}

/** One boot of a fresh overlay of `backing`; the overlay is removed after (the boot's logs stay until the section ends). */
async function bootOverlay(setup: DebianBootSetup, backing: string, bootPath: BootPath, name: string): Promise<BootLinuxOutcome> {
  const overlay = path.join(setup.workDir, `${name}.qcow2`);
  await execa('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', path.resolve(backing), overlay], { cancelSignal: setup.signal });
  try {
    return await bootLinux({
      disk: overlay, format: 'qcow2', readFrom: backing, model: setup.model, bootPath, accel: setup.accel,
      workDir: path.join(setup.workDir, name), bootFileStore: setup.bootFileStore, signal: setup.signal, timeoutMs: BOOT_TIMEOUT_MS,
    });
  } finally {
    await rm(overlay, { force: true });
  }
}

/** Names a failed boot from its outcome and its console's tail. */
function describe(what: string, outcome: BootLinuxOutcome, consoleTail: string): string {
  return `${describeBootFailure(what, { ...(outcome.stop ? { stop: outcome.stop } : {}), ...outcome.vm }, consoleTail)}; console ${outcome.consoleLog}`;
}

/** The console's last bytes (bounded: guest output); '' when there is none. */
async function readConsoleTail(file: string): Promise<string> {
  const handle = await open(file, 'r').catch(() => undefined);
  let tail = '';
  if (handle) {
    try {
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(Math.min(size, CONSOLE_TAIL_BYTES));
      await handle.read(buffer, 0, buffer.length, size - buffer.length);
      tail = buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  }
  return tail;
}
