// How a boot that never reached the guest's probe ended, in words every profile shares: the
// reference guest's STOP codes and a Debian initramfs that cannot find its root are the same
// failure (`stop-0x7b`), so `compare` triages them as siblings.

/** The named ways a boot can end before (or instead of) a probe report. */
export type StopFailure = 'stop-0x7b' | 'stop-0xed' | 'kernel-panic' | 'emergency-mode' | 'boot-loader-error' | 'stale-root-uuid' | 'no-probe-report';

/** A boot that ended in a named failure, with the words that show it. */
export interface BootStop {
  failure: StopFailure;
  /** What a person reads: `STOP 0x0000007B INACCESSIBLE_BOOT_DEVICE`, the initramfs's ALERT line, … */
  text: string;
}
