/** An asynchronous QMP event (`POWERDOWN`, `STOP`, …). */
export interface QmpEvent {
  event: string;
  data?: unknown;
  timestamp?: { seconds: number; microseconds: number };
}

/** QEMU's version as the QMP greeting states it. */
export interface QemuVersion {
  major: number;
  minor: number;
  micro: number;
}

/** Options of `QmpSession.connect`. */
export interface QmpConnectOptions {
  /** Deadline for connect + greeting + capabilities negotiation (default 10 s). */
  timeoutMs?: number;
  /** Default deadline of each `execute` (default 30 s). */
  commandTimeoutMs?: number;
  /** Name used in error messages (the VM's name). */
  name?: string;
}
