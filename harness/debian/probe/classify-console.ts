// Names a Debian boot that never reached the probe from its serial console: the initramfs that
// cannot find the root (the Linux sibling of STOP 0x7B), a kernel panic, systemd's emergency
// mode, or a GRUB error. The console is untrusted guest output: only its tail is read.
import type { BootStop } from '../../probe/boot-stop.js';

/** The ways a Debian boot ends before the probe, in the guest's own words. */
export type DebianStopName = 'inaccessible-boot-device' | 'kernel-panic' | 'emergency-mode' | 'boot-loader-error';

/** How a Debian boot ended, with the console lines that show it. */
export interface DebianStop {
  name: DebianStopName;
  /** The console lines that show it (at most ~1 KiB). */
  detail: string;
  /** The filesystem UUID the boot waited for and did not find, when the console names one. */
  missingUuid?: string;
}

/** Only this much of the end of the console is read. */
export const MAX_CONSOLE_TAIL_CHARS = 64 * 1024;
const MAX_DETAIL_CHARS = 1024;

// Colour and cursor escapes (systemd's [FAILED]) and other control characters but tab.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f]/g;
const ROOT_MISSING = [/Gave up waiting for root file system device/, /ALERT!\s+.*\s+does not exist\.\s+Dropping to a shell!/, /Failed to mount \S+ as root file system/];
const PANIC = /Kernel panic - not syncing:/;
const EMERGENCY = [/You are in (emergency|rescue) mode/, /Welcome to emergency mode!/, /Cannot open access to console, the root account is locked/];
const UNIT_TROUBLE = /\[\s*(FAILED|DEPEND|TIME)\s*\]|Failed to mount|Dependency failed|Timed out waiting for device/;
const GRUB_ERROR = /^error: |^grub rescue>/;

/**
 * Names how a Debian boot ended from its console, or nothing when no known end shows. Call it for
 * boots without a complete probe report: the root that never appeared outranks the panic that may
 * follow it, and a GRUB error counts only when nothing later explains the boot better.
 * @example classifyDebianConsole(consoleLog).stop?.name // 'inaccessible-boot-device'
 */
export function classifyDebianConsole(text: string): { stop?: DebianStop } {
  const lines = readTail(text);
  const rootLines = lines.filter((line) => ROOT_MISSING.some((pattern) => pattern.test(line)));
  if (rootLines.length > 0) {
    const alert = rootLines.find((line) => line.includes('ALERT!'));
    const missingUuid = alert ? /UUID=([0-9A-Za-z-]{1,64})/.exec(alert)?.[1] : undefined;
    return { stop: { name: 'inaccessible-boot-device', detail: joinDetail(rootLines), ...(missingUuid ? { missingUuid } : {}) } };
  }
  const panic = lines.find((line) => PANIC.test(line));
  if (panic) return { stop: { name: 'kernel-panic', detail: joinDetail([panic.slice(panic.indexOf('Kernel panic'))]) } };
  const emergency = lines.find((line) => EMERGENCY.some((pattern) => pattern.test(line)));
  if (emergency) {
    const trouble = lines.filter((line) => UNIT_TROUBLE.test(line));
    const missingUuid = trouble.map(readDeviceUuid).find((uuid) => uuid !== undefined);
    return { stop: { name: 'emergency-mode', detail: joinDetail([...trouble.slice(-8), emergency]), ...(missingUuid ? { missingUuid } : {}) } };
  }
  const grub = lines.filter((line) => GRUB_ERROR.test(line));
  if (grub.length > 0) return { stop: { name: 'boot-loader-error', detail: joinDetail(grub.slice(-4)) } };
  return {};
}

/**
 * The lab's shared name for a Debian stop (harness/probe/boot-stop.ts): the initramfs that cannot
 * find its root is `stop-0x7b`, or `stale-root-uuid` when the clone's root filesystem is there
 * under another UUID than the one the boot waited for (a file clone onto a new filesystem).
 */
export function toBootStop(stop: DebianStop, clone: { rootUuid?: string } = {}): BootStop {
  if (stop.name === 'inaccessible-boot-device') {
    const stale = stop.missingUuid !== undefined && clone.rootUuid !== undefined && stop.missingUuid.toLowerCase() !== clone.rootUuid.toLowerCase();
    return { failure: stale ? 'stale-root-uuid' : 'stop-0x7b', text: stop.detail };
  }
  return { failure: stop.name, text: stop.detail };
}

/** The last MAX_CONSOLE_TAIL_CHARS of the console as clean lines (escapes removed, blank ones dropped). */
function readTail(text: string): string[] {
  const tail = text.length > MAX_CONSOLE_TAIL_CHARS ? text.slice(-MAX_CONSOLE_TAIL_CHARS) : text;
  return tail.replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(ESCAPES, '').trim()).filter((line) => line !== '');
}

/** A UUID in systemd's device unit name (`dev-disk-by\x2duuid-1234\x2d….device`) or path (`/dev/disk/by-uuid/…`). */
function readDeviceUuid(line: string): string | undefined {
  const path = /\/dev\/disk\/by-uuid\/([0-9A-Za-z-]{1,64})/.exec(line)?.[1];
  if (path) return path;
  const unit = /dev-disk-by\\x2duuid-((?:[0-9A-Za-z]|\\x2d){1,200})\.device/.exec(line)?.[1];
  return unit?.replace(/\\x2d/g, '-');
}

function joinDetail(lines: readonly string[]): string {
  const detail = lines.join('\n');
  return detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS)}…` : detail;
}
