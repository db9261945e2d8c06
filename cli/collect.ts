/** Commander's reducer for a repeatable option (`--models a.json --models b.mjs`): every value, in order. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
