/**
 * How much an inspection reads at most: images are untrusted input, and a hive or a value can
 * claim any size. Real hives: SYSTEM ~10–40 MiB, SOFTWARE ~50–250 MiB, SAM and SECURITY
 * ~64 KiB (believed, not measured here: no real Windows on this host).
 */
export interface InspectLimits {
  /** A hive file larger than this is refused before hivex opens it (its extraction stops there). */
  maxHiveBytes: number;
  /** A value whose data (as hivexml writes it: text or base64) is longer is kept without its data. */
  maxValueChars: number;
  /** The kept part of one hive's XML; more is refused (the key patterns keep far less on a real hive). */
  maxKeptChars: number;
  /** hivexml and the extraction tools are stopped after this long. */
  toolTimeoutMs: number;
}

/** The limits `clonelab inspect` uses. */
export const DEFAULT_LIMITS: InspectLimits = {
  maxHiveBytes: 512 * 1024 * 1024,
  maxValueChars: 1024 * 1024,
  maxKeptChars: 64 * 1024 * 1024,
  toolTimeoutMs: 120_000,
};
