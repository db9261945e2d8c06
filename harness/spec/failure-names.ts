/**
 * The named failures a check can observe. A bug-reproduction scenario names the ones it
 * expects (`expect: { reproduces: [...] }`) and passes when exactly those show.
 */
export const failureNames = [
  // fleet-wide identity
  'duplicate-machine-sid', 'master-sid-reused', 'duplicate-account-sid', 'duplicate-computer-name', 'duplicate-mac',
  'duplicate-volume-serial', 'duplicate-disk-signature',
  // fleet-wide identity of Linux guests
  'duplicate-machine-id', 'master-machine-id-reused', 'duplicate-hostname', 'duplicate-ssh-host-key', 'duplicate-filesystem-uuid',
  // per clone: boot and drivers
  'stop-0x7b', 'stop-0xed', 'no-probe-report',
  // per clone: Linux boots that never reached the probe, or reached it degraded
  'kernel-panic', 'emergency-mode', 'boot-loader-error', 'stale-root-uuid', 'failed-units',
  'problem-10', 'problem-24', 'problem-28', 'device-missing', 'nic-mac-mismatch', 'nic-down',
  // per clone: volume and files
  'volume-size-mismatch', 'foreign-sid-descriptor', 'user-files-lost',
  // imaging
  'apply-refused', 'wim-verify-failed', 'tree-mismatch',
] as const;

/** One named failure. */
export type FailureName = (typeof failureNames)[number];
