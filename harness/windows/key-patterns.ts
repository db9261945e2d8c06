/**
 * Which keys of a hive the reader keeps. A pattern is a key path from the hive root, `\`
 * between keys, case-insensitive; `*` stands for any run of characters inside one key name
 * (`ControlSet*`, `*`); a final `\**` keeps the whole subtree under the key. A key that
 * matches a pattern keeps its values; the keys on the way to one are kept without values.
 * @example compileKeyPatterns(['Select', 'ControlSet*\\Services\\*', 'MountedDevices'])
 */
export interface KeyPatterns {
  /** True when the key at `path` (its names from the root) keeps its values. */
  keepsValues(path: readonly string[]): boolean;
  /** True when a pattern can match the key at `path` or a key below it. */
  leadsBelow(path: readonly string[]): boolean;
}

interface CompiledPattern {
  segments: RegExp[];
  subtree: boolean;
}

/** Compiles key patterns (see KeyPatterns). */
export function compileKeyPatterns(patterns: readonly string[]): KeyPatterns {
  const compiled: CompiledPattern[] = patterns.map((pattern) => {
    const parts = pattern.split('\\').filter((part) => part !== '');
    const subtree = parts.at(-1) === '**';
    return { segments: (subtree ? parts.slice(0, -1) : parts).map(toSegmentRegExp), subtree };
  });
  const matchesPrefix = (pattern: CompiledPattern, path: readonly string[], count: number): boolean =>
    pattern.segments.slice(0, count).every((segment, index) => segment.test(path[index] ?? ''));
  return {
    keepsValues: (path) => compiled.some((pattern) => (pattern.subtree ? path.length >= pattern.segments.length : path.length === pattern.segments.length)
      && matchesPrefix(pattern, path, pattern.segments.length)),
    leadsBelow: (path) => compiled.some((pattern) => (pattern.subtree || path.length < pattern.segments.length)
      && matchesPrefix(pattern, path, Math.min(path.length, pattern.segments.length))),
  };
}

function toSegmentRegExp(segment: string): RegExp {
  const body = segment.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 'i');
}
